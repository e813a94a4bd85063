import type { DirectiveInput } from '@dondoc/domain';

/**
 * A plan with numeric targets, modelled on Kế hoạch 146/KH-UBND of the Quảng
 * Ninh People's Committee (20 May 2022) on drug rehabilitation and after-care,
 * as the demo province's own plan under the same number. Targets as in the
 * source: 900 treatment cases (750 in centres, 150 at home and in the
 * community), vocational training for 360, jobs for 420; communication in every
 * commune. Sở LĐ-TB&XH leads and monitors; the district committees coordinate
 * and report monthly.
 */
export const keHoach146: DirectiveInput = {
  type: 'ke_hoach',
  numberSymbol: '146/KH-UBND',
  issuerUnit: 'ubnd-tinh',
  signer: 'Trần Minh Quang, Chủ tịch UBND tỉnh',
  issuedOn: '2026-05-20',
  subject: 'Thực hiện công tác cai nghiện ma túy và quản lý sau cai nghiện ma túy trên địa bàn tỉnh',
  body: 'Bảo đảm mọi người nghiện được tiếp cận dịch vụ cai nghiện phù hợp; quản lý sau cai tại nơi cư trú; hỗ trợ học nghề, việc làm cho người sau cai nghiện.',
  classification: 'thuong',
  monitoringUnit: 'so-ldtbxh',
  tasks: [
    {
      ordinal: 1,
      title: 'Tổ chức cai nghiện ma túy, đào tạo nghề và giải quyết việc làm cho người sau cai',
      body: 'Cai nghiện tập trung và tại gia đình, cộng đồng; tư vấn, giới thiệu việc làm miễn phí cho người sau cai có nhu cầu.',
      request: false,
      deadline: { kind: 'date', date: '2026-12-31' },
      addressees: [
        { unit: 'so-ldtbxh', role: 'lead' },
        { group: 'ubnd-cap-huyen', role: 'coordinate' },
      ],
      targets: [
        { code: 'cai-nghien', name: 'Cai nghiện ma túy (tổng số lượt người)', unitOfMeasure: 'lượt người', targetValue: 900 },
        { code: 'cai-nghien-tap-trung', name: 'Cai nghiện tập trung', unitOfMeasure: 'lượt người', targetValue: 750 },
        { code: 'cai-nghien-cong-dong', name: 'Cai nghiện tại gia đình, cộng đồng', unitOfMeasure: 'lượt người', targetValue: 150 },
        { code: 'dao-tao-nghe', name: 'Đào tạo nghề cho người nghiện ma túy', unitOfMeasure: 'người', targetValue: 360 },
        { code: 'viec-lam', name: 'Giải quyết việc làm cho người sau cai nghiện', unitOfMeasure: 'người', targetValue: 420 },
      ],
    },
    {
      ordinal: 2,
      title: 'Truyền thông phòng, chống tệ nạn ma túy ở cơ sở',
      body: 'Mỗi xã, phường, thị trấn tổ chức ít nhất 01 hoạt động truyền thông về phòng, chống tệ nạn ma túy.',
      request: false,
      deadline: { kind: 'date', date: '2026-12-31' },
      addressees: [{ group: 'ubnd-cap-xa', role: 'lead' }],
      targets: [{ code: 'xa-truyen-thong', name: 'Xã, phường, thị trấn có hoạt động truyền thông', unitOfMeasure: '%', targetValue: 100 }],
    },
  ],
};
