/**
 * Small per-device settings (language, device name, form drafts) in IndexedDB through idb-keyval.
 * Dossier data does not live here: it goes through the Dexie repository layer.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';

export interface SettingsStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key (the drafts are found by their prefix). */
  keys(): Promise<string[]>;
}

export function createSettingsStore(databaseName = 'relais-settings'): SettingsStore {
  const store: UseStore = createStore(databaseName, 'settings');
  return {
    get: <T>(key: string) => get<T>(key, store),
    set: (key, value) => set(key, value, store),
    delete: (key) => del(key, store),
    keys: async () => (await keys(store)).map(String),
  };
}
