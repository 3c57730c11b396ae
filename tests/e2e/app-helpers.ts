/** Page-level helpers shared by the browser tests. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatHlc } from '../../src/domain/sync/hlc';
import { TEST_PIN } from '../support/test-pin';
import { waitForServiceWorkerControl } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  help: string;
  nodes: string[];
}

/** axe-core's violations on the page as it is now (axe is injected once per page). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Through the driver (Runtime.evaluate), not an inline script tag: the app's CSP refuses those (SEC1).
    await page.evaluate(axeSource);
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<AxeViolationRaw> }> } })
      .axe;
    interface AxeViolationRaw {
      id: string;
      help: string;
      nodes: Array<{ target: string[]; failureSummary?: string }>;
    }
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
}

/** The password of the accounts the browser tests create. */
export const PASSWORD = 'correct horse battery';

/** POSTs JSON to the server (with a bearer token when given); throws on a non-2xx answer. */
export async function api(url: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** A row to create on the server, as a tablet's push would (entityId: a new id if absent). */
export interface CreatedRow {
  entity: string;
  entityId?: string;
  patch: Record<string, unknown>;
}

/**
 * Pushes the rows of one household as 'create' mutations, seq 1..n, from a device that has
 * logged in (POST /api/sync/push, as the app's client does): how e2e tests put a dossier on the
 * server without a second browser. Returns the push response.
 */
export async function pushCreates(
  url: string,
  device: { token: string; deviceId: string; userId: string },
  householdId: string,
  rows: readonly CreatedRow[],
): Promise<{ ackSeq: number; results: { status: string; reason?: string }[] }> {
  const now = Date.now();
  const mutations = rows.map((row, index) => ({
    seq: index + 1,
    mutationId: randomUUID(),
    deviceId: device.deviceId,
    userId: device.userId,
    op: 'create',
    entity: row.entity,
    entityId: row.entity === 'household' ? householdId : (row.entityId ?? randomUUID()),
    householdId,
    patch: row.patch,
    base: { version: 0, fieldVersions: {} },
    hlc: formatHlc({ ms: now, counter: index + 1, node: device.deviceId }),
    schemaVersion: 1,
    appVersion: '1.0.0',
  }));
  const body = {
    protocolVersion: 1,
    schemaVersion: 2,
    appVersion: '1.0.0',
    deviceId: device.deviceId,
    mutations,
  };
  return (await api(url, '/api/sync/push', body, device.token)) as {
    ackSeq: number;
    results: { status: string; reason?: string }[];
  };
}

/** An account a test created, as the login page and the header know it. */
export interface TestAccount {
  username: string;
  /** Shown in the header once signed in ("Connecté : <displayName>"). */
  displayName: string;
}

/** The first admin, the account a test creates with POST /api/setup. */
export const FIRST_ADMIN: TestAccount = { username: 'admin', displayName: 'Admin Relais' };

/** The PIN the browser tests choose at the setup step after the first sign-in (LOCK1: ≥ 6 digits). */
export { TEST_PIN };

/**
 * After an online sign-in the app asks to protect the tablet (docs/device-lock.md): chooses
 * TEST_PIN twice, or types it on the unlock screen when this person already has a key here.
 */
export async function completeLockStep(page: Page, account: TestAccount): Promise<void> {
  const setup = page.getByRole('heading', { name: 'Protéger cette tablette' });
  const unlock = page.locator('#unlock-secret');
  const signedIn = page.getByTestId('sync-status').getByText(`Connecté : ${account.displayName}`);
  // Every sign-in ends on one of these two (the header's "Connecté" can show for an instant
  // before, while the app decides: it is not the end).
  await setup.or(unlock).first().waitFor();
  if (await setup.isVisible()) {
    await page.getByLabel('Nouveau code PIN').fill(TEST_PIN);
    await page.getByLabel('Le même code PIN, une deuxième fois').fill(TEST_PIN);
    await page.getByRole('button', { name: 'Enregistrer et ouvrir Relais' }).click();
  } else {
    await unlock.fill(TEST_PIN);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
  }
  await signedIn.waitFor();
}

/**
 * A device used before anyone signs in asks first for a code for its local profile (LOCK13):
 * chooses TEST_PIN twice and waits until the app shows.
 */
export async function chooseLocalPin(page: Page): Promise<void> {
  const heading = page.getByRole('heading', {
    name: 'Protégez les dossiers de cet appareil : choisissez un code',
  });
  await heading.waitFor();
  await page.getByLabel('Nouveau code PIN').fill(TEST_PIN);
  await page.getByLabel('Le même code PIN, une deuxième fois').fill(TEST_PIN);
  await page.getByRole('button', { name: 'Enregistrer et ouvrir Relais' }).click();
  await heading.waitFor({ state: 'detached' });
}

/** Types TEST_PIN on the unlock screen and waits until it is gone. */
export async function unlockWithPin(page: Page): Promise<void> {
  const field = page.locator('#unlock-secret');
  await field.fill(TEST_PIN);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await field.waitFor({ state: 'detached' });
}

const keptUnlocked = new WeakSet<Page>();

/**
 * For the suites that test something else than the lock: after each load of this page (a reload,
 * a visit offline) the unlock screen that the app shows at start is answered with TEST_PIN, so
 * their steps go on as before. Pages opened later in the same browser get the same.
 */
export function keepUnlocked(page: Page): void {
  if (keptUnlocked.has(page)) return;
  keptUnlocked.add(page);
  page.on('load', () => {
    const field = page.locator('#unlock-secret');
    // A page that is not locked never shows the field: the wait ends quietly.
    void field
      .waitFor({ timeout: 20_000 })
      .then(() => unlockWithPin(page))
      .catch(() => undefined);
  });
  const context = page.context();
  if (!keptUnlocked.has(context as unknown as Page)) {
    keptUnlocked.add(context as unknown as Page);
    context.on('page', (opened) => keepUnlocked(opened));
  }
}

/**
 * Signs in on the login page (as the first admin unless told otherwise), chooses the PIN (or
 * unlocks), then waits for the service worker (for offline use). Unless `autoUnlock` is false,
 * later loads of the page are unlocked with the PIN (keepUnlocked).
 */
export async function signIn(
  page: Page,
  url: string,
  account: TestAccount = FIRST_ADMIN,
  options: { autoUnlock?: boolean } = {},
): Promise<void> {
  await page.goto(`${url}/login`);
  const username = page.getByLabel('Identifiant');
  const unlock = page.locator('#unlock-secret');
  // A device used before anyone signed in (LOCK13) opens locked: its local profile's PIN first.
  await username.or(unlock).first().waitFor();
  if ((await unlock.isVisible()) && !keptUnlocked.has(page)) await unlockWithPin(page);
  await username.fill(account.username);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await completeLockStep(page, account);
  // The app must open offline later: wait until the service worker controls the page.
  await waitForServiceWorkerControl(page);
  if (options.autoUnlock !== false) keepUnlocked(page);
}

/** The new-dossier form's applicant and household, as a volunteer types them. */
export interface NewDossier {
  firstName: string;
  lastName: string;
  birthDate: string;
  departement: string;
  /** The "Logement" option's label. */
  housing: string;
}

/** Fills the new-dossier form (on /dossiers/new), creates the dossier and waits for its page. */
export async function createDossier(page: Page, dossier: NewDossier): Promise<void> {
  const person = page.getByRole('group', { name: 'Personne 1', exact: true });
  await person.getByLabel('Prénom', { exact: true }).fill(dossier.firstName);
  await person.getByLabel('Nom', { exact: true }).fill(dossier.lastName);
  await person.getByLabel('Date de naissance', { exact: true }).fill(dossier.birthDate);
  await page.getByLabel('Département', { exact: true }).fill(dossier.departement);
  await page.getByLabel('Logement', { exact: true }).selectOption({ label: dossier.housing });
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await page
    .getByRole('heading', { level: 1, name: `${dossier.firstName} ${dossier.lastName} · Accueil` })
    .waitFor();
}

/** "Sync now" in the header, then waits until that run has succeeded and nothing is left to send. */
export async function syncNow(page: Page): Promise<void> {
  const status = page.getByTestId('sync-status');
  const before = Number((await status.getAttribute('data-last-success')) ?? 0);
  await status.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  // Wait for THIS run to succeed, not for the status an earlier run left on screen.
  await expect
    .poll(async () => Number((await status.getAttribute('data-last-success')) ?? 0), { timeout: 30_000 })
    .toBeGreaterThan(before);
  await expect.poll(async () => status.textContent(), { timeout: 20_000 }).toContain('Tout est envoyé');
  await expect
    .poll(async () => status.textContent(), { timeout: 20_000 })
    .toContain('Dernière synchronisation');
  await expect.poll(async () => status.textContent(), { timeout: 20_000 }).not.toContain('en cours');
}

interface DraftWrites {
  issued: number;
  committed: number;
}

/**
 * From the page's next load on, counts the app's draft writes (puts of `draft:…` keys in
 * IndexedDB, as idb-keyval issues them) and how many of them have committed.
 */
export async function countDraftWrites(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counts: DraftWrites = { issued: 0, committed: 0 };
    (window as unknown as { __draftWrites: DraftWrites }).__draftWrites = counts;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const request = put.call(this, value, key);
      if (typeof key === 'string' && key.startsWith('draft:')) {
        counts.issued += 1;
        this.transaction.addEventListener('complete', () => {
          counts.committed += 1;
        });
      }
      return request;
    };
  });
}

/**
 * Waits until the page has issued at least `keystrokes` draft writes (one per keystroke: a form
 * that waited for a pause would issue fewer and fail here) and every one has committed. A crash
 * after this tests what the app saved, not whether IndexedDB finished a write started 1 ms before.
 */
export async function waitForDraftWrites(page: Page, keystrokes: number): Promise<void> {
  await page.waitForFunction((n) => {
    const counts = (window as unknown as { __draftWrites?: DraftWrites }).__draftWrites;
    return counts !== undefined && counts.issued >= n && counts.committed === counts.issued;
  }, keystrokes);
}
