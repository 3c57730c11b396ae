/**
 * What the Scenarios screen shows of a comparison: one row per scenario (the table), the
 * details per creditor, the total balance over time (the chart) and the saved-scenario row.
 */
import { addMonths, type IsoDate } from '../../domain/dates';
import type { Dossier } from '../../domain/dossier/dossier';
import type { FieldsOf, ScenarioRow } from '../../domain/dossier/rows';
import type { Comparison } from '../../domain/rescheduling/compare-scenarios';
import type { OrientationHint } from '../../domain/rescheduling/orientation-hint';
import type { CompareInput } from '../../domain/rescheduling/scenario-input';
import type { ScenarioOutcome, ScenarioSummary } from '../../domain/rescheduling/scenario-outcome';
import { choiceOf, type ScenarioChoice } from './compare-input';

export interface CreditorLine {
  readonly creditorId: string;
  readonly name: string | null;
  readonly initialCents: number;
  readonly paidCents: number;
  readonly interestCents: number;
  readonly writeOffCents: number;
  readonly remainingCents: number;
  readonly lastMonth: number | null;
}

/** What a row means when nothing can be paid: each track can do something else. */
export type NothingPaidMeaning = 'amicable' | 'banque-de-france' | 'other';

export interface ScenarioRowView {
  readonly index: number;
  readonly choice: ScenarioChoice;
  readonly feasible: boolean;
  /** Duration, months, as the person reads it (see shownDurationMonths); null: nothing is paid. */
  readonly months: number | null;
  readonly monthlyPaymentCents: number;
  readonly totalPaidCents: number;
  readonly interestCents: number;
  readonly writeOffCents: number;
  readonly remainingNotWrittenOffCents: number;
  /** Last month with any payment (null when nothing is ever paid) and its date. */
  readonly lastMonth: number | null;
  readonly lastMonthDate: IsoDate | null;
  readonly creditors: readonly CreditorLine[];
  readonly writeOff: WriteOffView;
  /** Creditors still owed something at the end (as today: never repaid at today's pace). */
  readonly neverRepaid: readonly CreditorLine[];
}

/**
 * The duration a person reads for a scenario. "As today" follows the contracts over a 30-year
 * horizon: when a debt is never repaid, the engine's end month is that horizon, not a duration;
 * the real one is the last month anything is paid. Other scenarios end at their plan's end.
 * @param choice - the scenario
 * @param months - the engine's end month (ScenarioSummary.months)
 * @param lastPaymentMonth - the last month with a payment (0: never)
 * @returns months, or null when nothing is ever paid
 * @example shownDurationMonths('as-today', 360, 58) // 58
 */
export function shownDurationMonths(
  choice: ScenarioChoice,
  months: number,
  lastPaymentMonth: number,
): number | null {
  if (lastPaymentMonth <= 0) return null;
  return choice === 'as-today' ? lastPaymentMonth : months;
}

function nothingPaidMeaning(choice: ScenarioChoice): NothingPaidMeaning {
  return choice === 'amicable' || choice === 'banque-de-france' ? choice : 'other';
}

/** What a scenario does with what it does not repay: the comparison and the saved list agree. */
export interface WriteOffView {
  /** Only the Banque de France measures can write a debt off; the other rows leave it owed. */
  readonly canWriteOff: boolean;
  readonly writeOffCents: number;
  /** Still owed at the end and not written off, cents. */
  readonly leftOwedCents: number;
  /** Set when the scenario pays nothing at all: what the row means instead of "0 € paid". */
  readonly nothingPaid: NothingPaidMeaning | null;
}

/**
 * The engine leaves what a negotiated term does not cover as "written off" at the end of the
 * run; an amicable plan (or the contracts as they are) writes nothing off, so that part is
 * still owed.
 * @example writeOffView('amicable', { totalPaidCents: 0, writeOffCents: 170_000, remainingNotWrittenOffCents: 0 }).leftOwedCents // 170_000
 */
export function writeOffView(
  choice: ScenarioChoice | null,
  s: Pick<ScenarioSummary, 'totalPaidCents' | 'writeOffCents' | 'remainingNotWrittenOffCents'>,
): WriteOffView {
  const canWriteOff = choice === 'banque-de-france' || choice === null;
  return {
    canWriteOff,
    writeOffCents: canWriteOff ? s.writeOffCents : 0,
    leftOwedCents: s.remainingNotWrittenOffCents + (canWriteOff ? 0 : s.writeOffCents),
    // As today pays what the contracts say, whatever the capacity: its note names the debts left.
    nothingPaid:
      s.totalPaidCents === 0 && choice !== null && choice !== 'as-today' ? nothingPaidMeaning(choice) : null,
  };
}

/** The month's date: month 1 is the start month. */
export function monthDate(startDate: IsoDate, month: number): IsoDate {
  return addMonths(startDate, month - 1);
}

function creditorLines(
  outcome: ScenarioOutcome,
  dossier: Dossier,
  debtCreditor: Map<string, string>,
): CreditorLine[] {
  const names = new Map(dossier.creditors.map((c) => [c.id, c.name]));
  const byCreditor = new Map<string, CreditorLine>();
  for (const debt of outcome.result.perDebt) {
    const creditorId = debtCreditor.get(debt.debtId) ?? debt.debtId;
    const current = byCreditor.get(creditorId);
    const lastMonth =
      debt.lastMonth === null
        ? (current?.lastMonth ?? null)
        : Math.max(debt.lastMonth, current?.lastMonth ?? 0);
    byCreditor.set(creditorId, {
      creditorId,
      name: names.get(creditorId) ?? null,
      initialCents: (current?.initialCents ?? 0) + debt.initialBalanceCents,
      paidCents: (current?.paidCents ?? 0) + debt.paidCents,
      interestCents: (current?.interestCents ?? 0) + debt.interestCents,
      writeOffCents: (current?.writeOffCents ?? 0) + debt.writeOffCents,
      remainingCents: (current?.remainingCents ?? 0) + debt.remainingCents - debt.writeOffCents,
      lastMonth,
    });
  }
  return [...byCreditor.values()];
}

/**
 * The table rows, in the order of the input.
 * @param input - the input the comparison was computed from
 * @param comparison - the engine's result
 * @param dossier - for creditor names
 */
export function scenarioRows(
  input: CompareInput,
  comparison: Comparison,
  dossier: Dossier,
): ScenarioRowView[] {
  const debtCreditor = new Map(input.debts.map((d) => [d.id, d.creditorId ?? d.id]));
  return comparison.outcomes.map((outcome, index) => {
    const s = outcome.summary;
    const choice = choiceOf(outcome.spec);
    const lastMonth = outcome.result.lastPaymentMonth > 0 ? outcome.result.lastPaymentMonth : null;
    const creditors = creditorLines(outcome, dossier, debtCreditor);
    return {
      index,
      choice,
      feasible: s.feasible,
      months: shownDurationMonths(choice, s.months, outcome.result.lastPaymentMonth),
      monthlyPaymentCents: s.firstMonthlyPaymentCents,
      totalPaidCents: s.totalPaidCents,
      interestCents: s.totalInterestCents,
      writeOffCents: s.writeOffCents,
      remainingNotWrittenOffCents: s.remainingNotWrittenOffCents,
      lastMonth,
      lastMonthDate: lastMonth === null ? null : monthDate(input.startDate, lastMonth),
      creditors,
      writeOff: writeOffView(choice, s),
      neverRepaid: choice === 'as-today' ? creditors.filter((c) => c.remainingCents > 0) : [],
    };
  });
}

/** One series of the chart: the total still owed after each month (index 0 = the start). */
export interface BalanceSeries {
  readonly index: number;
  readonly choice: ScenarioChoice;
  readonly points: readonly number[];
}

/**
 * The total balance over time of each scenario, from its month rows. After its last month a
 * series stays at what is left (the part written off or still owed).
 */
export function balanceSeries(input: CompareInput, comparison: Comparison): BalanceSeries[] {
  const start = input.debts.reduce((sum, d) => sum + d.balanceCents, 0);
  return comparison.outcomes.map((outcome, index) => {
    const points = [start];
    for (const month of outcome.result.schedule) {
      points.push(month.payments.reduce((sum, p) => sum + p.balanceAfterCents, 0));
    }
    return { index, choice: choiceOf(outcome.spec), points };
  });
}

/** Longest series length, months. */
export function chartMonths(series: readonly BalanceSeries[]): number {
  return Math.max(1, ...series.map((s) => s.points.length - 1));
}

/** The balance of a series at a month (the last known value after its end). */
export function balanceAt(series: BalanceSeries, month: number): number {
  return series.points[Math.min(month, series.points.length - 1)] ?? 0;
}

/** Months shown in the chart's data table: every 12 months, and the last one. */
export function tableMonths(months: number): number[] {
  const list: number[] = [];
  for (let m = 0; m < months; m += 12) list.push(m);
  list.push(months);
  return list;
}

export const SCENARIO_SAVED_BY = 'local-user';
export const ENGINE_VERSION = 'rescheduling-1';

/** The reasons of the orientation hint, as stored (both languages). */
function orientationSnapshot(hint: OrientationHint) {
  return {
    track: hint.track,
    measure: hint.measure,
    reasons: hint.reasons.map((r) => ({ key: r.key, rule: r.rule, fr: r.text.fr, en: r.text.en })),
  };
}

/**
 * The scenario row to store: the parameters it was run with and a snapshot of its summary.
 * @param input - the comparison input (context + all specs)
 * @param comparison - its result
 * @param index - which scenario
 */
export function savedScenarioFields(options: {
  input: CompareInput;
  comparison: Comparison;
  index: number;
  name: string;
  isChosen: boolean;
  savedAt: number;
}): FieldsOf<'scenario'> {
  const { input, comparison, index } = options;
  const outcome = comparison.outcomes[index];
  if (!outcome) throw new RangeError(`no scenario at ${index}`);
  const lastMonth = outcome.result.lastPaymentMonth;
  return {
    name: options.name,
    savedAt: options.savedAt,
    savedBy: SCENARIO_SAVED_BY,
    isChosen: options.isChosen,
    engineVersion: ENGINE_VERSION,
    parameters: {
      choice: choiceOf(outcome.spec),
      spec: outcome.spec,
      startDate: input.startDate,
      capacity: input.capacity,
      incomeMayRecover: input.incomeMayRecover ?? false,
      debtIds: input.debts.map((d) => d.id),
    },
    summary: {
      ...outcome.summary,
      lastPaymentMonth: lastMonth,
      lastPaymentDate: lastMonth > 0 ? monthDate(input.startDate, lastMonth) : null,
      orientation: orientationSnapshot(comparison.orientation),
    },
  };
}

/** A saved scenario as the list shows it (the snapshot read back, checked field by field). */
export interface SavedScenarioView {
  readonly id: string;
  readonly name: string;
  readonly savedAt: number;
  readonly isChosen: boolean;
  readonly choice: ScenarioChoice | null;
  readonly summary: Pick<
    ScenarioSummary,
    | 'months'
    | 'totalPaidCents'
    | 'totalInterestCents'
    | 'writeOffCents'
    | 'feasible'
    | 'firstMonthlyPaymentCents'
  > | null;
  /** What is written off or left owed, read as the comparison reads it (null: unreadable). */
  readonly writeOff: WriteOffView | null;
  readonly startDate: string | null;
  readonly capacityMonthlyCents: number | null;
}

const CHOICES: readonly string[] = [
  'as-today',
  'amicable',
  'banque-de-france',
  'avalanche',
  'snowball',
  'pro-rata',
];

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Saved scenarios, the chosen one first, then newest first. */
export function savedScenarios(rows: readonly ScenarioRow[]): SavedScenarioView[] {
  return rows
    .filter((r) => !r.deleted)
    .map((row): SavedScenarioView => {
      const p = row.parameters;
      const s = row.summary;
      const choice =
        typeof p.choice === 'string' && CHOICES.includes(p.choice) ? (p.choice as ScenarioChoice) : null;
      const engineMonths = num(s.months);
      const lastPayment = num(s.lastPaymentMonth);
      // The same duration as the comparison shows (as today: the last payment, not the horizon).
      const months =
        engineMonths !== null && choice !== null && lastPayment !== null
          ? (shownDurationMonths(choice, engineMonths, lastPayment) ?? engineMonths)
          : engineMonths;
      const totalPaidCents = num(s.totalPaidCents);
      const totalInterestCents = num(s.totalInterestCents);
      const writeOffCents = num(s.writeOffCents);
      const firstMonthlyPaymentCents = num(s.firstMonthlyPaymentCents);
      const complete =
        months !== null &&
        totalPaidCents !== null &&
        totalInterestCents !== null &&
        writeOffCents !== null &&
        firstMonthlyPaymentCents !== null &&
        typeof s.feasible === 'boolean';
      const capacity = p.capacity as { monthlyCents?: unknown } | undefined;
      return {
        id: row.id,
        name: row.name,
        savedAt: row.savedAt,
        isChosen: row.isChosen,
        choice,
        summary: complete
          ? {
              months,
              totalPaidCents,
              totalInterestCents,
              writeOffCents,
              firstMonthlyPaymentCents,
              feasible: s.feasible as boolean,
            }
          : null,
        writeOff:
          complete && totalPaidCents !== null && writeOffCents !== null
            ? writeOffView(choice, {
                totalPaidCents,
                writeOffCents,
                remainingNotWrittenOffCents: num(s.remainingNotWrittenOffCents) ?? 0,
              })
            : null,
        startDate: typeof p.startDate === 'string' ? p.startDate : null,
        capacityMonthlyCents: num(capacity?.monthlyCents),
      };
    })
    .sort((a, b) => Number(b.isChosen) - Number(a.isChosen) || b.savedAt - a.savedAt);
}
