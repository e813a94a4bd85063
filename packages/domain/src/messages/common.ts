import { eventLabelsVi, stateLabelsVi } from '../labels.ts';
import type { AssignmentRole, Classification, DirectiveType } from '../model.ts';
import type { RegimeKind } from '../reporting/regime.ts';
import type { Light } from '../rules/follow-up-status.ts';
import { both, by } from './define.ts';

const lightLabels: Record<Light, [string, string]> = {
  done: ['Hoàn thành', 'Done'],
  on_time: ['Trong hạn', 'On time'],
  due_soon: ['Sắp đến hạn', 'Due soon'],
  overdue: ['Quá hạn', 'Overdue'],
  cancelled: ['Đã hủy', 'Cancelled'],
};

const directiveTypeLabels: Record<DirectiveType, [string, string]> = {
  chi_thi: ['Chỉ thị', 'Directive'],
  cong_van: ['Công văn', 'Official letter'],
  ke_hoach: ['Kế hoạch', 'Plan'],
  thong_bao: ['Thông báo', 'Notice'],
  quyet_dinh: ['Quyết định', 'Decision'],
};
const classificationLabels: Record<Classification, [string, string]> = {
  thuong: ['Thường', 'Ordinary'],
  mat: ['Mật', 'Confidential'],
  toi_mat: ['Tối mật', 'Secret'],
  tuyet_mat: ['Tuyệt mật', 'Top secret'],
};
const regimeLabels: Record<RegimeKind, [string, string]> = {
  weekly: ['Hằng tuần', 'Weekly'],
  monthly: ['Hằng tháng', 'Monthly'],
  quarterly: ['Hằng quý', 'Quarterly'],
  half_yearly: ['6 tháng', 'Half-yearly'],
  yearly: ['Hằng năm', 'Yearly'],
  end_of_campaign: ['Kết thúc đợt', 'End of campaign'],
  ad_hoc: ['Đột xuất', 'Ad hoc'],
};
const roleLabels: Record<AssignmentRole, [string, string]> = { lead: ['Chủ trì', 'Lead'], coordinate: ['Phối hợp', 'Coordinating'] };

/**
 * An assignment's state as units say it: a task not yet acknowledged is
 * "chưa tiếp nhận", not the directive's "mới ban hành".
 */
const assignmentStateLabels: Record<string, [string, string]> = { issued: ['chưa tiếp nhận', 'not acknowledged'] };

const roman = ['I', 'II', 'III', 'IV'];
/** A period's key (`2026-03`, `2026-Q1`, `2026-H1`, `2026-W05`, `2026`) as people name the period. */
function periodVi(key: string): string {
  const [y, p] = key.split('-') as [string, string | undefined];
  if (!p) return /^\d{4}$/.test(y) ? `năm ${y}` : key;
  if (/^\d{2}$/.test(p)) return `tháng ${p}/${y}`;
  if (/^Q[1-4]$/.test(p)) return `quý ${roman[Number(p[1]) - 1]}/${y}`;
  if (p === 'H1') return `6 tháng đầu năm ${y}`;
  if (p === 'H2') return `6 tháng cuối năm ${y}`;
  if (/^W\d{2}$/.test(p)) return `tuần ${p.slice(1)}/${y}`;
  return key;
}
const monthsEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function periodEn(key: string): string {
  const [y, p] = key.split('-') as [string, string | undefined];
  if (!p) return /^\d{4}$/.test(y) ? `year ${y}` : key;
  if (/^\d{2}$/.test(p)) return `${monthsEn[Number(p) - 1]} ${y}`;
  if (/^Q[1-4]$/.test(p)) return `Q${p[1]} ${y}`;
  if (p === 'H1' || p === 'H2') return `${p === 'H1' ? 'first' : 'second'} half of ${y}`;
  if (/^W\d{2}$/.test(p)) return `week ${p.slice(1)} of ${y}`;
  return key;
}

/** Words of the domain every surface shows: a machine state, an event, a traffic light. */
export const commonMessages = {
  /** A machine state: the Vietnamese label of labels.ts, in English the state's name. */
  state: by(
    (p: { state: string }) => stateLabelsVi[p.state] ?? p.state,
    (p) => p.state.replaceAll('_', ' '),
  ),
  event: by(
    (p: { type: string }) => eventLabelsVi[p.type] ?? p.type,
    (p) => p.type.replaceAll('_', ' ').toLowerCase(),
  ),
  /** An assignment's state (a unit's task), which differs from a directive's in its first word. */
  assignmentState: by(
    (p: { state: string }) => assignmentStateLabels[p.state]?.[0] ?? stateLabelsVi[p.state] ?? p.state,
    (p) => assignmentStateLabels[p.state]?.[1] ?? p.state.replaceAll('_', ' '),
  ),
  directiveType: by(
    (p: { type: DirectiveType }) => directiveTypeLabels[p.type][0],
    (p) => directiveTypeLabels[p.type][1],
  ),
  classification: by(
    (p: { classification: Classification }) => classificationLabels[p.classification][0],
    (p) => classificationLabels[p.classification][1],
  ),
  regimeKind: by(
    (p: { kind: RegimeKind }) => regimeLabels[p.kind][0],
    (p) => regimeLabels[p.kind][1],
  ),
  role: by(
    (p: { role: AssignmentRole }) => roleLabels[p.role][0],
    (p) => roleLabels[p.role][1],
  ),
  /** A report period by its key: "tháng 03/2026", "quý I/2026". A campaign's or an ad hoc period's own key is shown as it is. */
  periodName: by(
    (p: { key: string }) => periodVi(p.key),
    (p) => periodEn(p.key),
  ),
  light: by(
    (p: { light: Light }) => lightLabels[p.light][0],
    (p) => lightLabels[p.light][1],
  ),
  'common.reasonLine': by(
    (p: { reason: string }) => `Lý do: ${p.reason}`,
    (p) => `Reason: ${p.reason}`,
  ),
  'common.dash': both('—', '—'),
} as const;
