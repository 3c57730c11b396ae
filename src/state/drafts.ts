/**
 * Form drafts: every keystroke of a form is written to the device as a draft, so that a crash,
 * a reload or a service-worker update never loses typed input. Before anything reloads the page,
 * `flushAll` waits for every pending draft write.
 */
import type { SettingsStore } from '../db/settings-store';

const DRAFT_PREFIX = 'draft:';

export interface DraftRegistry {
  load<T>(formId: string): Promise<T | undefined>;
  save(formId: string, value: unknown): Promise<void>;
  clear(formId: string): Promise<void>;
  /** Resolves once every draft write started so far is on the device (rejects if one failed). */
  flushAll(): Promise<void>;
}

export function createDraftRegistry(store: SettingsStore): DraftRegistry {
  const pending = new Set<Promise<void>>();
  const track = (write: Promise<void>): Promise<void> => {
    pending.add(write);
    const forget = () => pending.delete(write);
    write.then(forget, forget);
    return write;
  };
  return {
    load: <T>(formId: string) => store.get<T>(DRAFT_PREFIX + formId),
    save: (formId, value) => track(store.set(DRAFT_PREFIX + formId, value)),
    clear: (formId) => track(store.delete(DRAFT_PREFIX + formId)),
    flushAll: async () => {
      await Promise.all([...pending]);
    },
  };
}
