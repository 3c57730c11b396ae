/**
 * Draft receipts: a form's save and the proof that it was saved are written in ONE Dexie
 * transaction, so a draft left behind by a crash (or a page closed) between the save and the
 * draft's removal is recognised as saved and dropped, instead of reopening an old value over a
 * line that sync has changed since (issue 6, I8).
 *
 * Drafts live in idb-keyval (src/db/settings-store.ts), a separate database: they cannot be
 * removed atomically with the row. Each draft write carries a token; the save records the token
 * of the draft it consumed under `draftSaved:<formId>` in the meta table.
 */
import type { RelaisDb } from './app-db';

const RECEIPT_PREFIX = 'draftSaved:';

/** The draft a save consumes: its form id and the token of its latest write. */
export interface DraftReceipt {
  formId: string;
  token: string;
}

/** Records the receipt; call inside the write transaction of the save (meta is in its scope). */
export async function recordDraftReceipt(db: RelaisDb, receipt: DraftReceipt): Promise<void> {
  await db.meta.put({ key: RECEIPT_PREFIX + receipt.formId, value: receipt.token });
}

export async function readDraftReceipt(db: RelaisDb, formId: string): Promise<string | undefined> {
  const value = (await db.meta.get(RECEIPT_PREFIX + formId))?.value;
  return typeof value === 'string' ? value : undefined;
}

export async function clearDraftReceipt(db: RelaisDb, formId: string): Promise<void> {
  await db.meta.delete(RECEIPT_PREFIX + formId);
}
