/**
 * The association's plan thresholds (docs/reports-and-plans.md PLAN5) as this device last
 * received them, in the device settings (idb-keyval): written by the sync client at each run,
 * read by the counsellor's plan screens, offline too. Nothing received yet, or a value this app
 * cannot read: the defaults (DEFAULT_PLAN_THRESHOLDS).
 */
import {
  DEFAULT_PLAN_THRESHOLDS,
  type PlanThresholds,
  PlanThresholdsSchema,
} from '../domain/plans/plan-monitoring';
import type { SettingsStore } from './settings-store';

export const PLAN_THRESHOLDS_KEY = 'planThresholds';

/** The thresholds kept on the device, and whether they came from the server. */
export async function readPlanThresholds(
  settings: SettingsStore,
): Promise<{ thresholds: PlanThresholds; fromServer: boolean }> {
  const parsed = PlanThresholdsSchema.safeParse(await settings.get(PLAN_THRESHOLDS_KEY));
  return parsed.success
    ? { thresholds: parsed.data, fromServer: true }
    : { thresholds: DEFAULT_PLAN_THRESHOLDS, fromServer: false };
}

export async function writePlanThresholds(
  settings: SettingsStore,
  thresholds: PlanThresholds,
): Promise<void> {
  await settings.set(PLAN_THRESHOLDS_KEY, PlanThresholdsSchema.parse(thresholds));
}
