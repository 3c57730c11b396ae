/**
 * The device lock in Chromium, offline (issue 16, docs/device-lock.md): after a sign-in and the
 * PIN's setup, a reload opens on the unlock screen; with the idle delay set to 1 minute the app
 * locks by itself (Playwright's page.clock jumps the minute: no real wait), the page then holds no
 * dossier name, and the unlock brings back the page and its draft. A wrong PIN shows the wait;
 * after 10 wrong tries the screen says the key was erased and the vault holds no wrapped key.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  api,
  axeViolations,
  createDossier,
  FIRST_ADMIN,
  PASSWORD,
  signIn,
  TEST_PIN,
  unlockWithPin,
} from './app-helpers';
import { useE2eApp } from './harness';

const DOSSIER = {
  firstName: 'Ysolde',
  lastName: 'Quermarec',
  birthDate: '1979-03-14',
  departement: '29',
  housing: 'Locataire',
};
/** Typed in the new-dossier form just before the lock: a draft that must survive it. */
const DRAFTED_NAME = 'Brieuc';

/** The vault's stored entry for the last person, read from the 'relais-keys' database. */
function vaultEntry(page: Page): Promise<{ wrapped: unknown; wrongTries: number } | undefined> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('relais-keys');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('vault', 'readonly').objectStore('vault');
          const last = store.get('last-user');
          last.onsuccess = () => {
            const entry = store.get(`user:${String(last.result)}`);
            entry.onsuccess = () => resolve(entry.result);
          };
        };
      }),
  );
}

async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

describe('device lock, in Chromium', () => {
  const app = useE2eApp('e2e-lock');

  it('[LOCK7] [LOCK11] locks when idle, offline: no dossier name in the page, the draft survives; [LOCK3] [LOCK4] a wrong PIN waits, 10 erase the key', async () => {
    const { page, context } = app;
    const url = app.server.url;
    await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
    await signIn(page, url, FIRST_ADMIN, { autoUnlock: false });

    // A dossier on the device, then the idle delay set to its minimum, 1 minute.
    await page.goto(`${url}/dossiers/new`);
    await unlockWithPin(page);
    await createDossier(page, DOSSIER);
    // The fake clock from the next load on: the idle minute and the waits are jumped, not waited.
    await page.clock.install();
    await page.goto(`${url}/settings`);
    // LOCK2: at start the app is locked; it says whose tablet it is.
    await expect.poll(() => page.getByTestId('lock-whose').textContent()).toContain('Admin Relais (admin)');
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.locator('#unlock-secret').getAttribute('inputmode')).toBe('numeric');
    await unlockWithPin(page);
    const idle = page.getByLabel('Verrouiller Relais après combien de minutes sans activité');
    await idle.fill('45');
    await page.getByRole('button', { name: 'Enregistrer le délai' }).click();
    await page.getByText('Tapez un nombre entier de minutes, de 1 à 30.').waitFor();
    await idle.fill('1');
    await page.getByRole('button', { name: 'Enregistrer le délai' }).click();
    await page.getByText('Délai enregistré : 1 min.').waitFor();

    // Offline from here: the lock, the unlock and the erasure need no server.
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Dossiers', exact: true }).first().click();
    await page.getByText(`${DOSSIER.lastName}`, { exact: false }).first().waitFor();
    await page.goto(`${url}/dossiers/new`);
    await unlockWithPin(page);
    const person = page.getByRole('group', { name: 'Personne 1', exact: true });
    await person.getByLabel('Prénom', { exact: true }).fill(DRAFTED_NAME);

    // A minute without input: the app locks by itself.
    await page.clock.fastForward(61_000);
    await page.locator('#unlock-secret').waitFor();
    const locked = await bodyText(page);
    expect(locked).not.toContain(DOSSIER.lastName);
    expect(locked).not.toContain(DRAFTED_NAME);
    expect(await page.getByRole('button', { name: 'Verrouiller', exact: true }).count()).toBe(0);

    // The unlock brings back the same page, with what was typed.
    await unlockWithPin(page);
    await expect.poll(() => person.getByLabel('Prénom', { exact: true }).inputValue()).toBe(DRAFTED_NAME);

    // "Verrouiller" in the header locks at once.
    await page.getByRole('button', { name: 'Verrouiller', exact: true }).first().click();
    const field = page.locator('#unlock-secret');
    await field.waitFor();
    expect(await bodyText(page)).not.toContain(DRAFTED_NAME);

    // LOCK3: each wrong PIN doubles the wait: 1 s, 2 s, 4 s… (jumped by the fake clock).
    const wait = page.getByTestId('lock-wait');
    for (let tries = 1; tries <= 9; tries += 1) {
      await field.fill('000000');
      await page.getByRole('button', { name: 'Déverrouiller' }).click();
      await expect
        .poll(() => wait.textContent())
        .toMatch(/Attendez encore \d+ secondes? avant le prochain essai/);
      if (tries === 1) {
        await page.getByText('Ce n’est pas le bon code PIN.').waitFor();
        expect(await field.getAttribute('aria-describedby')).toContain('unlock-secret-error');
      }
      if (tries === 6) await page.getByText('Attention : encore 4 essais.', { exact: false }).waitFor();
      await page.clock.fastForward(1_000 * 2 ** (tries - 1));
      await expect.poll(() => wait.textContent()).toBe('');
    }
    expect((await vaultEntry(page))?.wrongTries).toBe(9);
    // LOCK4: the tenth wrong try erases the device's copy of the key.
    await field.fill('000000');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('heading', { name: 'La clé de cette tablette a été effacée' }).waitFor();
    await page.getByText('Connectez-vous en ligne pour récupérer vos données', { exact: false }).waitFor();
    const entry = await vaultEntry(page);
    expect(entry).toBeDefined();
    expect(entry?.wrapped).toBeNull();
    expect(await bodyText(page)).not.toContain(DOSSIER.lastName);
    // Even the right PIN no longer opens anything, after a reload too.
    await page.reload();
    await page.getByRole('heading', { name: 'La clé de cette tablette a été effacée' }).waitFor();
    expect(await page.locator('#unlock-secret').count()).toBe(0);
    expect(TEST_PIN).toMatch(/^\d{6,}$/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
