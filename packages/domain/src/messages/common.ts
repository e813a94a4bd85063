import { eventLabelsVi, stateLabelsVi } from '../labels.ts';
import type { Light } from '../rules/follow-up-status.ts';
import { both, by } from './define.ts';

const lightLabels: Record<Light, [string, string]> = {
  done: ['Hoàn thành', 'Done'],
  on_time: ['Trong hạn', 'On time'],
  due_soon: ['Sắp đến hạn', 'Due soon'],
  overdue: ['Quá hạn', 'Overdue'],
  cancelled: ['Đã hủy', 'Cancelled'],
};

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
