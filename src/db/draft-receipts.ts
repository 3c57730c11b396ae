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

/**
 * Whether a form's draft belongs to one of these ids. Form ids are `:`-separated and name the row
 * the form edits (`charge:<rowId>`, `member:<rowId>`) or, for a new row or a whole-dossier form,
 * the household (`member:new:<householdId>`, `household:<householdId>`): a household's drafts are
 * those whose form id has one segment equal to the household's id or to the id of one of its rows.
 * @example formIdNamesOneOf('charge:new:hh-1', new Set(['hh-1'])) // true
 */
export function formIdNamesOneOf(formId: string, ids: ReadonlySet<string>): boolean {
  return formId.split(':').some((segment) => ids.has(segment));
}

/**
 * Removes the receipts of the forms naming one of these ids (a household that left the device
 * with its rows, PULL10). Call inside the transaction that removes the rows (meta is in its scope).
 */
export async function clearDraftReceiptsOf(db: RelaisDb, ids: ReadonlySet<string>): Promise<void> {
  await db.meta
    .where('key')
    .startsWith(RECEIPT_PREFIX)
    .filter((entry) => formIdNamesOneOf(entry.key.slice(RECEIPT_PREFIX.length), ids))
    .delete();
}

/**
 * The form id with each segment naming a merged household replaced by its survivor (MERGE8), or
 * undefined when no segment names one.
 * @example renamedFormId('member:new:h2', new Map([['h2', 'h1']])) // 'member:new:h1'
 */
export function renamedFormId(formId: string, moves: ReadonlyMap<string, string>): string | undefined {
  const segments = formId.split(':');
  if (!segments.some((segment) => moves.has(segment))) return undefined;
  return segments.map((segment) => moves.get(segment) ?? segment).join(':');
}

/**
 * Moves the receipts of the forms naming a merged household to the survivor's form ids (MERGE8),
 * so the drafts, moved after the transaction, still meet their receipts. A receipt the survivor's
 * form already has is kept. Call inside the page transaction (meta is in its scope).
 */
export async function renameDraftReceipts(db: RelaisDb, moves: ReadonlyMap<string, string>): Promise<void> {
  const receipts = await db.meta
    .where('key')
    .startsWith(RECEIPT_PREFIX)
    .filter((entry) => renamedFormId(entry.key.slice(RECEIPT_PREFIX.length), moves) !== undefined)
    .toArray();
  for (const receipt of receipts) {
    const target = RECEIPT_PREFIX + renamedFormId(receipt.key.slice(RECEIPT_PREFIX.length), moves);
    if ((await db.meta.get(target)) === undefined) await db.meta.put({ key: target, value: receipt.value });
    await db.meta.delete(receipt.key);
  }
}
