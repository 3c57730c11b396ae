/**
 * Helpers of the merge suites (docs/merges.md MERGE*): households with children pushed by a
 * simulated device, the coordinator's merge API over app.inject, and what the store holds of a
 * household. Sample child fields come from the synthetic dossiers (tests/support/seed.ts), so
 * every entity has a valid row without a hand-written fixture per entity.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { fieldsOf } from '../../../src/db/change-recorder';
import {
  type ChildChoice,
  type MergePreview,
  MergePreviewSchema,
  type MergeResult,
} from '../../../src/domain/sync/coordination-protocol';
import { type ChildEntityName, ENTITY_TABLES } from '../../../src/domain/sync/entities';
import type { StoredRow } from '../../../sync-server/src/stores/store-tx';
import { generateSyntheticDossiers } from '../../support/seed';
import { bearer, type Device, type SyncServer } from '../sync/harness';

const SAMPLES = generateSyntheticDossiers(3, 14);

/** Issue 15's children, which the synthetic dossiers do not generate. */
const ISSUE_15_SAMPLES: Partial<Record<ChildEntityName, Record<string, unknown>>> = {
  plan: { kind: 'amicable', firstDueOn: '2026-04-05', steps: [{ months: 24, monthlyCents: 12_000 }] },
  plan_payment: {
    planId: '0195a1b2-c3d4-7000-8000-0000000000a1',
    dueOn: '2026-04-05',
    status: 'paid',
    amountCents: 12_000,
    source: 'counsellor',
    recordedOn: '2026-04-07',
  },
  microcredit: { requestedOn: '2026-02-01', decision: 'granted', monthlyPaymentCents: 9_000 },
};

/** Valid fields of one row of `entity` (the first synthetic dossier that has one). */
export function sampleFields(entity: ChildEntityName): Record<string, unknown> {
  for (const dossier of SAMPLES) {
    const row = (dossier[ENTITY_TABLES[entity]] as object[])[0];
    if (row !== undefined) return fieldsOf(row);
  }
  const sample = ISSUE_15_SAMPLES[entity];
  if (sample !== undefined) return { ...sample };
  throw new Error(`no synthetic ${entity}`);
}

export function creditorFields(name: string): Record<string, unknown> {
  return { name, category: 'credit_institution' };
}

export function debtFields(creditorId: string, reference?: string): Record<string, unknown> {
  return { ...sampleFields('debt'), creditorId, ...(reference === undefined ? {} : { reference }) };
}

/** A household pushed by `device`, with the household fields given on top of the defaults. */
export async function pushHousehold(
  device: Device,
  welcomePointId: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const h = device.createHousehold(welcomePointId);
  Object.assign(h.patch, fields);
  const response = await device.push([h]);
  expect(response.results[0]?.status).toBe('applied');
  return h.entityId;
}

/** A child pushed by `device`; returns its id. */
export async function pushChild(
  device: Device,
  entity: ChildEntityName,
  householdId: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const m = device.create(entity, householdId, fields);
  const response = await device.push([m]);
  expect(response.results[0]?.status).toBe('applied');
  return m.entityId;
}

export async function getPreview(
  server: SyncServer,
  survivorId: string,
  mergedId: string,
): Promise<MergePreview> {
  const response = await server.app.inject({
    method: 'GET',
    url: `/api/coordination/merge-preview?survivorId=${survivorId}&mergedId=${mergedId}`,
    headers: bearer(server.world.coordinator.token),
  });
  expect(response.statusCode, response.body).toBe(200);
  return MergePreviewSchema.parse(response.json());
}

export interface MergeBody {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  fieldChoices: Record<string, 'survivor' | 'merged'>;
  childChoices: ChildChoice[];
}

/** A merge command with no field choice (defaults) and every child duplicate kept as `keep`. */
export async function mergeBody(
  server: SyncServer,
  survivorId: string,
  mergedId: string,
  options: { keep?: 'both' | 'survivor'; fieldChoices?: MergeBody['fieldChoices'] } = {},
): Promise<MergeBody> {
  const preview = await getPreview(server, survivorId, mergedId);
  return {
    mergeId: randomUUID(),
    survivorId,
    mergedId,
    reason: 'Même famille enregistrée deux fois',
    fieldChoices: options.fieldChoices ?? {},
    childChoices: preview.childDuplicates.map((d) => ({
      entity: d.entity,
      survivorChildId: d.survivorChildId,
      mergedChildId: d.mergedChildId,
      keep: options.keep ?? 'both',
    })),
  };
}

export async function postMerge(server: SyncServer, body: unknown): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: '/api/coordination/merges',
    headers: bearer(server.world.coordinator.token),
    payload: body as Record<string, unknown>,
  });
}

/** Merges with the default choices; expects success. */
export async function merge(
  server: SyncServer,
  survivorId: string,
  mergedId: string,
  options: Parameters<typeof mergeBody>[3] = {},
): Promise<MergeResult> {
  const response = await postMerge(server, await mergeBody(server, survivorId, mergedId, options));
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MergeResult;
}

export async function postUndo(server: SyncServer, mergeId: string): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: `/api/coordination/merges/${mergeId}/undo`,
    headers: bearer(server.world.coordinator.token),
    payload: { reason: 'Fusion faite par erreur' },
  });
}

/** Every row the store holds with this household id (its own row included). */
export async function rowsOf(server: SyncServer, householdId: string): Promise<StoredRow[]> {
  return server.store.transaction((tx) => tx.rowsOfHousehold(householdId));
}

/** The rows' data by `entity:id`, for deep comparisons. */
export function dataById(rows: readonly StoredRow[]): Map<string, Record<string, unknown>> {
  return new Map(rows.map((r) => [`${r.entity}:${r.id}`, r.data]));
}

export async function mergedIntoOf(server: SyncServer, ids: string[]): Promise<Map<string, string>> {
  return server.store.transaction((tx) => tx.mergedIntoOf(ids));
}

/** The stored row of `entity` `id`. */
export async function storedRow(server: SyncServer, entity: string, id: string): Promise<StoredRow> {
  const rows = await server.store.transaction((tx) => tx.getRows([id]));
  const row = rows.find((r) => r.entity === entity);
  if (row === undefined) throw new Error(`no ${entity} ${id}`);
  return row;
}

/** The wire version of a stored row, as a device would hold it (the base of a patch). */
export function versionOf(row: StoredRow): {
  id: string;
  householdId: string;
  version: number;
  fieldVersions: Record<string, number>;
} {
  const fieldVersions: Record<string, number> = {};
  for (const [field, meta] of Object.entries(row.fieldMeta)) fieldVersions[field] = meta.v;
  return { id: row.id, householdId: row.householdId, version: row.version, fieldVersions };
}
