import { workingDaysBetween, localDateOf, type WorkingCalendar } from '@dondoc/domain';

/**
 * The consolidated report of one period (báo cáo tổng hợp): each unit — on
 * time, late and by how much, missing — missing ones first; each target — the
 * period's value against the target, the running total, percent achieved and
 * the change from the previous period. Pure: it takes the data, not a database.
 */
export interface ConsolidationInput {
  directive: { numberSymbol: string; subject: string | null };
  period: { id: string; key: string; startsOn: string; endsOn: string; dueAt: Date; closesAt: Date; state: string };
  targets: { code: string; name: string; unitOfMeasure: string; targetValue: number; aggregate: 'sum' | 'latest' }[];
  reports: { unitCode: string; unitName: string; state: string; submittedAt: Date | null; values: Record<string, number> | null }[];
  /** Values units reported in earlier periods of the regime, oldest first; the last is the previous period. */
  earlier: { key: string; values: Record<string, number>[] }[];
  now: Date;
}

export type UnitStatus = 'on_time' | 'late' | 'missing' | 'pending';

export interface ConsolidatedUnit {
  unitCode: string;
  unitName: string;
  status: UnitStatus;
  /** The report's state: submitted, accepted, returned… */
  state: string;
  submittedAt: string | null;
  /** Working days after the due day a late report came (or, for a missing one, up to now). */
  workingDaysLate: number;
  values: Record<string, number>;
}

export interface ConsolidatedTarget {
  code: string;
  /** Null where the reader may not read a classified directive's content. */
  name: string | null;
  unitOfMeasure: string;
  targetValue: number;
  aggregate: 'sum' | 'latest';
  /** This period: the sum of units' values, or the mean of their levels. Null when nobody reported it. */
  periodValue: number | null;
  /** Since the first period: the running sum, or the latest level. */
  cumulative: number | null;
  /** cumulative / target, in percent, one decimal. */
  percentAchieved: number | null;
  previousPeriodValue: number | null;
  change: number | null;
  reportedBy: number;
}

export interface Consolidation {
  directive: ConsolidationInput['directive'];
  period: { id: string; key: string; startsOn: string; endsOn: string; dueAt: string; closesAt: string; state: string };
  counts: { units: number; onTime: number; late: number; missing: number; pending: number };
  units: ConsolidatedUnit[];
  targets: ConsolidatedTarget[];
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const order: Record<UnitStatus, number> = { missing: 0, late: 1, pending: 2, on_time: 3 };

function aggregate(kind: 'sum' | 'latest', values: number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return kind === 'sum' ? sum : round1(sum / values.length);
}

export function consolidate(input: ConsolidationInput, cal: WorkingCalendar): Consolidation {
  const dueDay = localDateOf(input.period.dueAt);
  const units: ConsolidatedUnit[] = input.reports.map((r) => {
    const submitted = r.submittedAt !== null && r.state !== 'missing';
    const late = submitted ? r.submittedAt! > input.period.dueAt : input.now > input.period.dueAt;
    const status: UnitStatus = submitted
      ? late
        ? 'late'
        : 'on_time'
      : r.state === 'missing' || input.period.state === 'closed'
        ? 'missing'
        : late
          ? 'late'
          : 'pending';
    const until = submitted ? r.submittedAt! : input.now;
    return {
      unitCode: r.unitCode,
      unitName: r.unitName,
      status,
      state: r.state,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      workingDaysLate: late ? Math.max(0, workingDaysBetween(cal, dueDay, localDateOf(until))) : 0,
      values: submitted ? (r.values ?? {}) : {},
    };
  });
  units.sort((a, b) => order[a.status] - order[b.status] || b.workingDaysLate - a.workingDaysLate || a.unitName.localeCompare(b.unitName, 'vi'));

  const valuesOf = (rows: Record<string, number>[], code: string) => rows.map((v) => v[code]).filter((v): v is number => typeof v === 'number');
  const current = units.filter((u) => u.status === 'on_time' || u.status === 'late').map((u) => u.values);
  const previous = input.earlier.at(-1);
  const targets = input.targets.map((t) => {
    const periodValue = aggregate(t.aggregate, valuesOf(current, t.code));
    const earlierValues = input.earlier.map((p) => aggregate(t.aggregate, valuesOf(p.values, t.code)));
    const previousPeriodValue = previous ? aggregate(t.aggregate, valuesOf(previous.values, t.code)) : null;
    const all = [...earlierValues, periodValue].filter((v): v is number => v !== null);
    const cumulative = all.length === 0 ? null : t.aggregate === 'sum' ? all.reduce((a, b) => a + b, 0) : (periodValue ?? all.at(-1)!);
    return {
      code: t.code,
      name: t.name,
      unitOfMeasure: t.unitOfMeasure,
      targetValue: t.targetValue,
      aggregate: t.aggregate,
      periodValue,
      cumulative,
      percentAchieved: cumulative !== null && t.targetValue > 0 ? round1((cumulative / t.targetValue) * 100) : null,
      previousPeriodValue,
      change: periodValue !== null && previousPeriodValue !== null ? round1(periodValue - previousPeriodValue) : null,
      reportedBy: valuesOf(current, t.code).length,
    };
  });
  const count = (s: UnitStatus) => units.filter((u) => u.status === s).length;
  return {
    directive: input.directive,
    period: {
      id: input.period.id,
      key: input.period.key,
      startsOn: input.period.startsOn,
      endsOn: input.period.endsOn,
      dueAt: input.period.dueAt.toISOString(),
      closesAt: input.period.closesAt.toISOString(),
      state: input.period.state,
    },
    counts: { units: units.length, onTime: count('on_time'), late: count('late'), missing: count('missing'), pending: count('pending') },
    units,
    targets,
  };
}

/** The consolidation as a reader not entitled to a classified directive's content sees it: numbers, no target names or subject. */
export function redactConsolidation(c: Consolidation): Consolidation {
  return { ...c, directive: { ...c.directive, subject: null }, targets: c.targets.map((t) => ({ ...t, name: null })) };
}
