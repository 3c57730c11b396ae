/**
 * The plan of a saved scenario, per creditor and month by month. A saved scenario stores the
 * parameters it was run with (scenario spec, start date, capacity, the debts it covered) and a
 * summary, not its month rows: the plan is recomputed here with the same engine, on the
 * dossier's current debts. When the recomputed total differs from the saved summary (the debts
 * changed since), `changedSinceSaved` says so and the documents print a warning.
 */
import { z } from 'zod';
import { addMonths, type IsoDate, IsoDateSchema } from '../dates';
import type { Dossier } from '../dossier/dossier';
import type { ScenarioRow } from '../dossier/rows';
import type { Cents } from '../money';
import { CapacityPlanSchema } from '../rescheduling/capacity-plan';
import { runScenario } from '../rescheduling/compare-scenarios';
import { dossierSimulationDebts } from '../rescheduling/dossier-simulation-debts';
import { type ScenarioContext, ScenarioSpecSchema } from '../rescheduling/scenario-input';
import { live } from './dossier-facts';

const SavedParametersSchema = z.object({
  spec: ScenarioSpecSchema,
  startDate: IsoDateSchema,
  capacity: CapacityPlanSchema,
  incomeMayRecover: z.boolean().optional(),
  debtIds: z.array(z.string()).optional(),
});

/**
 * A run of months in which a creditor receives the same amount, give or take one cent (the
 * engine's pro-rata sharing moves a cent from one creditor to another from month to month).
 */
export interface PlanSegment {
  readonly fromMonth: number;
  readonly toMonth: number;
  /** The amount of the segment's first month, cents. */
  readonly amountCents: Cents;
  /** The exact sum of the segment's months, cents. */
  readonly totalCents: Cents;
  /** Some months differ from `amountCents` by one cent. */
  readonly varies: boolean;
}

/** Amounts this close (cents) are shown as one run. */
export const SEGMENT_TOLERANCE_CENTS = 1;

export interface CreditorPlan {
  readonly creditorId: string;
  readonly debtIds: readonly string[];
  /** Owed at the start (all its debts), cents. */
  readonly initialCents: Cents;
  /** Paid over the plan, cents. */
  readonly paidCents: Cents;
  /** Written off at the end, cents. */
  readonly writeOffCents: Cents;
  /** Still owed at the end and not written off, cents. */
  readonly remainingCents: Cents;
  /** Payment of each month, index 0 = month 1, cents. */
  readonly monthly: readonly Cents[];
  readonly segments: readonly PlanSegment[];
  /** First month with a payment, its amount; null when never paid. */
  readonly firstPaymentCents: Cents | null;
  readonly lastMonth: number | null;
}

export interface SavedPlan {
  readonly scenarioId: string;
  readonly name: string;
  readonly kind: string;
  readonly startDate: IsoDate;
  /** Months shown: the last month with any payment. */
  readonly months: number;
  readonly monthDates: readonly IsoDate[];
  readonly creditors: readonly CreditorPlan[];
  /** Sum of every creditor's payment, per month (index 0 = month 1), cents. */
  readonly monthlyTotals: readonly Cents[];
  readonly totalPaidCents: Cents;
  readonly writeOffCents: Cents;
  readonly feasible: boolean;
  /** The recomputed total paid differs from the summary saved with the scenario. */
  readonly changedSinceSaved: boolean;
}

export type SavedPlanResult =
  | { ok: true; plan: SavedPlan }
  | { ok: false; reason: 'unreadable' | 'no-debts' };

export function segmentsOf(monthly: readonly Cents[]): PlanSegment[] {
  const out: PlanSegment[] = [];
  monthly.forEach((amount, index) => {
    const month = index + 1;
    const last = out[out.length - 1];
    if (
      last &&
      amount > 0 &&
      last.toMonth === month - 1 &&
      Math.abs(last.amountCents - amount) <= SEGMENT_TOLERANCE_CENTS
    ) {
      out[out.length - 1] = {
        ...last,
        toMonth: month,
        totalCents: last.totalCents + amount,
        varies: last.varies || amount !== last.amountCents,
      };
    } else if (amount > 0) {
      out.push({ fromMonth: month, toMonth: month, amountCents: amount, totalCents: amount, varies: false });
    }
  });
  return out;
}

/**
 * Recomputes a saved scenario's plan on the dossier's debts, grouped by creditor.
 * @param dossier - the dossier (its live debts and creditors)
 * @param row - the saved scenario
 * @example savedPlan(dossier, chosen).ok // true
 */
export function savedPlan(dossier: Dossier, row: ScenarioRow): SavedPlanResult {
  const parsed = SavedParametersSchema.safeParse(row.parameters);
  if (!parsed.success) return { ok: false, reason: 'unreadable' };
  const p = parsed.data;
  const wanted = p.debtIds ? new Set(p.debtIds) : null;
  const debts = dossierSimulationDebts(dossier).filter((d) => !wanted || wanted.has(d.id));
  if (debts.length === 0) return { ok: false, reason: 'no-debts' };
  const context: ScenarioContext = {
    startDate: p.startDate,
    capacity: p.capacity,
    debts,
    ...(p.incomeMayRecover ? { incomeMayRecover: true } : {}),
  };
  const outcome = runScenario(context, p.spec, true);
  const result = outcome.result;
  const months = Math.max(0, result.lastPaymentMonth);
  const creditorOf = new Map(debts.map((d) => [d.id, d.creditorId ?? d.id]));
  const order: string[] = [];
  const byCreditor = new Map<
    string,
    {
      debtIds: string[];
      monthly: number[];
      initial: number;
      paid: number;
      writeOff: number;
      remaining: number;
    }
  >();
  for (const d of debts) {
    const c = creditorOf.get(d.id) ?? d.id;
    if (!byCreditor.has(c)) {
      order.push(c);
      byCreditor.set(c, {
        debtIds: [],
        monthly: new Array<number>(months).fill(0),
        initial: 0,
        paid: 0,
        writeOff: 0,
        remaining: 0,
      });
    }
    byCreditor.get(c)?.debtIds.push(d.id);
  }
  for (const outcomeDebt of result.perDebt) {
    const entry = byCreditor.get(creditorOf.get(outcomeDebt.debtId) ?? '');
    if (!entry) continue;
    entry.initial += outcomeDebt.initialBalanceCents;
    entry.paid += outcomeDebt.paidCents;
    entry.writeOff += outcomeDebt.writeOffCents;
    entry.remaining += outcomeDebt.remainingCents - outcomeDebt.writeOffCents;
  }
  const monthlyTotals = new Array<number>(months).fill(0);
  for (const month of result.schedule) {
    if (month.month > months) break;
    for (const payment of month.payments) {
      const entry = byCreditor.get(creditorOf.get(payment.debtId) ?? '');
      if (!entry) continue;
      entry.monthly[month.month - 1] = (entry.monthly[month.month - 1] ?? 0) + payment.amountCents;
      monthlyTotals[month.month - 1] = (monthlyTotals[month.month - 1] ?? 0) + payment.amountCents;
    }
  }
  const creditors = order.map((creditorId): CreditorPlan => {
    const e = byCreditor.get(creditorId);
    const monthly = e?.monthly ?? [];
    const firstIndex = monthly.findIndex((a) => a > 0);
    let lastIndex = -1;
    monthly.forEach((a, i) => {
      if (a > 0) lastIndex = i;
    });
    return {
      creditorId,
      debtIds: e?.debtIds ?? [],
      initialCents: e?.initial ?? 0,
      paidCents: e?.paid ?? 0,
      writeOffCents: e?.writeOff ?? 0,
      remainingCents: Math.max(0, e?.remaining ?? 0),
      monthly,
      segments: segmentsOf(monthly),
      firstPaymentCents: firstIndex >= 0 ? (monthly[firstIndex] ?? 0) : null,
      lastMonth: lastIndex >= 0 ? lastIndex + 1 : null,
    };
  });
  const savedTotal = row.summary.totalPaidCents;
  return {
    ok: true,
    plan: {
      scenarioId: row.id,
      name: row.name,
      kind: p.spec.kind,
      startDate: p.startDate,
      months,
      monthDates: Array.from({ length: months }, (_, i) => addMonths(p.startDate, i)),
      creditors,
      monthlyTotals,
      totalPaidCents: result.totalPaidCents,
      writeOffCents: result.writeOffCents,
      feasible: outcome.summary.feasible,
      changedSinceSaved: typeof savedTotal === 'number' && savedTotal !== result.totalPaidCents,
    },
  };
}

/** The chosen scenario of a dossier (the newest if several are marked), else the newest saved. */
export function chosenScenario(dossier: Dossier): ScenarioRow | undefined {
  const rows = live(dossier.scenarios).sort(
    (a, b) => Number(b.isChosen) - Number(a.isChosen) || b.savedAt - a.savedAt,
  );
  return rows[0];
}
