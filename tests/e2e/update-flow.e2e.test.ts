import { describe, expect, it } from 'vitest';
import { chooseLocalPin, keepUnlocked } from './app-helpers';
import { buildApp, useE2eApp, waitForServiceWorkerControl } from './harness';

describe('Deploying a new version (prompt mode), in Chromium', () => {
  const app = useE2eApp('e2e-v1');

  it('scenario 29 (SW update while a form is dirty): shows the banner, never reloads by itself, and accepting it with unsaved input keeps that input', async () => {
    const { page, server, distDir } = app;
    await page.goto(`${server.url}/settings`);
    // Nobody has signed in here: a code for the device's local profile first (LOCK13); later
    // loads are unlocked with it.
    await chooseLocalPin(page);
    keepUnlocked(page);
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await waitForServiceWorkerControl(page);
    expect(await page.getByTestId('app-build').textContent()).toBe('e2e-v1');

    // The counsellor types but does not save.
    await page.getByLabel('Nom de l’appareil').fill('Tablette mairie de Lens');

    // A new version is deployed on the server; the app finds it.
    await buildApp(distDir, 'e2e-v2');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const banner = page.getByTestId('update-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Une nouvelle version de Relais est disponible.');
    // Nothing is applied by itself: still the old build.
    expect(await page.getByTestId('app-build').textContent()).toBe('e2e-v1');

    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Mettre à jour' }).click();
    await reloaded;

    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await expect.poll(() => page.getByTestId('app-build').textContent()).toBe('e2e-v2');
    await expect
      .poll(() => page.getByLabel('Nom de l’appareil').inputValue())
      .toBe('Tablette mairie de Lens');
    expect(await page.getByTestId('draft-restored').isVisible()).toBe(true);
    expect(await page.getByTestId('update-banner').count()).toBe(0);
  });
});
