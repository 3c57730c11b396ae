/**
 * Form drafts: every keystroke of a form is written to the device as a draft, so that a crash,
 * a reload or a service-worker update never loses typed input. Before anything reloads the page,
 * `flushAll` waits for every pending draft write.
 *
 * Each draft write carries a fresh token. A save that consumes the draft records that token in
 * the same transaction as the rows (src/db/draft-receipts.ts); a draft whose token has a receipt
 * was saved (the page died between the save and the draft's removal) and is dropped on load
 * rather than reopened over a line that may have changed since.
 */
import { type DraftReceipt, formIdNamesOneOf, renamedFormId } from '../db/draft-receipts';

export type { DraftReceipt };

import type { SettingsStore } from '../db/settings-store';

const DRAFT_PREFIX = 'draft:';

/** Where saves record the drafts they consumed (the repository). */
export interface DraftReceipts {
  readDraftReceipt(formId: string): Promise<string | undefined>;
  clearDraftReceipt(formId: string): Promise<void>;
}

export interface DraftRegistry {
  load<T>(formId: string): Promise<T | undefined>;
  save(formId: string, value: unknown): Promise<void>;
  clear(formId: string): Promise<void>;
  /** The receipt a save of this form's current draft records; undefined when there is no draft. */
  receiptFor(formId: string): DraftReceipt | undefined;
  /** Resolves once every draft write started so far is on the device (rejects if one failed). */
  flushAll(): Promise<void>;
  /** How many forms have a draft on the device. */
  count(): Promise<number>;
  /**
   * Removes every draft (a change of user on a shared device, ADR 0009: they hold what the
   * previous person typed), after the writes in flight have landed so none reappears.
   */
  clearAll(): Promise<void>;
  /**
   * Removes the drafts of the forms that name one of these ids (a household that left the
   * device's scope and the ids of its rows, PULL10; see formIdNamesOneOf), after the writes in
   * flight have landed so none reappears. Every other draft stays. Resolves with how many went.
   */
  removeDraftsOf(ids: ReadonlySet<string>): Promise<number>;
  /**
   * MERGE8: renames the drafts of the forms naming a merged household (a key of `moves`) to
   * name its survivor, after the writes in flight have landed. When the survivor's form already
   * has a draft, that draft is kept and the merged one dropped (it was typed on this device into
   * a form the survivor's draft has superseded). Resolves with how many drafts moved.
   */
  moveDraftsOf(moves: ReadonlyMap<string, string>): Promise<number>;
}

/** A draft as stored. Drafts written before receipts existed are the bare values. */
interface StoredDraft {
  kind: 'relais-draft';
  token: string;
  values: unknown;
}

function isStoredDraft(value: unknown): value is StoredDraft {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as StoredDraft).kind === 'relais-draft' &&
    typeof (value as StoredDraft).token === 'string'
  );
}

export function createDraftRegistry(store: SettingsStore, receipts?: DraftReceipts): DraftRegistry {
  const pending = new Set<Promise<void>>();
  /** The token of each form's latest draft, written or read in this session. */
  const tokens = new Map<string, string>();
  let counter = 0;
  const newToken = () => {
    counter += 1;
    return `${Date.now().toString(36)}.${counter.toString(36)}.${randomPart()}`;
  };
  const track = (write: Promise<void>): Promise<void> => {
    pending.add(write);
    const forget = () => pending.delete(write);
    write.then(forget, forget);
    return write;
  };
  return {
    load: async <T>(formId: string) => {
      const stored = await store.get<unknown>(DRAFT_PREFIX + formId);
      if (!isStoredDraft(stored)) return stored as T | undefined;
      const saved = receipts === undefined ? undefined : await receipts.readDraftReceipt(formId);
      if (saved === stored.token) {
        // Saved before the page died: the draft is spent.
        tokens.delete(formId);
        await track(store.delete(DRAFT_PREFIX + formId));
        await receipts?.clearDraftReceipt(formId);
        return undefined;
      }
      tokens.set(formId, stored.token);
      return stored.values as T;
    },
    save: (formId, value) => {
      const token = newToken();
      tokens.set(formId, token);
      const draft: StoredDraft = { kind: 'relais-draft', token, values: value };
      return track(store.set(DRAFT_PREFIX + formId, draft));
    },
    clear: async (formId) => {
      // A receipt can only exist for a draft this session wrote or read (it has a token).
      const hadDraft = tokens.delete(formId);
      await track(store.delete(DRAFT_PREFIX + formId));
      // The receipt only matters while its draft may still be on the device.
      if (hadDraft) await receipts?.clearDraftReceipt(formId);
    },
    receiptFor: (formId) => {
      const token = tokens.get(formId);
      return token === undefined ? undefined : { formId, token };
    },
    flushAll: async () => {
      await Promise.all([...pending]);
    },
    count: async () => (await draftKeys(store)).length,
    clearAll: async () => {
      await Promise.allSettled([...pending]);
      tokens.clear();
      for (const key of await draftKeys(store)) await track(store.delete(key));
    },
    removeDraftsOf: async (ids) => {
      await Promise.allSettled([...pending]);
      let removed = 0;
      for (const key of await draftKeys(store)) {
        const formId = key.slice(DRAFT_PREFIX.length);
        if (!formIdNamesOneOf(formId, ids)) continue;
        tokens.delete(formId);
        await track(store.delete(key));
        removed += 1;
      }
      return removed;
    },
    moveDraftsOf: async (moves) => {
      await Promise.allSettled([...pending]);
      const keys = await draftKeys(store);
      const existing = new Set(keys);
      let moved = 0;
      for (const key of keys) {
        const formId = key.slice(DRAFT_PREFIX.length);
        const target = renamedFormId(formId, moves);
        if (target === undefined) continue;
        const token = tokens.get(formId);
        tokens.delete(formId);
        if (!existing.has(DRAFT_PREFIX + target)) {
          await track(store.set(DRAFT_PREFIX + target, await store.get<unknown>(key)));
          if (token !== undefined) tokens.set(target, token);
          existing.add(DRAFT_PREFIX + target);
          moved += 1;
        }
        await track(store.delete(key));
      }
      return moved;
    },
  };
}

async function draftKeys(store: SettingsStore): Promise<string[]> {
  return (await store.keys()).filter((key) => key.startsWith(DRAFT_PREFIX));
}

function randomPart(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
