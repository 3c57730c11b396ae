/**
 * Helpers of the household-rights suites (docs/household-rights.md RIGHT*): a dossier with a row
 * of every child entity and personal values, the export and erasure API over app.inject, and a
 * scan of every table of the database (read from the engine's catalogue, not from the code's list
 * of tables) for a household id.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { CHILD_ENTITY_NAMES } from '../../../src/domain/sync/entities';
import type { Account } from '../../support/sync-harness';
import { pushChild, pushHousehold, sampleFields } from '../merges/merge-harness';
import { bearer, type Device, type SyncServer } from '../sync/harness';

/** Personal values of the household, to look for after an export, erasure or anonymisation. */
export const PERSONAL = {
  phone: '06 12 34 56 78',
  email: 'aicha.benali@example.org',
  reference: 'RL-2026-0042',
  address: { line1: '12 rue des Lilas', postcode: '69008', city: 'Lyon' },
  indebtednessCause: 'Perte d’emploi en 2025',
};

export interface Dossier {
  id: string;
  /** Child entity → row id (one of each). */
  children: Map<string, string>;
}

/** A household with the personal values above and one row of every child entity. */
export async function pushDossier(
  device: Device,
  welcomePointId: string,
  fields: Record<string, unknown> = {},
): Promise<Dossier> {
  const id = await pushHousehold(device, welcomePointId, { ...PERSONAL, ...fields });
  const children = new Map<string, string>();
  for (const entity of CHILD_ENTITY_NAMES) {
    children.set(entity, await pushChild(device, entity, id, sampleFields(entity)));
  }
  return { id, children };
}

export async function getExport(
  server: SyncServer,
  householdId: string,
  account: Account = server.world.coordinator,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'GET',
    url: `/api/households/${householdId}/export`,
    headers: bearer(account.token),
  });
}

export async function postErasure(
  server: SyncServer,
  householdId: string,
  body: Record<string, unknown> = { ground: 'consent-withdrawn', confirmation: PERSONAL.reference },
  account: Account = server.world.coordinator,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: `/api/households/${householdId}/erasure`,
    headers: bearer(account.token),
    payload: body,
  });
}

/** Erases and expects success. */
export async function erase(server: SyncServer, householdId: string): Promise<void> {
  const response = await postErasure(server, householdId);
  expect(response.statusCode, response.body).toBe(200);
}

/** Every table of the database (from the engine's catalogue). */
export async function allTables(server: SyncServer): Promise<string[]> {
  return server.store.transaction(async (tx) => {
    const rows =
      tx.sql.engine === 'postgres'
        ? await tx.sql.all<{ name: string }>(
            `SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        : await tx.sql.all<{ name: string }>(
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
          );
    return rows.map((r) => r.name).sort();
  });
}

/** The tables with a row whose text (any column) contains `needle`, with how many rows. */
/**
 * RIGHT4: the access log keeps its entries about an erased household (ids and actions only,
 * docs/access-log.md): who touched it stays answerable after the erasure.
 */
export function besidesAccessLog(tables: Record<string, number>): Record<string, number> {
  const { access_log: _kept, ...rest } = tables;
  return rest;
}

export async function tablesMentioning(server: SyncServer, needle: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await allTables(server)) {
    const rows = await server.store.transaction((tx) => tx.sql.all(`SELECT * FROM ${table}`));
    const hits = rows.filter((row) => JSON.stringify(row).includes(needle)).length;
    if (hits > 0) out[table] = hits;
  }
  return out;
}
