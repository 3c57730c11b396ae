/**
 * A settings store whose values are sealed under the data key (ENC9): the form drafts, which hold
 * whatever was typed (names, amounts, notes). Keys stay in clear: a draft's key is its form id,
 * made of a form kind and row ids (`note:new:<householdId>`), never of typed text, and the
 * registry finds drafts by key prefix without the key.
 *
 * A value stored in clear by an older app (a draft typed before the update) is read as it is.
 */
import type { SettingsStore } from '../settings-store';
import type { DataKeyring } from './data-keyring';
import { openJson, sealJson } from './row-cipher';

interface SealedValue {
  kind: 'relais-sealed';
  sealed: Uint8Array;
}

function isSealedValue(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SealedValue).kind === 'relais-sealed' &&
    (value as SealedValue).sealed instanceof Uint8Array
  );
}

/** Bound to the key, so a sealed value copied under another key is refused. */
const contextOf = (key: string) => `relais:settings:${key}`;

export function sealedSettingsStore(store: SettingsStore, keyring: DataKeyring): SettingsStore {
  return {
    get: async <T>(key: string) => {
      const stored = await store.get<unknown>(key);
      if (!isSealedValue(stored)) return stored as T | undefined;
      return openJson(keyring.cipher(), stored.sealed, contextOf(key)) as T;
    },
    set: async (key, value) => {
      const sealed: SealedValue = {
        kind: 'relais-sealed',
        sealed: sealJson(keyring.cipher(), value, contextOf(key)),
      };
      await store.set(key, sealed);
    },
    delete: (key) => store.delete(key),
    keys: () => store.keys(),
  };
}
