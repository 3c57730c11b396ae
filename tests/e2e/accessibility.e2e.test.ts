import { describe, expect, it } from 'vitest';
import { axeViolations, chooseLocalPin, keepUnlocked, unlockWithPin } from './app-helpers';
import { useE2eApp } from './harness';

describe('Accessibility (axe-core) and layouts, in Chromium', () => {
  const app = useE2eApp('e2e-a11y');

  const viewports = [
    { name: 'tablet 10 inch', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ];
  // `ready`: what the page shows once its data has loaded (axe checks that, not a DOM in motion).
  const pages: { path: string; heading: string; ready?: string }[] = [
    { path: '/dossiers', heading: 'Dossiers', ready: 'Aucun dossier sur cet appareil pour le moment.' },
    { path: '/settings', heading: 'Réglages' },
    { path: '/missing', heading: 'Page introuvable' },
  ];

  // LOCK13: nobody has signed in: the first visit asks for a code for the device's local profile.
  // Its screen, then the unlock screen of a reload, are checked too; later pages are unlocked.
  it('axe finds nothing on the local code screen and on the unlock screen', async () => {
    const page = app.page;
    await page.goto(`${app.server.url}/dossiers`);
    await page
      .getByRole('heading', { level: 1, name: 'Protégez les dossiers de cet appareil : choisissez un code' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await chooseLocalPin(page);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Relais est verrouillé' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await unlockWithPin(page);
    keepUnlocked(page);
  });

  for (const viewport of viewports) {
    for (const target of pages) {
      it(`axe finds nothing on ${target.path} (${viewport.name})`, async () => {
        const page = await app.context.newPage();
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.goto(`${app.server.url}${target.path}`);
        await page.getByRole('heading', { level: 1, name: target.heading }).waitFor();
        if (target.ready) await page.getByText(target.ready).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // Nothing overflows sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.close();
      });
    }
  }

  it('is usable with the keyboard: skip link, then navigation to the settings', async () => {
    const page = await app.context.newPage();
    await page.goto(`${app.server.url}/dossiers`);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Réglages');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    // The new page's title takes the focus, so screen readers announce it. The focus moves in an
    // effect, after the heading is painted: wait for it (a page that never moves it fails here).
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 5_000 });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Réglages');
    await page.close();
  });
});
