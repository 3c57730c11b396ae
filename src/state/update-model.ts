import { signal } from '@preact/signals';
import type { DraftRegistry } from './drafts';

/** What the service-worker layer offers once a new version is waiting. */
export interface UpdateApplier {
  /** Activates the waiting version and reloads the page. */
  applyUpdate(): Promise<void>;
}

/**
 * The "new version available" flow (prompt mode): the banner shows when a new service worker
 * is waiting; the update is applied only on the user's click, and only after every form draft
 * is safely on the device, so a reload never loses typed input.
 */
export function createUpdateModel(drafts: DraftRegistry) {
  const isAvailable = signal(false);
  const isOfflineReady = signal(false);
  const isApplying = signal(false);
  const hasFailed = signal(false);
  let applier: UpdateApplier | null = null;

  function offer(next: UpdateApplier): void {
    applier = next;
    isAvailable.value = true;
  }

  function dismiss(): void {
    isAvailable.value = false;
  }

  async function apply(): Promise<void> {
    if (!applier || isApplying.value) return;
    isApplying.value = true;
    hasFailed.value = false;
    try {
      await drafts.flushAll();
      await applier.applyUpdate();
    } catch {
      isApplying.value = false;
      hasFailed.value = true;
    }
  }

  return { isAvailable, isOfflineReady, isApplying, hasFailed, offer, dismiss, apply };
}

export type UpdateModel = ReturnType<typeof createUpdateModel>;
