/**
 * Helpers of the plan monitoring suites (docs/reports-and-plans.md PLAN5–PLAN7): plans and payment
 * records pushed by a simulated device through the real sync API, the refresher run as the
 * derived-data drain runs it after a push (RPT8), and the stored states read back.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { parisDay } from '../../../sync-server/src/plans/paris-day';
import { refreshPlanStates } from '../../../sync-server/src/plans/plan-states-refresher';
import type { PlanStateRecord } from '../../../sync-server/src/stores/plans-tx';
import { type Account, bearer, type Device, type SyncServer } from '../sync/harness';

/** 12 × 100 € from 5 October 2026 (the test clock's T0 is 27 November 2026). */
export function planFields(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'bdf_conventional',
    firstDueOn: '2026-10-05',
    steps: [{ months: 12, monthlyCents: 10_000 }],
    ...fields,
  };
}

export function paymentFields(
  planId: string,
  dueOn: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    planId,
    dueOn,
    status: 'paid',
    amountCents: 10_000,
    source: 'counsellor',
    recordedOn: dueOn,
    ...fields,
  };
}

/** Pushes rows of one household; expects each applied; returns their ids. */
export async function pushRows(
  device: Device,
  householdId: string,
  rows: { entity: 'plan' | 'plan_payment'; fields: Record<string, unknown> }[],
): Promise<string[]> {
  const mutations = rows.map((row) => device.create(row.entity, householdId, row.fields));
  const response = await device.push(mutations);
  expect(response.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
  return mutations.map((m) => m.entityId);
}

/** What the derived-data drain does after a push or a merge: the roots' plan states rewritten. */
export async function refresh(server: SyncServer, rootIds: readonly string[]): Promise<void> {
  const now = server.clock.ms;
  await server.store.transaction((tx) => refreshPlanStates(tx, rootIds, { now, today: parisDay(now) }));
}

export async function stateOf(server: SyncServer, planId: string): Promise<PlanStateRecord | undefined> {
  return server.store.transaction((tx) => tx.getPlanState(planId));
}

export async function api(
  server: SyncServer,
  account: Account,
  method: 'GET' | 'PUT',
  url: string,
  payload?: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method,
    url,
    headers: bearer(account.token),
    ...(payload === undefined ? {} : { payload }),
  });
}

/** Unix ms of 09:00 in Paris (winter time) on `day`. */
export function parisMorning(day: string): number {
  return Date.parse(`${day}T08:00:00Z`);
}
