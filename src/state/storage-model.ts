import { signal } from '@preact/signals';

export type PersistState = 'granted' | 'denied' | 'unsupported';

export interface StorageInfo {
  persisted: PersistState;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/**
 * Asks the browser to keep Relais data even under storage pressure (navigator.storage.persist)
 * and reports what it answered, with usage and quota, for the settings page.
 */
export function createStorageModel(storage: StorageManager | undefined) {
  const info = signal<StorageInfo>({ persisted: 'unsupported', usageBytes: null, quotaBytes: null });

  async function refresh(): Promise<void> {
    if (!storage) return;
    const persisted = typeof storage.persisted === 'function' ? await storage.persisted() : false;
    const estimate = typeof storage.estimate === 'function' ? await storage.estimate() : {};
    info.value = {
      persisted: typeof storage.persist === 'function' ? (persisted ? 'granted' : 'denied') : 'unsupported',
      usageBytes: estimate.usage ?? null,
      quotaBytes: estimate.quota ?? null,
    };
  }

  async function requestPersistence(): Promise<void> {
    if (storage && typeof storage.persist === 'function') {
      try {
        await storage.persist();
      } catch {
        // A refusal is reported through `persisted()` below; nothing else to do.
      }
    }
    await refresh();
  }

  return { info, refresh, requestPersistence };
}

export type StorageModel = ReturnType<typeof createStorageModel>;
