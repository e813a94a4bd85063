import type { UnitKind, UserRole } from '@dondoc/domain';

/**
 * A fictional province, "tỉnh Hòa An", shaped like the one the Tết 2024 Chỉ thị
 * was written for: provincial departments and sectors, the police, the military
 * and border guard, the judiciary and the Front (requested, not commanded), and
 * districts with communes. Mail addresses use the reserved `.example` domain.
 */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent?: string;
  commanded?: boolean;
  head: string;
}

const province = 'ubnd-tinh';
export const demoUnits: DemoUnit[] = [
  { code: province, name: 'Ủy ban nhân dân tỉnh Hòa An', kind: 'province', head: 'Trần Minh Quang' },
  { code: 'van-phong-ubnd', name: 'Văn phòng UBND tỉnh', kind: 'office', parent: province, head: 'Lê Thu Hà' },
  { code: 'cong-an-tinh', name: 'Công an tỉnh', kind: 'police', parent: province, head: 'Phạm Đức Long' },
  { code: 'bo-chqs-tinh', name: 'Bộ Chỉ huy Quân sự tỉnh', kind: 'military', parent: province, head: 'Hoàng Văn Sơn' },
  { code: 'bdbp-tinh', name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', kind: 'military', parent: province, head: 'Vũ Quốc Hưng' },
  { code: 'cuc-hai-quan', name: 'Cục Hải quan tỉnh', kind: 'sector', parent: province, head: 'Đỗ Thị Lan' },
  { code: 'cuc-qltt', name: 'Cục Quản lý thị trường tỉnh', kind: 'sector', parent: province, head: 'Bùi Văn Tâm' },
  { code: 'so-cong-thuong', name: 'Sở Công Thương', kind: 'department', parent: province, head: 'Nguyễn Thị Mai' },
  { code: 'so-tttt', name: 'Sở Thông tin và Truyền thông', kind: 'department', parent: province, head: 'Đặng Hữu Phúc' },
  { code: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parent: province, head: 'Ngô Thanh Bình' },
  { code: 'so-ldtbxh', name: 'Sở Lao động - Thương binh và Xã hội', kind: 'department', parent: province, head: 'Trịnh Thị Hương' },
  { code: 'so-gtvt', name: 'Sở Giao thông vận tải', kind: 'department', parent: province, head: 'Lý Văn Cường' },
  { code: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', parent: province, head: 'Mai Anh Tuấn' },
  { code: 'vks-tinh', name: 'Viện Kiểm sát nhân dân tỉnh', kind: 'judiciary', commanded: false, head: 'Phan Văn Khải' },
  { code: 'toa-an-tinh', name: 'Tòa án nhân dân tỉnh', kind: 'judiciary', commanded: false, head: 'Hồ Thị Ngọc' },
  { code: 'ubmttq-tinh', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', kind: 'front', commanded: false, head: 'Tạ Quang Vinh' },
  { code: 'tinh-doan', name: 'Tỉnh Đoàn', kind: 'mass_org', commanded: false, head: 'Lương Thị Yến' },
  { code: 'hoi-lhpn-tinh', name: 'Hội Liên hiệp Phụ nữ tỉnh', kind: 'mass_org', commanded: false, head: 'Kiều Thị Thảo' },
  { code: 'hoi-nong-dan-tinh', name: 'Hội Nông dân tỉnh', kind: 'mass_org', commanded: false, head: 'Đinh Văn Lộc' },
  { code: 'tinh-uy', name: 'Tỉnh ủy Hòa An', kind: 'party', commanded: false, head: 'Chu Văn Thịnh' },
  { code: 'ban-tuyen-giao-tu', name: 'Ban Tuyên giáo Tỉnh ủy', kind: 'party', parent: 'tinh-uy', commanded: false, head: 'Lâm Thị Nga' },
  { code: 'tp-hoa-an', name: 'UBND thành phố Hòa An', kind: 'district', parent: province, head: 'Cao Minh Đức' },
  { code: 'tx-ben-may', name: 'UBND thị xã Bến Mây', kind: 'district', parent: province, head: 'Quách Văn Nam' },
  { code: 'h-son-lam', name: 'UBND huyện Sơn Lâm', kind: 'district', parent: province, head: 'Tô Thị Hạnh' },
  { code: 'p-hoa-binh', name: 'UBND phường Hòa Bình', kind: 'commune', parent: 'tp-hoa-an', head: 'Âu Văn Hải' },
  { code: 'x-hoa-phu', name: 'UBND xã Hòa Phú', kind: 'commune', parent: 'tp-hoa-an', head: 'Mạc Thị Dung' },
  { code: 'p-ben-cang', name: 'UBND phường Bến Cảng', kind: 'commune', parent: 'tx-ben-may', head: 'Giang Văn Thành' },
  { code: 'tt-son-lam', name: 'UBND thị trấn Sơn Lâm', kind: 'commune', parent: 'h-son-lam', head: 'Khổng Thị Liên' },
  { code: 'x-son-thuy', name: 'UBND xã Sơn Thủy', kind: 'commune', parent: 'h-son-lam', head: 'Lục Văn Hòa' },
];

/** Groups the directives address as one ("các sở, ban, ngành", "UBND các huyện"). */
export const demoGroups: { code: string; name: string; members: (u: DemoUnit) => boolean }[] = [
  { code: 'so-ban-nganh', name: 'Các sở, ban, ngành cấp tỉnh', members: (u) => u.kind === 'department' || u.kind === 'sector' },
  { code: 'ubnd-cap-huyen', name: 'UBND các huyện, thành phố, thị xã', members: (u) => u.kind === 'district' },
  { code: 'ubnd-cap-xa', name: 'UBND các xã, phường, thị trấn', members: (u) => u.kind === 'commune' },
  { code: 'doan-the-tinh', name: 'Các đoàn thể cấp tỉnh', members: (u) => u.kind === 'mass_org' },
];

export const MAIL_DOMAIN = 'hoa-an.example';
export const headEmail = (code: string) => `${code}.lanhdao@${MAIL_DOMAIN}`;
export const focalEmail = (code: string) => `${code}.daumoi@${MAIL_DOMAIN}`;

/** Demo sign-ins: one per role the API will know, plus a head and an officer for every unit. */
export const demoUsers: { unit: string; role: UserRole; email: string; name: string }[] = [
  { unit: province, role: 'chairman', email: `chutich@${MAIL_DOMAIN}`, name: 'Trần Minh Quang' },
  { unit: 'van-phong-ubnd', role: 'office', email: `vanphong@${MAIL_DOMAIN}`, name: 'Lê Thu Hà' },
  { unit: 'cong-an-tinh', role: 'monitor', email: `theodoi.congan@${MAIL_DOMAIN}`, name: 'Nguyễn Hải Đăng' },
  { unit: 'van-phong-ubnd', role: 'admin', email: `quantri@${MAIL_DOMAIN}`, name: 'Quản trị hệ thống' },
  ...demoUnits
    .filter((u) => u.kind !== 'province')
    .flatMap((u) => [
      { unit: u.code, role: 'unit_head' as const, email: headEmail(u.code), name: u.head },
      { unit: u.code, role: 'unit_officer' as const, email: focalEmail(u.code), name: `Cán bộ đầu mối ${u.name}` },
    ]),
];
