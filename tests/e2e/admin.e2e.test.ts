/**
 * The Administration screen in Chromium, against the real server: the first admin signs in,
 * follows the header link, creates a welcome point, then a volunteer assigned to it, who can
 * then sign in with that welcome point; the admin enters the official RSA amount in Paramètres
 * légaux, which the volunteer's session can read. axe-core finds nothing on the page, on a tablet and on
 * a phone (where nothing overflows sideways).
 */
import { describe, expect, it } from 'vitest';
import { api, axeViolations, PASSWORD, signIn } from './app-helpers';
import { useE2eApp } from './harness';

describe('Administration screen, in Chromium', () => {
  const app = useE2eApp('e2e-admin');

  it('an admin creates a welcome point and a volunteer assigned to it', async () => {
    const { page } = app;
    const url = app.server.url;
    await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, url);

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Administration' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    const places = page.getByRole('region', { name: 'Lieux d’accueil' });
    await places.getByText('Aucun lieu d’accueil pour l’instant.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Nom du lieu').fill('Centre social Nord');
    await page.getByRole('button', { name: 'Ajouter le lieu' }).click();
    await places.getByText('Lieu « Centre social Nord » ajouté.').waitFor();
    // The focus lands on the new welcome point.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Centre social Nord');

    const users = page.getByRole('region', { name: 'Utilisateurs' });
    await page.getByLabel('Nom de la personne').fill('Léa Bénévole');
    await page.getByLabel('Identifiant de connexion').fill('lea');
    await page.getByLabel('Rôle').selectOption('volunteer');
    await users.getByRole('checkbox', { name: 'Centre social Nord' }).check();
    await page.getByLabel('Mot de passe de départ').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await users.getByText(/Compte de Léa Bénévole créé/).waitFor();
    const lea = users.getByTestId('admin-user').filter({ hasText: 'Identifiant : lea' });
    await lea.getByText('Rôle : bénévole').waitFor();
    await lea.getByText('Lieux : Centre social Nord').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The volunteer exists on the server, assigned to the new welcome point.
    const admin = (await api(url, '/api/auth/login', {
      username: 'admin',
      password: PASSWORD,
      deviceId: 'admin-console',
    })) as { token: string };
    const points = (await (
      await fetch(`${url}/api/admin/welcome-points`, { headers: { authorization: `Bearer ${admin.token}` } })
    ).json()) as { id: string; name: string }[];
    const nord = points.find((wp) => wp.name === 'Centre social Nord');
    expect(nord).toBeDefined();
    const session = (await api(url, '/api/auth/login', {
      username: 'lea',
      password: PASSWORD,
      deviceId: 'lea-phone',
    })) as { user: { role: string; welcomePointIds: string[] } };
    expect(session.user.role).toBe('volunteer');
    expect(session.user.welcomePointIds).toEqual([nord?.id]);

    // Paramètres légaux (issue 12, point 4): a date before 2000 is refused next to its field,
    // then the official RSA amount is saved, listed and logged, and a volunteer's device reads it.
    const legal = page.getByRole('region', { name: 'Paramètres légaux' });
    await legal.getByText(/Aucune valeur saisie/).waitFor();
    await legal.getByLabel('Date d’effet').fill('1999-04-01');
    await legal.getByLabel('Montant pour une personne seule, par mois').fill('651,00');
    await legal.getByLabel(/Texte officiel/).fill('Décret n° 2026-301 du 28 mars 2026');
    await legal.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await legal.getByText('La date d’effet ne peut pas être avant le 1er janvier 2000.').waitFor();
    await legal.getByLabel('Date d’effet').fill('2026-04-01');
    await legal.getByRole('button', { name: 'Enregistrer la valeur' }).click();
    await legal.getByText(/Valeur enregistrée/).waitFor();
    await legal
      .getByTestId('admin-legal-entry')
      .getByText(/651,00/)
      .waitFor();
    await legal
      .getByTestId('admin-legal-history')
      .getByText(/Admin Relais a ajouté : Montant du RSA/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const leaToken = (session as unknown as { token: string }).token;
    const received = (await (
      await fetch(`${url}/api/legal-parameters`, { headers: { authorization: `Bearer ${leaToken}` } })
    ).json()) as { entries: { baseMonthlyCents?: number; effectiveFrom: string }[] };
    expect(received.entries).toEqual([
      expect.objectContaining({ effectiveFrom: '2026-04-01', baseMonthlyCents: 65_100 }),
    ]);

    // On a phone: still no violation, nothing overflows sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
