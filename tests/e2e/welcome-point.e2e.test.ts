/**
 * The welcome point at intake, in Chromium against the real server (AUTH6, AUTH10): a volunteer
 * signs in, the new-dossier form offers her welcome point by name (preselected) or none, never
 * free text; the dossier she creates syncs (no 403), and the list shows the welcome point's
 * name. axe-core finds nothing on the form.
 */
import { describe, expect, it } from 'vitest';
import { api, axeViolations, createDossier, PASSWORD, signIn, syncNow } from './app-helpers';
import { useE2eApp } from './harness';

describe('Welcome point at intake, in Chromium', () => {
  const app = useE2eApp('e2e-welcome-point');

  it('a volunteer picks her welcome point by name; the dossier syncs and is listed by name', async () => {
    const { page } = app;
    const url = app.server.url;
    await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
    const admin = (await api(url, '/api/auth/login', {
      username: 'admin',
      password: PASSWORD,
      deviceId: 'admin-console',
    })) as { token: string };
    await api(url, '/api/admin/welcome-points', { id: 'wp-nord', name: 'Centre social Nord' }, admin.token);
    await api(url, '/api/admin/welcome-points', { id: 'wp-sud', name: 'Mairie Sud' }, admin.token);
    await api(
      url,
      '/api/admin/users',
      {
        username: 'lea',
        displayName: 'Léa Bénévole',
        password: PASSWORD,
        role: 'volunteer',
        welcomePointIds: ['wp-nord'],
      },
      admin.token,
    );

    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, url, { username: 'lea', displayName: 'Léa Bénévole' });

    await page.goto(`${url}/dossiers/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
    const select = page.getByLabel('Point d’accueil', { exact: true });
    expect(await select.evaluate((el) => el.tagName)).toBe('SELECT');
    // Her welcome point by name, preselected; not the other one (the server would refuse it).
    expect(await select.locator('option').allTextContents()).toEqual([
      'Aucun (dossier personnel)',
      'Centre social Nord',
    ]);
    expect(await select.inputValue()).toBe('wp-nord');
    expect(await axeViolations(page)).toEqual([]);

    await createDossier(page, {
      firstName: 'Claire',
      lastName: 'Martin',
      birthDate: '1984-03-02',
      departement: '59',
      housing: 'Locataire',
    });

    // The push is authorised: everything is sent.
    await syncNow(page);
    const coordinatorView = (await (
      await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${admin.token}` } })
    ).json()) as { welcomePoints: { name: string }[] };
    expect(coordinatorView.welcomePoints.map((wp) => wp.name)).toEqual(['Centre social Nord', 'Mairie Sud']);

    await page.goto(`${url}/dossiers`);
    const card = page.getByTestId('dossier-list').getByRole('listitem').filter({ hasText: 'Claire Martin' });
    await card.getByText('Centre social Nord').waitFor();
    expect(await card.textContent()).not.toContain('wp-nord');
  });
});
