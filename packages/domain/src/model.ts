/** Vocabulary shared by every layer. Values are stored as-is in the database. */

export const unitKinds = [
  'province', // UBND tỉnh: the issuer
  'office', // Văn phòng UBND tỉnh
  'department', // sở
  'sector', // ban, ngành and central agencies in the province (Cục Hải quan, Cục QLTT)
  'police', // Công an tỉnh
  'military', // Bộ Chỉ huy Quân sự, Bộ đội Biên phòng
  'judiciary', // Viện Kiểm sát, Tòa án
  'front', // Ủy ban MTTQ
  'mass_org', // đoàn thể
  'party', // Party bodies (Ban Tuyên giáo Tỉnh ủy)
  'district', // UBND huyện, thành phố, thị xã
  'commune', // UBND xã, phường, thị trấn
] as const;
export type UnitKind = (typeof unitKinds)[number];

export const userRoles = ['chairman', 'office', 'monitor', 'unit_head', 'unit_officer', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

export const directiveTypes = ['chi_thi', 'cong_van', 'ke_hoach', 'thong_bao', 'quyet_dinh'] as const;
export type DirectiveType = (typeof directiveTypes)[number];

export const classifications = ['thuong', 'mat', 'toi_mat', 'tuyet_mat'] as const;
export type Classification = (typeof classifications)[number];

export const assignmentRoles = ['lead', 'coordinate'] as const;
export type AssignmentRole = (typeof assignmentRoles)[number];

export const deadlineKinds = ['date', 'working_days', 'standing'] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

/** How a task's deadline was given in the text. */
export type DeadlineSpec =
  | { kind: 'date'; date: string } // yyyy-mm-dd, local; due at the end of that working day
  | { kind: 'working_days'; days: number } // "trong N ngày làm việc" from the issue date
  | { kind: 'standing' }; // "thường xuyên": no deadline

/** Who caused an event: a signed-in user, or a part of the system. */
export type Actor = { kind: 'user'; userId: string; label?: string } | { kind: 'system'; label: string };

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : `system:${actor.label}`;
}

export type SubjectType = 'assignment' | 'directive' | 'unit_report' | 'report_period';
export interface Subject {
  type: SubjectType;
  id: string;
}
