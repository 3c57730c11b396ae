/**
 * Read side of the counsellor's plans (docs/reports-and-plans.md PLAN8): every plan on the device
 * with its payments and the few facts of its household the list shows (name, reference, who is in
 * charge). The device holds its welcome points' dossiers only, so this reads whole tables. Rows
 * are parsed with the domain schemas; one that no longer parses is left out and reported.
 */
import { isMergedAway } from '../domain/dossier/counted-households';
import {
  type PlanPaymentRow,
  PlanPaymentRowSchema,
  type PlanRow,
  PlanRowSchema,
} from '../domain/dossier/rows';
import type { RelaisDb, StoredHousehold } from './app-db';
import type { InvalidRowHandler } from './dossier-queries';

export interface DevicePlan {
  householdId: string;
  /** The applicant's name as typed, '' when no member yet. */
  displayName: string;
  householdReference?: string;
  /** The counsellor in charge of the dossier (household.counsellorId), if any. */
  counsellorId?: string;
  /** Who recorded the plan (its row's origin): the plan's follower when no counsellor is named. */
  recordedBy: string;
  plan: PlanRow;
  /** The plan's payment rows, tombstones left out. */
  payments: PlanPaymentRow[];
}

/** Every live plan of a live household on the device, with its payments. */
export async function listDevicePlans(
  db: RelaisDb,
  onInvalidRow: InvalidRowHandler = () => undefined,
): Promise<DevicePlan[]> {
  return db.transaction('r', [db.plans, db.planPayments, db.households], async () => {
    const plans: PlanRow[] = [];
    for (const row of await db.plans.toArray()) {
      const parsed = PlanRowSchema.safeParse(row);
      if (!parsed.success) onInvalidRow('plans', row.id, parsed.error);
      else if (!parsed.data.deleted) plans.push(parsed.data);
    }
    const paymentsByPlan = new Map<string, PlanPaymentRow[]>();
    for (const row of await db.planPayments.toArray()) {
      const parsed = PlanPaymentRowSchema.safeParse(row);
      if (!parsed.success) {
        onInvalidRow('planPayments', row.id, parsed.error);
        continue;
      }
      if (parsed.data.deleted) continue;
      const list = paymentsByPlan.get(parsed.data.planId) ?? [];
      list.push(parsed.data);
      paymentsByPlan.set(parsed.data.planId, list);
    }
    const ids = [...new Set(plans.map((p) => p.householdId))];
    const households = new Map<string, StoredHousehold>();
    for (const h of await db.households.bulkGet(ids)) if (h !== undefined) households.set(h.id, h);
    const out: DevicePlan[] = [];
    for (const plan of plans) {
      const h = households.get(plan.householdId);
      // MERGE11: a merged household's plans are its survivor's now (the merge moved them).
      if (h === undefined || h.deleted || isMergedAway(h)) continue;
      out.push({
        householdId: h.id,
        displayName: h.local.displayName,
        ...(h.reference === undefined ? {} : { householdReference: h.reference }),
        ...(h.counsellorId === undefined ? {} : { counsellorId: h.counsellorId }),
        recordedBy: plan.origin.userId,
        plan,
        payments: paymentsByPlan.get(plan.id) ?? [],
      });
    }
    return out;
  });
}
