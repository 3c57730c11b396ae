/**
 * The association's plan thresholds (PLAN5), fetched at each sync run (GET /api/plans/thresholds,
 * any signed-in user) and kept on the device for the counsellor's plans offline (PLAN8). Like the
 * legal parameters: offline, a 5xx or an unreadable answer keep what the device has.
 */
import { type PlanThresholds, PlanThresholdsSchema } from '../domain/plans/plan-monitoring';
import { type AuthorizedTransport, authorizedFetch } from './authorized-fetch';
import { endsTheRun, responseError } from './sync-errors';

/** Where the thresholds go (src/db/plan-thresholds-store.ts over the device settings). */
export interface PlanThresholdsPort {
  write(thresholds: PlanThresholds): Promise<void>;
}

/** The thresholds in the answer: the object itself, or under `thresholds`. */
function thresholdsIn(body: unknown): PlanThresholds | undefined {
  const direct = PlanThresholdsSchema.safeParse(body);
  if (direct.success) return direct.data;
  const wrapped =
    typeof body === 'object' && body !== null && 'thresholds' in body
      ? PlanThresholdsSchema.safeParse((body as { thresholds: unknown }).thresholds)
      : undefined;
  return wrapped?.success ? wrapped.data : undefined;
}

/** @throws SyncError `unauthorized` on a 401, as any other request of the run */
export async function refreshPlanThresholds(
  transport: AuthorizedTransport,
  port: PlanThresholdsPort | undefined,
): Promise<void> {
  if (port === undefined) return;
  let response: Response;
  try {
    response = await authorizedFetch(transport, 'GET', '/api/plans/thresholds');
  } catch {
    return;
  }
  if (endsTheRun(response.status)) throw await responseError(response);
  if (!response.ok) return;
  const thresholds = thresholdsIn(await response.json().catch(() => undefined));
  if (thresholds !== undefined) await port.write(thresholds);
}
