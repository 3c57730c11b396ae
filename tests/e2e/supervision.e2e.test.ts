/**
 * A coordinator, in Chromium, opens Supervision from the header, sees a mutation the server
 * quarantined (a charge with a negative amount pushed by a tablet: QUAR1), reads it in plain
 * words with the raw payload behind a disclosure, and marks it handled (QUAR3); then, with the
 * keyboard, lists the handled ones and reads who handled it by name; axe finds nothing, and the
 * payload never reaches the browser console.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { householdFields } from '../household-fixture';
import { api, axeViolations, PASSWORD, pushCreates, signIn } from './app-helpers';
import { useE2eApp } from './harness';

const POISON_LABEL = 'Loyer-marqueur-e2e';

/** The first admin, a coordinator, and a counsellor's tablet whose push the server quarantines. */
async function seed(url: string): Promise<{ householdId: string; coordinatorId: string }> {
  await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
  const admin = (await api(url, '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
    deviceId: `admin-${randomUUID()}`,
  })) as { token: string };
  const coordinator = (await api(
    url,
    '/api/admin/users',
    {
      username: 'camille',
      displayName: 'Camille Roux',
      password: PASSWORD,
      role: 'coordinator',
      welcomePointIds: [],
    },
    admin.token,
  )) as { id: string };
  await api(
    url,
    '/api/admin/users',
    {
      username: 'sam',
      displayName: 'Sam Martin',
      password: PASSWORD,
      role: 'counsellor',
      welcomePointIds: [],
    },
    admin.token,
  );
  const deviceId = `tablet-${randomUUID()}`;
  const sam = (await api(url, '/api/auth/login', {
    username: 'sam',
    password: PASSWORD,
    deviceId,
    deviceName: 'Tablette du mardi',
  })) as { token: string; user: { id: string } };
  const householdId = randomUUID();
  const push = await pushCreates(url, { token: sam.token, deviceId, userId: sam.user.id }, householdId, [
    {
      entity: 'household',
      patch: householdFields(),
    },
    {
      entity: 'charge',
      patch: { type: 'rent', label: POISON_LABEL, amountCents: -5, frequency: 'monthly', mode: 'real' },
    },
  ]);
  expect(push.results.map((r) => [r.status, r.reason])).toEqual([
    ['applied', undefined],
    ['quarantined', 'schema-invalid'],
  ]);
  return { householdId, coordinatorId: coordinator.id };
}

const app = useE2eApp('e2e-supervision');

it('a coordinator sees a quarantined change and marks it handled, axe-clean', async () => {
  const { url } = app.server;
  const { householdId, coordinatorId } = await seed(url);
  const page = app.page;
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));

  await signIn(page, url, { username: 'camille', displayName: 'Camille Roux' });

  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  // The coordinators' entries sit behind "Coordination" in the wide header (app-header.tsx).
  await nav.getByRole('button', { name: 'Coordination' }).click();
  await nav.getByRole('link', { name: 'Supervision' }).click();
  await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
  const section = page.getByRole('region', { name: 'Modifications mises de côté (1)' });
  await section.waitFor();
  const item = section.getByTestId('quarantine-item');
  await item
    .getByRole('heading', {
      name: 'Une valeur saisie ne respecte pas les règles (par exemple un montant négatif).',
    })
    .waitFor();
  const text = (await item.textContent()) ?? '';
  expect(text).toContain('Sam Martin (sam)');
  expect(text).toContain('Tablette du mardi');
  expect(text).toContain(householdId);
  // The payload stays closed until asked for.
  const payload = item.locator('details pre');
  expect(await payload.isVisible()).toBe(false);
  await item.getByText('Voir les données reçues (technique)').click();
  await payload.waitFor({ state: 'visible' });
  expect(await payload.textContent()).toContain(POISON_LABEL);
  expect(await page.getByRole('region', { name: 'Appareils à vérifier (0)' }).isVisible()).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  // On a phone: nothing wider than the screen, still axe-clean.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeViolations(page)).toEqual([]);

  // Keyboard: focus the button and press Enter.
  const button = item.getByRole('button', { name: 'Marquer comme traité' });
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Modifications mises de côté (0)' }).waitFor();
  await page.getByText('Aucune modification mise de côté.').waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('supervision-quarantine');
  expect(await axeViolations(page)).toEqual([]);

  // The server recorded who and when; a reload no longer lists it.
  const login = (await api(url, '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
    deviceId: `admin-check-${randomUUID()}`,
  })) as { token: string };
  const all = (await (
    await fetch(`${url}/api/quarantine?status=all`, { headers: { authorization: `Bearer ${login.token}` } })
  ).json()) as { items: { handledBy: string | null; handledAt: number | null }[] };
  expect(all.items.map((i) => i.handledBy)).toEqual([coordinatorId]);
  expect(all.items[0]?.handledAt).toBeGreaterThan(0);
  await page.reload();
  await page.getByRole('region', { name: 'Modifications mises de côté (0)' }).waitFor();

  // The handled ones, by keyboard: the filter is a group of radios; an arrow moves the choice.
  const filter = page.getByRole('group', { name: 'Afficher' });
  await filter.getByRole('radio', { name: 'À traiter' }).focus();
  await page.keyboard.press('ArrowRight');
  expect(await filter.getByRole('radio', { name: 'Traités' }).isChecked()).toBe(true);
  const handledSection = page.getByRole('region', { name: 'Modifications mises de côté (1)' });
  await handledSection.waitFor();
  const handled = handledSection.getByTestId('quarantine-item');
  // When and by whom, by name (QUAR3): never the raw account id.
  expect(await handled.getByTestId('handled-by').textContent()).toBe('Camille Roux (camille)');
  const handledText = (await handled.textContent()) ?? '';
  expect(handledText).toContain('Traité le');
  expect(handledText).not.toContain(coordinatorId);
  expect(await handled.getByRole('button', { name: 'Marquer comme traité' }).count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);

  // Never logged in the browser.
  expect(logged.filter((line) => line.includes(POISON_LABEL))).toEqual([]);
});
