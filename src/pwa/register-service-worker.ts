/**
 * Service-worker registration in prompt mode, through workbox-window.
 * Loaded lazily after the first render so it does not weigh on the initial JavaScript.
 * A new version is never activated by itself: `onUpdateWaiting` hands an applier to the
 * update model, which calls it only when the user clicks and drafts are flushed.
 */
import { Workbox } from 'workbox-window';
import type { UpdateApplier } from '../state/update-model';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface RegistrationHandlers {
  onUpdateWaiting(applier: UpdateApplier): void;
  onOfflineReady(): void;
}

export function registerServiceWorker(scriptUrl: string, handlers: RegistrationHandlers): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox(scriptUrl, { type: 'classic' });

  const applier: UpdateApplier = {
    applyUpdate: () =>
      new Promise<void>(() => {
        // Reload only once the new worker controls the page, so the reload gets the new shell.
        workbox.addEventListener('controlling', () => window.location.reload());
        workbox.messageSkipWaiting();
      }),
  };

  workbox.addEventListener('waiting', () => handlers.onUpdateWaiting(applier));
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) handlers.onOfflineReady();
  });

  void workbox.register().then(() => {
    // Field devices stay open for days: look for a new version now and then, and when shown again.
    setInterval(() => void workbox.update(), UPDATE_CHECK_INTERVAL_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void workbox.update();
    });
  });
}
