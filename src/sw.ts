/// <reference lib="webworker" />
/**
 * The service worker: precaches the whole shell (every built asset) so that any route of Relais
 * loads with no network at all. Navigations fall back to the precached index.html, except /api.
 * A new version waits until the page asks it to take over (prompt mode, see update-model.ts).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event) => {
  if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Take control of pages opened before the first install, so the very first visit is offline-ready.
  event.waitUntil(self.clients.claim());
});
