/** How states and events read in Vietnamese, for messages people see. */
export const stateLabelsVi: Record<string, string> = {
  issued: 'mới ban hành',
  assigned: 'đã tiếp nhận',
  in_progress: 'đang thực hiện',
  reported: 'đã báo cáo',
  returned: 'bị trả lại',
  reviewed: 'đã duyệt',
  cancelled: 'đã hủy',
  closed: 'đã kết thúc',
  withdrawn: 'đã thu hồi',
};

export const eventLabelsVi: Record<string, string> = {
  ACKNOWLEDGE: 'tiếp nhận',
  START: 'bắt đầu thực hiện',
  SUBMIT_REPORT: 'gửi báo cáo',
  APPROVE: 'duyệt báo cáo',
  RETURN: 'trả lại báo cáo',
  REQUEST_EXTENSION: 'xin gia hạn',
  GRANT_EXTENSION: 'cho gia hạn',
  DENY_EXTENSION: 'từ chối gia hạn',
  CANCEL: 'hủy',
  DEADLINE_PASSED: 'ghi nhận quá hạn',
  WITHDRAW: 'thu hồi',
  CLOSE: 'kết thúc theo dõi',
  ROLLUP: 'tổng hợp trạng thái',
};

export const subjectLabelsVi: Record<string, string> = {
  assignment: 'nhiệm vụ được giao',
  directive: 'văn bản',
};
