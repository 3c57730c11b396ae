/**
 * Plan states (docs/reports-and-plans.md PLAN6): for the given roots, each live plan's state as
 * planStateOn computes it, written to plan_states with its household's welcome point, counsellor
 * and reference (so a worklist is one index range, PLAN7). The plans of a root that is gone (its
 * household deleted or merged away) or no longer holds them (deleted, or moved by a merge to the
 * survivor, whose refresh writes them) lose their rows. Run by the derived-data drain after a push
 * or merge (RPT8), by the daily recheck and after a change of thresholds.
 */

import { type PlanPayment, PlanPaymentSchema, PlanSchema } from '../../../src/domain/plans/plan';
import { DEFAULT_PLAN_THRESHOLDS, type PlanThresholds } from '../../../src/domain/plans/plan-monitoring';
import { planStateOn } from '../../../src/domain/plans/plan-state';
import type { DerivedContext, DerivedRefresher } from '../derived/refresher';
import type { PlanHousehold, PlanSourceRow, PlanStateRecord } from '../stores/plans-tx';
import type { StoreTx } from '../stores/store-tx';

export interface PlanStatesReport {
  written: number;
  /** Plans whose row does not parse, or whose notice no legal parameter covers: no state. */
  skipped: number;
}

/** The state rows of the plans of `rows` whose household is in `households` (pure). */
export function planStateRecords(
  households: ReadonlyMap<string, PlanHousehold>,
  rows: readonly PlanSourceRow[],
  thresholds: PlanThresholds,
  context: DerivedContext,
): { records: PlanStateRecord[]; skipped: number } {
  const payments = new Map<string, PlanPayment[]>();
  for (const row of rows) {
    if (row.entity !== 'plan_payment') continue;
    const parsed = PlanPaymentSchema.safeParse({ ...row.data, id: row.id });
    if (!parsed.success) continue;
    const list = payments.get(parsed.data.planId) ?? [];
    list.push(parsed.data);
    payments.set(parsed.data.planId, list);
  }
  const records: PlanStateRecord[] = [];
  let skipped = 0;
  for (const row of rows) {
    const household = households.get(row.householdId);
    if (row.entity !== 'plan' || household === undefined) continue;
    const parsed = PlanSchema.safeParse({ ...row.data, id: row.id });
    if (!parsed.success) {
      skipped += 1;
      continue;
    }
    const plan = parsed.data;
    let state: ReturnType<typeof planStateOn>;
    try {
      state = planStateOn(plan, payments.get(plan.id) ?? [], context.today, thresholds);
    } catch {
      skipped += 1;
      continue;
    }
    records.push({
      planId: plan.id,
      householdId: household.id,
      welcomePointId: household.welcomePointId,
      counsellorId: household.counsellorId,
      householdReference: household.reference,
      kind: plan.kind,
      status: state.status,
      failing: state.failing ? 1 : 0,
      missedCount: state.missedCount,
      arrearsCents: state.arrearsCents,
      nextDueOn: state.nextDueOn ?? null,
      endsOn: state.endsOn,
      lapsesOn: state.lapsesOn ?? null,
      recheckOn: state.recheckOn ?? null,
      updatedAt: context.now,
    });
  }
  return { records, skipped };
}

/** Rewrites the plan states of `rootIds` from their rows as they are now. */
export async function refreshPlanStates(
  tx: StoreTx,
  rootIds: readonly string[],
  context: DerivedContext,
): Promise<PlanStatesReport> {
  const thresholds = (await tx.getPlanThresholds()) ?? DEFAULT_PLAN_THRESHOLDS;
  const households = await tx.planHouseholds(rootIds);
  const rows = await tx.planSourceRows([...households.keys()]);
  const { records, skipped } = planStateRecords(households, rows, thresholds, context);
  await tx.deletePlanStatesExcept(
    rootIds,
    records.map((r) => r.planId),
  );
  await tx.upsertPlanStates(records);
  return { written: records.length, skipped };
}

export const planStatesRefresher: DerivedRefresher = {
  name: 'plan-states',
  async refresh(tx, rootIds, context) {
    await refreshPlanStates(tx, rootIds, context);
  },
};
