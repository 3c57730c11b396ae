/**
 * Helpers of the report suites (docs/reports-and-plans.md RPT*): dossiers and workshops pushed by
 * a simulated device through the real sync API, the report API over app.inject, and a wait for the
 * derived-data drain (never a fixed sleep).
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type ActivityReport, ActivityReportSchema } from '../../../src/domain/reports/activity-report';
import { type Account, bearer, type Device, type SyncServer } from '../sync/harness';

/** A child row pushed by `device`; returns its id. */
export async function push(
  device: Device,
  entity: Parameters<Device['create']>[0],
  householdId: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const m = device.create(entity, householdId, fields);
  const response = await device.push([m]);
  expect(response.results[0]?.status, JSON.stringify(response.results[0])).toBe('applied');
  return m.entityId;
}

/** An action, and a later revision of it (RPT1a: a correction or a cancellation). */
export async function pushAction(
  device: Device,
  householdId: string,
  fields: Record<string, unknown>,
): Promise<string> {
  return push(device, 'action', householdId, fields);
}

export async function pushRevision(
  device: Device,
  householdId: string,
  supersedes: string,
  kind: 'correction' | 'cancellation',
  fields: Record<string, unknown>,
): Promise<string> {
  return push(device, 'action', householdId, {
    ...fields,
    ...(kind === 'cancellation' ? { status: 'cancelled' } : {}),
    supersedes,
    revision: { kind, reason: kind === 'correction' ? 'Mauvaise date' : 'Saisi par erreur', writtenAt: 1 },
  });
}

/** A workshop session, a root of its own (WS1): its id is its scope. */
export async function pushWorkshop(device: Device, fields: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  const m = device.create('workshop', id, fields, id);
  const response = await device.push([m]);
  expect(response.results[0]?.status, JSON.stringify(response.results[0])).toBe('applied');
  return id;
}

/** Waits until the derived-data queue is drained (RPT8). */
export async function drained(server: SyncServer): Promise<void> {
  await server.app.derived.idle();
  expect(await server.store.transaction((tx) => tx.derivedQueueLength())).toBe(0);
}

export async function getReport(
  server: SyncServer,
  query: string,
  account: Account = server.world.coordinator,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'GET',
    url: `/api/reports/activity?${query}`,
    headers: bearer(account.token),
  });
}

/** The JSON report, which the test expects to be answered and valid. */
export async function report(server: SyncServer, query: string): Promise<ActivityReport> {
  await drained(server);
  const response = await getReport(server, query);
  expect(response.statusCode, response.body).toBe(200);
  return ActivityReportSchema.parse(response.json());
}

/** One indicator as `{ total, months, points }`, months in order, points by id ('none' for null). */
export function figures(r: ActivityReport, code: string) {
  const indicator = r.indicators.find((i) => i.code === code);
  if (indicator === undefined) throw new Error(`no ${code}`);
  return {
    total: indicator.total,
    months: indicator.byMonth.map((m) => m.value),
    points: Object.fromEntries(indicator.byWelcomePoint.map((w) => [w.welcomePointId ?? 'none', w.value])),
  };
}
