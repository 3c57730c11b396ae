/**
 * Issue 15 acceptance, in real Chromium against the real server: a counsellor, offline from the
 * start, records a household, a grace period obtained from a creditor and a budget workshop the
 * household attended with two people who came without a dossier; the tablet comes back online and
 * syncs; the coordinator, in another browser, opens Réseau › Rapport d’activité and finds both
 * (RPT1: `grace_periods` dated by the answer; RPT6/WS3: 1 h 30 × 3 participants = 4,5 h), then
 * downloads the CSV and the test reads it as a French spreadsheet would (RPT9): UTF-8 with a
 * byte-order mark (the accented welcome point survives), `;` between columns, CRLF, the decimal
 * comma, the stable column codes on the first row. axe finds nothing on the report.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_CODES } from '../../src/domain/reports/activity-report';
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

const SOPHIE: TestAccount = { username: 'sophie', displayName: 'Sophie Conseillère' };
const NADIA: TestAccount = { username: 'nadia', displayName: 'Nadia Coordinatrice' };
/** An accented name: a CSV read in the wrong encoding would garble it. */
const WELCOME_POINT = { id: 'wp-henin', name: 'Mairie d’Hénin-Beaumont' };

const FAMILY = {
  firstName: 'Amélie',
  lastName: 'Durand',
  birthDate: '1979-11-23',
  departement: '62',
  housing: 'Locataire',
};

async function seedAccounts(url: string): Promise<void> {
  await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
  const admin = (await api(url, '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
    deviceId: 'admin-seed',
  })) as { token: string };
  await api(url, '/api/admin/welcome-points', WELCOME_POINT, admin.token);
  for (const [account, role] of [
    [SOPHIE, 'counsellor'],
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
        welcomePointIds: [WELCOME_POINT.id],
      },
      admin.token,
    );
  }
}

/** Today on the tablet, as the forms default their dates. */
async function deviceToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

/** A grace period asked of a creditor, then its answer: accepted (obtained, RPT1). */
async function recordGracePeriodObtained(page: Page, today: string): Promise<void> {
  await page.getByRole('button', { name: 'Ajouter une démarche' }).click();
  await page
    .getByLabel('Type de démarche', { exact: true })
    .selectOption({ label: 'Demande de délai de paiement' });
  await page.getByLabel('Date', { exact: true }).fill(today);
  await page.getByLabel('État', { exact: true }).selectOption({ label: 'Envoyée' });
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.getByText(/Démarche enregistrée sur cet appareil/).waitFor();
  await page.getByRole('button', { name: /^Enregistrer la réponse : Demande de délai de paiement/ }).click();
  await page.getByLabel('Date de la réponse', { exact: true }).fill(today);
  await page.getByLabel('Réponse', { exact: true }).selectOption({ label: 'Acceptée' });
  await page.getByRole('button', { name: 'Enregistrer la réponse', exact: true }).click();
  await page.getByText(/^Délai obtenu le/).waitFor();
}

/** A 1 h 30 workshop with the household and two people without a dossier (WS1). */
async function recordWorkshop(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/workshops`);
  await page.getByRole('button', { name: 'Nouvelle séance' }).click();
  await page.getByLabel('Thème', { exact: true }).fill('Faire son budget du mois');
  await page.getByLabel('Heures', { exact: true }).fill('1');
  await page.getByLabel('Minutes', { exact: true }).fill('30');
  await page.getByLabel('Participants sans dossier', { exact: true }).fill('2');
  const search = page.getByLabel('Ajouter un ménage', { exact: true });
  await search.fill('Durand');
  // Enter adds the only result: wait until the search has found it.
  await page.getByText('1 dossier trouvé. Tab pour le choisir.').waitFor();
  await search.press('Enter');
  await page.getByRole('button', { name: /^Retirer .*Durand/ }).waitFor();
  await page.getByText('Heures de formation de cette séance : 4,5 h', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await page.getByText(/^Séance enregistrée sur cet appareil/).waitFor();
}

/** Shows the report of this year for every welcome point until `ready` holds (the drain is async, RPT8). */
async function showReportUntil(page: Page, ready: () => Promise<boolean>): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Afficher le rapport' }).click();
        await page.getByTestId('network-report').waitFor({ timeout: 20_000 });
        return ready();
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
}

async function total(page: Page, code: string): Promise<string> {
  return ((await page.getByTestId(`total-${code}`).textContent()) ?? '').trim();
}

describe('The activity report counts what a counsellor recorded offline, in Chromium', () => {
  let distDir: string;
  let server: RunningServer;
  let tablet: Browser;
  let office: Browser;

  beforeAll(async () => {
    distDir = tempDir('dist');
    await buildApp(distDir, 'e2e-report');
    server = await startServer(distDir);
    tablet = await launchBrowser();
    office = await launchBrowser();
  });

  afterAll(async () => {
    await tablet?.close();
    await office?.close();
    await server?.stop();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  it('shows a grace period and a workshop recorded offline, and exports a CSV a French spreadsheet reads', async () => {
    const url = server.url;
    await seedAccounts(url);
    const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
    const coordinator = office.context.pages()[0] ?? (await office.context.newPage());
    await coordinator.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, url, SOPHIE);
    await signIn(coordinator, url, NADIA);

    // 1. Offline: the household, its grace period obtained, the workshop.
    await tablet.context.setOffline(true);
    await page.goto(`${url}/dossiers/new`);
    await page.getByLabel('Point d’accueil', { exact: true }).waitFor({ timeout: 30_000 });
    await createDossier(page, FAMILY);
    const householdId = /^\/dossiers\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1];
    expect(householdId).toBeDefined();
    await page.goto(`${url}/dossiers/${householdId}/followup`);
    await page.getByRole('heading', { level: 1, name: /· Suivi$/ }).waitFor({ timeout: 30_000 });
    const today = await deviceToday(page);
    await recordGracePeriodObtained(page, today);
    await recordWorkshop(page, url);

    // 2. Back online: the tablet syncs.
    await tablet.context.setOffline(false);
    await syncNow(page);

    // 3. The coordinator's report (this year, every welcome point) shows both.
    await coordinator.goto(`${url}/network`);
    await coordinator.getByRole('heading', { level: 1, name: 'Réseau' }).waitFor({ timeout: 30_000 });
    await showReportUntil(
      coordinator,
      async () =>
        (await total(coordinator, 'grace_periods')) === '1' &&
        (await total(coordinator, 'training_hours')) !== '0',
    );
    expect(await total(coordinator, 'grace_periods')).toBe('1');
    // RPT6: 1 h 30 × (1 household + 2 without a dossier) = 4,5 h.
    expect(await total(coordinator, 'training_hours')).toMatch(/^4,5\s*h?$/);
    expect(await total(coordinator, 'households_new')).toBe('1');
    expect(await axeViolations(coordinator)).toEqual([]);

    // 4. The CSV, read as a French spreadsheet reads it (RPT9).
    const [download] = await Promise.all([
      coordinator.waitForEvent('download'),
      coordinator.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    const lines = text.split('\r\n').filter((line) => line !== '');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const header = (lines[0] ?? '').split(';');
    for (const code of REPORT_CODES) expect(header).toContain(code);
    const rows = lines.slice(1).map((line) => line.split(';'));
    for (const row of rows) expect(row).toHaveLength(header.length);
    const cell = (row: string[], code: string) => row[header.indexOf(code)];
    const totalRow = rows[0] as string[];
    expect(cell(totalRow, 'grace_periods')).toBe('1');
    expect(cell(totalRow, 'training_hours')).toBe('4,5');
    const place = rows.find((row) => row.some((value) => value.includes('Hénin')));
    expect(place, 'the welcome point row, its accented name intact').toBeDefined();
    expect(cell(place as string[], 'training_hours')).toBe('4,5');
  });
});
