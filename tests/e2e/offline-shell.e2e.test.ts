import { describe, expect, it } from 'vitest';
import { chooseLocalPin, keepUnlocked } from './app-helpers';
import { useE2eApp, waitForServiceWorkerControl } from './harness';

describe('The PWA shell offline, in Chromium', () => {
  const app = useE2eApp('e2e-offline');

  it('installs the service worker on the first online visit', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/`);
    // Nobody has signed in here: a code for the device's local profile first (LOCK13); later
    // loads are unlocked with it.
    await chooseLocalPin(page);
    keepUnlocked(page);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await waitForServiceWorkerControl(page);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/index.html');
    expect(cached.some((url) => url.startsWith('/assets/index-') && url.endsWith('.js'))).toBe(true);
    expect(cached).toContain('/manifest.webmanifest');
  });

  it('has no installability errors (CDP Page.getInstallabilityErrors)', async () => {
    const { page, context } = app;
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string }>;
    };
    expect(installabilityErrors).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(manifest.url).toContain('/manifest.webmanifest');
    expect(manifest.errors).toEqual([]);
    await cdp.detach();
  });

  it('reloads and opens a deep link with the browser offline and the server stopped', async () => {
    const { page, context, server } = app;
    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    expect(await page.getByTestId('connection-status').textContent()).toContain('Hors ligne');

    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    expect(await page.getByTestId('app-build').textContent()).toBe('e2e-offline');
    // The page opens on "checking" and asks /api/health in an effect: wait for the answer.
    await expect
      .poll(() => page.getByTestId('server-state').textContent(), { timeout: 15_000 })
      .toBe('Injoignable pour le moment');

    const deep = await context.newPage();
    await deep.goto(`${server.url}/dossiers?welcome=lens`);
    await deep.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await deep.close();
    await context.setOffline(false);
  });
});
