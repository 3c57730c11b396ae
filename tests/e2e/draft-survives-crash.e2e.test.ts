import { describe, expect, it } from 'vitest';
import { chooseLocalPin, countDraftWrites, keepUnlocked, waitForDraftWrites } from './app-helpers';
import { useE2eApp, waitForServiceWorkerControl } from './harness';

describe('Typed input survives a crashed page, in Chromium', () => {
  const app = useE2eApp('e2e-crash');

  it('finds the draft after the renderer is killed in the middle of typing, offline', async () => {
    const { context, server, page } = app;
    await countDraftWrites(page);
    await page.goto(`${server.url}/settings`);
    // Nobody has signed in here: a code for the device's local profile first (LOCK13); later
    // loads are unlocked with it.
    await chooseLocalPin(page);
    keepUnlocked(page);
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);

    // Typed key by key, as a person does; no save button pressed.
    await page.getByLabel('Nom de l’appareil').pressSequentially('Tablette Roubaix', { delay: 15 });
    // A draft per keystroke, all committed: the crash must not race the last write's commit.
    await waitForDraftWrites(page, 'Tablette Roubaix'.length);
    // Kill the renderer: no unload handler, no chance to save anything more.
    const crashed = page.waitForEvent('crash');
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    await page.close().catch(() => {});

    const reopened = await context.newPage();
    await reopened.goto(`${server.url}/settings`);
    await reopened.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await expect.poll(() => reopened.getByLabel('Nom de l’appareil').inputValue()).toBe('Tablette Roubaix');
    expect(await reopened.getByTestId('draft-restored').textContent()).toContain('retrouvée');
    await context.setOffline(false);
  });
});
