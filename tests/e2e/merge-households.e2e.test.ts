/**
 * Duplicates and reversible merges end to end (issue 14, docs/merges.md), in Chromium against
 * the real server: two volunteers of the same welcome point record the same family offline on two
 * tablets (two Chromium profiles: two IndexedDB databases) with a typo in the name and the day and
 * month of the birth date swapped; both sync, the server detects the pair (DUP1, DUP1c) and a
 * coordinator, in a third browser, merges it in the console (MERGE1). The tablet that went offline
 * before the merge adds a note to the merged-away household, comes back and syncs: the note lands
 * on the survivor (MERGE9), the tablet moves its open dossier and the old address to the survivor
 * with a notice (MERGE8), and the other tablet sees the note on the survivor. The coordinator then
 * undoes the merge (MERGE6): after their syncs both tablets list the two households again, and the
 * note written through the redirect goes back to the household it was written for.
 * axe-core finds nothing on the console's queue and review.
 */
import { rmSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MergeLogEntry } from '../../src/domain/sync/coordination-protocol';
import {
  api,
  axeViolations,
  createDossier,
  PASSWORD,
  signIn,
  syncNow,
  type TestAccount,
} from './app-helpers';
import { type Browser, buildApp, launchBrowser, type RunningServer, startServer, tempDir } from './harness';

const LEA: TestAccount = { username: 'lea', displayName: 'Léa Bénévole' };
const MARC: TestAccount = { username: 'marc', displayName: 'Marc Bénévole' };
const NADIA: TestAccount = { username: 'nadia', displayName: 'Nadia Coordinatrice' };

/** The same family, as each tablet recorded it: a doubled letter, day and month swapped. */
const ON_A = {
  firstName: 'Claire',
  lastName: 'Martin',
  birthDate: '1984-03-02',
  departement: '59',
  housing: 'Locataire',
};
const ON_B = { ...ON_A, lastName: 'Martinn', birthDate: '1984-02-03' };

const NOTE = 'Courrier de la CAF apporté le jour même, à joindre au dossier';
/** Written on tablet A after the undo: it must stay on the household it was written for. */
const NOTE_AFTER_UNDO = 'Rendez-vous pris avec l’assistante sociale du département';

/** The first admin, a welcome point, two volunteers there and a coordinator (admin API). */
async function seedAccounts(url: string): Promise<void> {
  await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
  const admin = (await api(url, '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
    deviceId: 'admin-seed',
  })) as { token: string };
  await api(url, '/api/admin/welcome-points', { id: 'wp-nord', name: 'Centre social Nord' }, admin.token);
  for (const [account, role] of [
    [LEA, 'volunteer'],
    [MARC, 'volunteer'],
    [NADIA, 'coordinator'],
  ] as const) {
    await api(
      url,
      '/api/admin/users',
      {
        username: account.username,
        displayName: account.displayName,
        password: PASSWORD,
        role,
        welcomePointIds: ['wp-nord'],
      },
      admin.token,
    );
  }
}

/** The merge log (MERGE7) as the coordinator's token reads it. */
async function mergeLog(url: string, token: string): Promise<MergeLogEntry[]> {
  const response = await fetch(`${url}/api/coordination/merges`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`merge log: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { merges: MergeLogEntry[] }).merges;
}

/** The household the server holds a note under (its live row), or null when it has none. */
async function noteHouseholdOnServer(server: RunningServer, text = NOTE): Promise<string | null> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(`${server.dataDir}/relais.sqlite`, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT household_id, data FROM sync_rows WHERE entity = 'note' AND deleted = 0")
      .all() as { household_id: string; data: string }[];
    return rows.find((row) => row.data.includes(text))?.household_id ?? null;
  } finally {
    db.close();
  }
}

/** The id in /dossiers/<id>/… of the page's address. */
function dossierIdOf(page: Page): string {
  const id = /^\/dossiers\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1];
  if (id === undefined) throw new Error(`not on a dossier: ${page.url()}`);
  return id;
}

/** The rows of the device's dossier list that name this family. */
function familyRows(page: Page) {
  return page.getByTestId('dossier-list').getByRole('listitem').filter({ hasText: 'Claire' });
}

/**
 * Opens the new-dossier form offline: the volunteer's welcome point is preselected (read from the
 * saved session), so both tablets' dossiers are shared with the team, as the coordinator needs.
 */
async function openNewDossier(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/dossiers/new`);
  const welcomePoint = page.getByLabel('Point d’accueil', { exact: true });
  await welcomePoint.waitFor({ timeout: 30_000 });
  expect(await welcomePoint.inputValue()).toBe('wp-nord');
}

async function openFollowup(page: Page, url: string, householdId: string): Promise<void> {
  await page.goto(`${url}/dossiers/${householdId}/followup`);
  await page.getByRole('heading', { level: 1, name: /· Suivi$/ }).waitFor({ timeout: 30_000 });
}

/** Adds a note on the dossier's Suivi tab (saved on the device, sent at the next sync). */
async function addNote(page: Page, url: string, householdId: string, text: string): Promise<void> {
  if (new URL(page.url()).pathname !== `/dossiers/${householdId}/followup`) {
    await openFollowup(page, url, householdId);
  }
  await page.getByLabel('Nouvelle note', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await page.getByText('La note est enregistrée sur cet appareil.').waitFor();
}

describe('Duplicate households merged and unmerged, two tablets and a coordinator, in Chromium', () => {
  let distDir: string;
  let server: RunningServer;
  let a: Browser;
  let b: Browser;
  let coordinator: Browser;

  beforeAll(async () => {
    distDir = tempDir('dist');
    await buildApp(distDir, 'e2e-merge');
    server = await startServer(distDir);
    a = await launchBrowser();
    b = await launchBrowser();
    coordinator = await launchBrowser();
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await coordinator?.close();
    await server?.stop();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('detects the pair, merges it, redirects a late offline edit to the survivor, and undoes the merge', async () => {
    const url = server.url;
    await seedAccounts(url);
    const pageA = a.context.pages()[0] ?? (await a.context.newPage());
    const pageB = b.context.pages()[0] ?? (await b.context.newPage());
    const console_ = coordinator.context.pages()[0] ?? (await coordinator.context.newPage());
    await console_.setViewportSize({ width: 1280, height: 900 });
    await signIn(pageA, url, LEA);
    await signIn(pageB, url, MARC);
    await signIn(console_, url, NADIA);
    const pages = { A: pageA, B: pageB, console: console_ };

    try {
      // 1. The same family recorded offline on both tablets.
      await a.context.setOffline(true);
      await b.context.setOffline(true);
      await openNewDossier(pageA, url);
      await createDossier(pageA, ON_A);
      const idA = dossierIdOf(pageA);
      await openNewDossier(pageB, url);
      await createDossier(pageB, ON_B);
      const idB = dossierIdOf(pageB);
      const nameOf: Record<string, string> = {
        [idA]: `${ON_A.firstName} ${ON_A.lastName}`,
        [idB]: `${ON_B.firstName} ${ON_B.lastName}`,
      };

      // 2. Both sync (A again at the end, to pull B's dossier): each tablet holds both.
      await a.context.setOffline(false);
      await b.context.setOffline(false);
      await syncNow(pageA);
      await syncNow(pageB);
      await syncNow(pageA);
      for (const page of [pageA, pageB]) {
        await page.goto(`${url}/dossiers`);
        await expect.poll(() => familyRows(page).count(), { timeout: 30_000 }).toBe(2);
      }
      // Tablet A goes offline after its sync, before the merge.
      await a.context.setOffline(true);

      // The server detected the pair after the pushes committed (DUP1c); the console shows it.
      await console_.goto(`${url}/dossiers`);
      await console_.getByRole('button', { name: 'Coordination' }).click();
      await console_.getByRole('link', { name: 'Doublons', exact: true }).click();
      await console_.getByRole('heading', { level: 1, name: 'Doublons et fusions' }).waitFor();
      const pair = console_.getByTestId('candidate-pair').filter({ hasText: /Martinn/i });
      await expect
        .poll(
          async () => {
            if ((await pair.count()) > 0) return true;
            const refresh = console_.getByRole('button', { name: 'Actualiser' });
            if (await refresh.isEnabled()) await refresh.click();
            return false;
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      // DUP1: the reasons name the close surname and the swapped birth date.
      const reasons = (await pair.locator('.coordination-reasons li').allTextContents()).join('\n');
      expect(reasons).toMatch(/^Nom : (presque identique|se prononce pareil)/m);
      expect(reasons).toMatch(/^Date de naissance : jour et mois inversés/m);
      expect(await axeViolations(console_)).toEqual([]);

      // The coordinator reviews the pair, gives a reason and merges (MERGE1).
      await pair.getByRole('button', { name: 'Examiner cette paire' }).click();
      await console_.getByRole('heading', { level: 2, name: 'Examen de la paire' }).waitFor();
      const mergeButton = console_.getByRole('button', { name: 'Fusionner', exact: true });
      await mergeButton.waitFor({ timeout: 30_000 });
      expect(await axeViolations(console_)).toEqual([]);
      await console_
        .getByLabel('Motif de la décision (obligatoire pour fusionner)')
        .fill('Même personne : nom mal orthographié et jour et mois de naissance inversés');
      await mergeButton.click();
      await console_
        .getByTestId('coordination-status')
        .getByText('C’est fait : les deux dossiers n’en font plus qu’un.', { exact: false })
        .waitFor({ timeout: 30_000 });
      // Which household was merged away: the merge log (MERGE7), as the coordinator reads it.
      const nadia = (await api(url, '/api/auth/login', {
        username: NADIA.username,
        password: PASSWORD,
        deviceId: 'coordinator-script',
      })) as { token: string };
      const [merge] = await mergeLog(url, nadia.token);
      if (merge === undefined) throw new Error('the merge is not in the merge log');
      expect(new Set([merge.survivorId, merge.mergedId])).toEqual(new Set([idA, idB]));
      expect(merge.status).toBe('active');
      const { survivorId, mergedId } = merge;
      const history = console_.getByTestId('merge-entry');
      await history.first().waitFor();
      expect(await history.count()).toBe(1);
      expect(await history.getAttribute('data-status')).toBe('active');

      // 3. Tablet A, still offline, adds a note to the merged-away household.
      await openFollowup(pageA, url, mergedId);
      expect(await pageA.getByRole('heading', { level: 1 }).textContent()).toBe(
        `${nameOf[mergedId]} · Suivi`,
      );
      await addNote(pageA, url, mergedId, NOTE);
      await expect
        .poll(() => pageA.getByTestId('sync-status').textContent())
        .toContain('1 modification à envoyer');

      // Back online, A syncs from the merged dossier's page: the server applies the note to the
      // survivor (MERGE9), and the open dossier moves to the survivor with a notice (MERGE8).
      await a.context.setOffline(false);
      await syncNow(pageA);
      await expect.poll(() => noteHouseholdOnServer(server)).toBe(survivorId);
      await expect
        .poll(() => new URL(pageA.url()).pathname, { timeout: 30_000 })
        .toBe(`/dossiers/${survivorId}/followup`);
      await pageA.getByTestId('merge-notice').waitFor();
      await pageA.getByText(NOTE).waitFor();
      // The old address leads to the survivor, with the notice.
      await pageA.goto(`${url}/dossiers/${mergedId}`);
      await expect.poll(() => dossierIdOf(pageA), { timeout: 30_000 }).toBe(survivorId);
      await pageA.getByTestId('merge-notice').waitFor();
      expect(await pageA.getByTestId('merge-notice').textContent()).toContain(
        'Un coordinateur a fusionné le dossier que vous aviez ouvert avec celui-ci.',
      );
      // One household left on A's list.
      await pageA.goto(`${url}/dossiers`);
      await expect.poll(() => familyRows(pageA).count()).toBe(1);

      // Tablet B syncs: one household, and the note is on the survivor.
      await syncNow(pageB);
      await pageB.goto(`${url}/dossiers`);
      await expect.poll(() => familyRows(pageB).count()).toBe(1);
      await openFollowup(pageB, url, survivorId);
      await pageB.getByText(NOTE).waitFor();

      // The console counts the late edit redirected to the survivor.
      await console_.getByRole('button', { name: 'Actualiser' }).click();
      await expect
        .poll(() => history.getByTestId('merge-redirects').textContent())
        .toBe('1 modification de l’ancien foyer reportée sur le foyer gardé');

      // 4. The coordinator undoes the merge (MERGE6).
      await history
        .getByLabel('Motif de l’annulation (obligatoire)')
        .fill('Vérification faite : ce sont deux demandes à garder séparées pour l’instant');
      await history.getByRole('button', { name: 'Annuler la fusion' }).click();
      await console_
        .getByText('C’est fait : la fusion est annulée, les deux foyers sont de nouveau séparés.')
        .waitFor({ timeout: 30_000 });
      await expect.poll(() => history.getAttribute('data-status')).toBe('undone');
      await expect.poll(() => noteHouseholdOnServer(server)).toBe(mergedId);

      // After their syncs both tablets list the two households again, the old address opens the
      // restored household itself, and the note is back on the household it was written for.
      for (const page of [pageA, pageB]) {
        await syncNow(page);
        await page.goto(`${url}/dossiers`);
        await expect.poll(() => familyRows(page).count(), { timeout: 30_000 }).toBe(2);
        await openFollowup(page, url, mergedId);
        expect(dossierIdOf(page)).toBe(mergedId);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
          `${nameOf[mergedId]} · Suivi`,
        );
        await page.getByText(NOTE).waitFor();
        await openFollowup(page, url, survivorId);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
          `${nameOf[survivorId]} · Suivi`,
        );
        await expect.poll(() => page.getByText(NOTE).count()).toBe(0);
      }

      // The restored household is a household like any other again: a note tablet A adds to it
      // now stays on it (the device forgot the merge, MERGE8), on the server and on tablet B.
      await addNote(pageA, url, mergedId, NOTE_AFTER_UNDO);
      await syncNow(pageA);
      await expect.poll(() => noteHouseholdOnServer(server, NOTE_AFTER_UNDO)).toBe(mergedId);
      await syncNow(pageB);
      await openFollowup(pageB, url, mergedId);
      await pageB.getByText(NOTE_AFTER_UNDO).waitFor();
    } catch (error) {
      for (const [name, page] of Object.entries(pages)) {
        await page.screenshot({ path: `/tmp/relais-merge-diag-${name}.png`, fullPage: true }).catch(() => {});
        writeFileSync(`/tmp/relais-merge-diag-${name}.html`, await page.content().catch(() => ''));
      }
      throw error;
    }
  });
});
