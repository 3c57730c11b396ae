/**
 * A lost tablet reveals nothing (issue 16, ENC1 and IDX1): in real Chromium, a counsellor signs in,
 * protects the tablet with a PIN, creates a dossier with a name, a phone number, a reference, a
 * budget label and a creditor's reference, all distinctive strings; the browser is closed; then
 * every file of its profile on disk is read: none of those strings appears, in UTF-8, UTF-16LE
 * or Latin-1 (how V8 serialises one-byte strings), nor in the lowercase and normalised forms
 * the device computes for search (name words, phone keys, reference key).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameTokens, normaliseReference, phoneSearchKeys } from '../../src/domain/dossier/normalise';
import { api, createDossier, PASSWORD, signIn } from './app-helpers';
import { buildApp, CHROMIUM_PATH, type RunningServer, startServer, tempDir } from './harness';

const DOSSIER = {
  firstName: 'Wilhelmina',
  lastName: 'Zybrowskaya',
  birthDate: '1977-11-23',
  departement: '29',
  housing: 'Locataire',
};
const PHONE = '06 71 82 93 04';
const REFERENCE = 'QX-7731-ZEBRA';
const CHARGE_LABEL = 'Cotisation Hippocampe Violet';
const CREDITOR = 'Banque Orniguet';
const CREDITOR_REFERENCE = 'ORNI-88412-KESTREL';

/** Every form of the dossier's strings that must not be found on disk. */
function secrets(): string[] {
  const typed = [
    DOSSIER.firstName,
    DOSSIER.lastName,
    PHONE,
    REFERENCE,
    CHARGE_LABEL,
    CREDITOR,
    CREDITOR_REFERENCE,
  ];
  const derived = [
    ...nameTokens(DOSSIER.firstName, DOSSIER.lastName),
    ...phoneSearchKeys(PHONE),
    normaliseReference(REFERENCE),
    normaliseReference(CREDITOR_REFERENCE),
    CHARGE_LABEL.toLowerCase(),
    `${DOSSIER.firstName} ${DOSSIER.lastName}`,
  ];
  return [...new Set([...typed, ...typed.map((s) => s.toLowerCase()), ...derived])];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Where each secret appears in the profile, as `file: secret (encoding)`. */
function scanProfile(profile: string): string[] {
  const needles = secrets().flatMap((secret) =>
    (['utf8', 'utf16le', 'latin1'] as const).map((encoding) => ({
      secret,
      encoding,
      bytes: Buffer.from(secret, encoding),
    })),
  );
  const found: string[] = [];
  for (const file of filesUnder(profile)) {
    if (statSync(file).size === 0) continue;
    const content = readFileSync(file);
    for (const { secret, encoding, bytes } of needles) {
      if (content.includes(bytes)) found.push(`${relative(profile, file)}: ${secret} (${encoding})`);
    }
  }
  return [...new Set(found)];
}

describe('the browser profile on disk, after a dossier was created', () => {
  let distDir = '';
  let server: RunningServer | undefined;
  let profile = '';

  beforeAll(async () => {
    distDir = tempDir('dist');
    await buildApp(distDir, 'e2e-profile-scan');
    server = await startServer(distDir);
    profile = tempDir('profile');
  });
  afterAll(async () => {
    await server?.stop();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('[ENC1] [IDX1] holds no name, phone number, reference, budget label or creditor reference of it', async () => {
    const url = server?.url ?? '';
    // The profile is kept after the browser closes: launched here rather than by the harness.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
      await signIn(page, url);
      await page.goto(`${url}/dossiers/new`);
      await createDossier(page, DOSSIER);
      const id = /\/dossiers\/([^/]+)\/intake$/.exec(new URL(page.url()).pathname)?.[1];
      if (!id) throw new Error(`not on a dossier: ${page.url()}`);

      await page.getByLabel('Téléphone').fill(PHONE);
      await page.getByLabel('Référence du dossier', { exact: false }).first().fill(REFERENCE);
      await page.getByRole('button', { name: 'Enregistrer le ménage' }).click();
      await expect.poll(() => page.getByLabel('Téléphone').inputValue()).toBe(PHONE);

      await page.goto(`${url}/dossiers/${id}/budget`);
      const charges = page.getByRole('region', { name: 'Charges', exact: true });
      await charges.getByRole('button', { name: 'Ajouter une charge' }).click();
      const chargeForm = charges.getByRole('group', { name: 'Ajouter une charge' });
      await chargeForm.getByLabel('Type de charge', { exact: true }).selectOption({ index: 1 });
      await chargeForm.getByLabel('Précision (facultatif)', { exact: true }).fill(CHARGE_LABEL);
      await chargeForm.getByLabel('Montant par période', { exact: true }).fill('42');
      await charges.getByRole('button', { name: 'Ajouter une charge' }).click();
      await charges.getByText(CHARGE_LABEL, { exact: false }).first().waitFor();

      await page.goto(`${url}/dossiers/${id}/debts`);
      const creditors = page.getByRole('region', { name: 'Créanciers', exact: true });
      await creditors.getByRole('button', { name: 'Ajouter un créancier' }).click();
      const creditorForm = creditors.getByRole('group', { name: 'Ajouter un créancier' });
      await creditorForm.getByLabel('Nom du créancier', { exact: true }).fill(CREDITOR);
      await creditorForm.getByLabel('Catégorie', { exact: true }).selectOption({ index: 1 });
      await creditorForm
        .getByLabel('Référence du dossier chez ce créancier (facultatif)', { exact: true })
        .fill(CREDITOR_REFERENCE);
      await creditors.getByRole('button', { name: 'Ajouter un créancier' }).click();
      await creditors.getByText(CREDITOR, { exact: false }).first().waitFor();

      // The search finds it: the index in memory knows what the disk does not show.
      await page.goto(`${url}/dossiers`);
      await page.getByLabel('Rechercher un dossier').fill('zybrow');
      await page
        .getByRole('link', { name: `${DOSSIER.firstName} ${DOSSIER.lastName}` })
        .first()
        .waitFor();
    } finally {
      await context.close();
    }

    expect(filesUnder(profile).length).toBeGreaterThan(0);
    expect(scanProfile(profile)).toEqual([]);
  });
});
