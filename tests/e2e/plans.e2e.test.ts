/**
 * "Mes plans" in Chromium (PLAN8): an admin (who sees every header entry) at 1280 px: the header's
 * one row still fits with "Plans" in it; the page opens from the header, offline-computed, with
 * no axe violation; on a phone nothing overflows sideways.
 */
import { describe, expect, it } from 'vitest';
import { api, axeViolations, createDossier, PASSWORD, signIn } from './app-helpers';
import { useE2eApp } from './harness';

describe('Mes plans, in Chromium', () => {
  const app = useE2eApp('e2e-plans');

  it('PLAN8: the header fits at 1280 px with “Plans”; the page opens from it; phone width fits', async () => {
    const { page } = app;
    const url = app.server.url;
    await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, url);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Administration' }).waitFor();
    // Every entry of the header's row inside the window, none wrapped onto a second line.
    const layout = await page.evaluate(() => {
      const header = document.querySelector('header.app-header') as HTMLElement;
      // Shown entries only: the closed Coordination group's links have no box.
      const links = [...header.querySelectorAll('nav a')]
        .map((a) => a.getBoundingClientRect())
        .filter((r) => r.width > 0);
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        headerOverflow: header.scrollWidth - header.clientWidth,
        right: Math.max(...links.map((r) => r.right)),
        tops: [...new Set(links.map((r) => Math.round(r.top)))],
        labels: [...header.querySelectorAll('nav a')].map((a) => a.textContent),
        // The whole row (name, entries, status, account, menu button): every child overlaps the others.
        row: (() => {
          const boxes = [...header.children].map((child) => child.getBoundingClientRect());
          return Math.max(...boxes.map((r) => r.top)) < Math.min(...boxes.map((r) => r.bottom));
        })(),
      };
    });
    // Whatever else an admin's row holds, "Plans" is in it.
    expect(layout.labels).toContain('Plans');
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.headerOverflow).toBeLessThanOrEqual(0);
    expect(layout.right).toBeLessThanOrEqual(1280);
    expect(layout.tops).toHaveLength(1);

    await nav.getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes plans' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'À traiter (0)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page)).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    // On the phone: a dossier's plan, its payment form and its whole schedule fit the width.
    await page.goto(`${url}/dossiers/new`);
    await createDossier(page, {
      firstName: 'Inès',
      lastName: 'Morel',
      birthDate: '1979-06-02',
      departement: '69',
      housing: 'Locataire',
    });
    await page.goto(page.url().replace(/\/intake$/, '/followup'));
    await page.getByRole('button', { name: 'Ajouter un plan' }).click();
    await page.getByLabel('Type de plan').selectOption('bdf_imposed');
    await page.getByLabel('Date de la première mensualité').fill('2026-01-05');
    await page.getByLabel('Palier 1 : nombre de mois').fill('12');
    await page.getByLabel('Palier 1 : montant par mois').fill('0');
    await page.getByRole('button', { name: 'Ajouter un palier' }).click();
    await page.getByLabel('Palier 2 : nombre de mois').fill('72');
    await page.getByLabel('Palier 2 : montant par mois').fill('1 234,56');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const plan = page.getByTestId('plan');
    await plan.waitFor();
    await plan.getByText(/Tout l’échéancier \(84 mensualités\)/).click();
    await plan
      .getByRole('button', { name: /^Noter le paiement/ })
      .first()
      .click();
    await page.getByRole('form', { name: /Paiement de la mensualité/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    // Last, so the rest runs anyway: the whole header on one row at 1280 px. Needs the grouped
    // coordinators' entries of i15-coordui: on main's header with "Plans", an admin's menu button
    // wraps onto a second row (see the integration notes).
    expect(layout.row).toBe(true);
  });
});
