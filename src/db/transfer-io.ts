/**
 * Transfer without network (issue 5 item 4): export dossiers to the transfer document, import
 * one on another device. An import never overwrites newer local data silently: per row, the
 * newer side by HLC wins; a row newer on the device is kept and reported; a field the device
 * changed and has not synced yet is kept, reported as a conflict and recorded in `conflicts`.
 * Imported changes go to the outbox like any local write, so they reach the server.
 */
import { DOSSIER_COLLECTIONS, type Dossier } from '../domain/dossier/dossier';
import type { AnyRow } from '../domain/dossier/rows';
import {
  TRANSFER_FORMAT,
  TRANSFER_FORMAT_VERSION,
  type TransferDocument,
  TransferDocumentSchema,
} from '../domain/dossier/transfer';
import { CHILD_ENTITY_NAMES, ENTITY_TABLES, type EntityName } from '../domain/sync/entities';
import { compareHlc, parseHlc } from '../domain/sync/hlc';
import type { MutationOp } from '../domain/sync/mutation';
import type { RelaisDb } from './app-db';
import { type ChangeRecorder, changedFields, fieldsOf } from './change-recorder';
import { TransferValidationError } from './repository-errors';

export interface SkippedRow {
  entity: EntityName;
  id: string;
  householdId: string;
  /** Fields whose imported value was not applied. */
  fields: string[];
  localHlc: string;
  importedHlc: string;
}

export interface ImportConflict {
  /** Id of the record in the `conflicts` table. */
  conflictId: string;
  entity: EntityName;
  id: string;
  householdId: string;
  fields: { field: string; local: unknown; incoming: unknown }[];
}

export interface ImportReport {
  /** Rows that did not exist on the device. */
  created: number;
  /** Rows updated with newer imported values. */
  updated: number;
  /** Rows identical on both sides. */
  unchanged: number;
  /** Rows kept because the device's version is newer. */
  skippedNewerLocal: SkippedRow[];
  /** Fields kept because the device changed them and has not synced them yet. */
  conflicts: ImportConflict[];
  /** Households present in the file. */
  householdIds: string[];
}

export function buildTransferDocument(
  dossiers: readonly Dossier[],
  meta: { exportedAt: number; appVersion: string; deviceId: string },
): TransferDocument {
  return {
    format: TRANSFER_FORMAT,
    formatVersion: TRANSFER_FORMAT_VERSION,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    appVersion: meta.appVersion,
    deviceId: meta.deviceId,
    households: [...dossiers],
  };
}

/** Validates an untrusted document (e.g. JSON.parse of a file). */
export function parseTransferDocument(document: unknown): TransferDocument {
  const result = TransferDocumentSchema.safeParse(document);
  if (!result.success) throw new TransferValidationError(result.error.issues);
  return result.data;
}

function opFor(fields: readonly string[], row: AnyRow): MutationOp {
  if (!fields.includes('deleted')) return 'patch';
  return row.deleted ? 'delete' : 'restore';
}

function patchOf(row: AnyRow, fields: readonly string[]): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const f of fields) patch[f] = r[f] === undefined ? null : r[f];
  return patch;
}

/**
 * Fields of the row edited on this device and not yet synced: patches of outbox entries
 * stamped by this device. Entries written by earlier imports carry the stamp of the device
 * that made the change, so re-imports do not see them as local edits.
 */
async function locallyEditedFields(
  db: RelaisDb,
  deviceId: string,
  entity: EntityName,
  id: string,
): Promise<Set<string>> {
  const entries = await db.outbox.where('[entity+entityId]').equals([entity, id]).toArray();
  return new Set(
    entries.filter((e) => parseHlc(e.hlc).node === deviceId).flatMap((e) => Object.keys(e.patch)),
  );
}

async function importRow(
  db: RelaisDb,
  recorder: ChangeRecorder,
  entity: EntityName,
  imported: AnyRow,
  report: ImportReport,
): Promise<void> {
  recorder.observe(imported.updatedHlc);
  const local = (await db.table(ENTITY_TABLES[entity]).get(imported.id)) as AnyRow | undefined;
  if (local === undefined) {
    const patch = fieldsOf(imported);
    for (const f of ['deleted', 'deletedAt', 'deletedBy'] as const) {
      if (imported[f] !== undefined && (f !== 'deleted' || imported.deleted)) patch[f] = imported[f];
    }
    await recorder.write({
      op: 'create',
      entity,
      row: recorder.validate(entity, imported),
      patch,
      base: { version: imported.version, fieldVersions: { ...imported.fieldVersions } },
    });
    report.created += 1;
    return;
  }
  const differing = changedFields(local, imported, true);
  const order = compareHlc(imported.updatedHlc, local.updatedHlc);
  if (differing.length === 0 || order === 0) {
    report.unchanged += 1;
    return;
  }
  if (order < 0 || local.householdId !== imported.householdId) {
    report.skippedNewerLocal.push({
      entity,
      id: local.id,
      householdId: local.householdId,
      fields: differing,
      localHlc: local.updatedHlc,
      importedHlc: imported.updatedHlc,
    });
    return;
  }
  const pending = await locallyEditedFields(db, recorder.device, entity, local.id);
  const conflicting = differing.filter((f) => pending.has(f));
  const applied = differing.filter((f) => !pending.has(f));
  const importedValues = imported as Record<string, unknown>;
  const localValues = local as Record<string, unknown>;
  if (conflicting.length > 0) {
    const conflictId = recorder.newId();
    const fields = conflicting.map((field) => ({
      field,
      local: localValues[field],
      incoming: importedValues[field],
    }));
    await db.conflicts.put({
      id: conflictId,
      householdId: local.householdId,
      entity,
      entityId: local.id,
      source: 'import',
      status: 'open',
      fields,
      localHlc: local.updatedHlc,
      incomingHlc: imported.updatedHlc,
      createdAt: recorder.now(),
    });
    report.conflicts.push({ conflictId, entity, id: local.id, householdId: local.householdId, fields });
  }
  if (applied.length === 0) return;
  const next: Record<string, unknown> = { ...local };
  for (const f of applied) {
    if (importedValues[f] === undefined) delete next[f];
    else next[f] = importedValues[f];
  }
  const fieldVersions = { ...local.fieldVersions };
  for (const f of applied) {
    const v = imported.fieldVersions[f];
    if (v !== undefined) fieldVersions[f] = Math.max(v, fieldVersions[f] ?? 0);
  }
  next.version = Math.max(local.version, imported.version);
  next.fieldVersions = fieldVersions;
  // All imported: the row is the imported one, with its stamp. Merged with kept local fields:
  // a new local change, stamped now (after the imported stamp).
  const stamp = conflicting.length === 0 ? undefined : recorder.stamp();
  next.updatedHlc = stamp?.hlc ?? imported.updatedHlc;
  next.updatedAt = stamp?.at ?? imported.updatedAt;
  next.origin = stamp ? { deviceId: recorder.device, userId: recorder.userId } : imported.origin;
  const row = recorder.validate(entity, next);
  const baseVersions: Record<string, number> = {};
  for (const f of applied) baseVersions[f] = imported.fieldVersions[f] ?? 0;
  // The mutation keeps the imported stamp: it replays the other device's change.
  await recorder.write(
    {
      op: opFor(applied, row),
      entity,
      row,
      patch: patchOf(row, applied),
      base: { version: imported.version, fieldVersions: baseVersions },
    },
    imported.updatedHlc,
  );
  report.updated += 1;
}

/** Imports a validated document inside the caller's transaction. */
export async function importDocument(
  db: RelaisDb,
  recorder: ChangeRecorder,
  document: TransferDocument,
): Promise<ImportReport> {
  const report: ImportReport = {
    created: 0,
    updated: 0,
    unchanged: 0,
    skippedNewerLocal: [],
    conflicts: [],
    householdIds: document.households.map((d) => d.household.id),
  };
  for (const dossier of document.households) {
    await importRow(db, recorder, 'household', dossier.household, report);
    for (const entity of CHILD_ENTITY_NAMES) {
      for (const row of dossier[DOSSIER_COLLECTIONS[entity]]) {
        await importRow(db, recorder, entity, row as AnyRow, report);
      }
    }
  }
  return report;
}
