/**
 * The scenario comparison on a phone (390 × 844), in Chromium (issue 12 point 13): six scenarios
 * of a dossier with six debts and long creditor names. On a narrow screen each scenario is a
 * card that fits the screen's width, so no figure hides behind a sideways scroll; the details per
 * creditor and the chart's data table read the same way. axe-core finds nothing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { householdFields } from '../household-fixture';
import { debtFields } from '../support/debt-fields';
import { api, axeViolations, PASSWORD, pushCreates, signIn, syncNow } from './app-helpers';
import { useE2eApp } from './harness';

const CREDITORS: Array<{ name: string; category: string; debt: Parameters<typeof debtFields>[0] }> = [
  {
    name: 'Office public de l’habitat de la Métropole de Lyon',
    category: 'landlord',
    debt: { product: 'rent_arrears', arrearsCents: 120_000, amountDueNowCents: 120_000 },
  },
  {
    name: 'Caisse régionale de crédit agricole mutuel Centre-Est',
    category: 'credit_institution',
    debt: {
      product: 'amortising_loan',
      capitalRemainingCents: 850_000,
      nominalRateBps: 490,
      instalmentMonthlyCents: 21_000,
      remainingTermMonths: 48,
    },
  },
  {
    name: 'Société de financement Crédit Facile Express',
    category: 'credit_institution',
    debt: {
      product: 'revolving_credit',
      capitalRemainingCents: 420_000,
      nominalRateBps: 1_890,
      instalmentMonthlyCents: 15_000,
    },
  },
  {
    name: 'Électricité de France, service clients particuliers',
    category: 'utility',
    debt: { product: 'current_charge_arrears', arrearsCents: 38_000, amountDueNowCents: 38_000 },
  },
  {
    name: 'Direction générale des finances publiques du Rhône',
    category: 'tax',
    debt: { product: 'tax_debt', arrearsCents: 91_000, amountDueNowCents: 91_000 },
  },
  {
    name: 'Marie-Christine Dupont-Lefèvre',
    category: 'private_individual',
    debt: { product: 'family_loan', capitalRemainingCents: 150_000, instalmentMonthlyCents: 5_000 },
  },
];

/** The first admin and a dossier with 2 400 € of salary, 650 € of rent and six debts. */
async function seedServer(url: string): Promise<string> {
  await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
  const deviceId = `seed-${randomUUID()}`;
  const login = (await api(url, '/api/auth/login', { username: 'admin', password: PASSWORD, deviceId })) as {
    token: string;
    user: { id: string };
  };
  const householdId = randomUUID();
  const creditorIds = CREDITORS.map(() => randomUUID());
  const push = await pushCreates(url, { token: login.token, deviceId, userId: login.user.id }, householdId, [
    { entity: 'household', patch: householdFields() },
    {
      entity: 'member',
      patch: { role: 'applicant', firstName: 'Nadia', lastName: 'Rousseau', birthDate: '1981-09-03' },
    },
    {
      entity: 'resource',
      patch: { type: 'salary', amountCents: 240_000, frequency: 'monthly', regular: true },
    },
    { entity: 'charge', patch: { type: 'rent', amountCents: 65_000, frequency: 'monthly', mode: 'real' } },
    ...CREDITORS.map((c, i) => ({
      entity: 'creditor',
      entityId: creditorIds[i],
      patch: { name: c.name, category: c.category },
    })),
    ...CREDITORS.map((c, i) => ({
      entity: 'debt',
      patch: { creditorId: creditorIds[i], ...debtFields(c.debt) },
    })),
  ]);
  expect(push.results.every((r) => r.status === 'applied')).toBe(true);
  return householdId;
}

describe('Scenario comparison on a phone, in Chromium', () => {
  const app = useE2eApp('e2e-scenarios-phone');

  it('shows one card per scenario at 390 px: nothing cut off at the side, nothing to scroll sideways', async () => {
    const { page } = app;
    const url = app.server.url;
    const householdId = await seedServer(url);
    // Signed in at the default width, where "Connecté : …" shows in the header (on a phone it
    // sits in the menu), then narrowed to a phone.
    await signIn(page, url);
    await page.setViewportSize({ width: 390, height: 844 });
    await syncNow(page);
    await page.goto(`${url}/dossiers/${householdId}/scenarios`);
    await page.getByRole('heading', { level: 1, name: 'Nadia Rousseau · Scénarios' }).waitFor();

    const params = page.getByRole('form', { name: 'Paramètres' });
    for (const label of [
      'Remboursement : taux le plus cher d’abord',
      'Remboursement : petite dette d’abord',
      'Remboursement : au prorata',
    ]) {
      await params.getByRole('checkbox', { name: label, exact: true }).check();
    }
    const table = page.getByRole('table', { name: 'Les scénarios côte à côte (montants en euros)' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(6);
    await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });

    const layout = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const problems: string[] = [];
      const cards = [...document.querySelectorAll<HTMLElement>('.card-table tbody tr')];
      for (const card of cards) {
        const box = card.getBoundingClientRect();
        if (box.left < 0 || box.right > width + 0.5) {
          problems.push(`card "${card.querySelector('th')?.textContent}" spans ${box.left}–${box.right}`);
        }
        // Every cell, and what it says, sits inside its card.
        for (const cell of card.querySelectorAll<HTMLElement>('th, td, td *')) {
          const c = cell.getBoundingClientRect();
          if (c.width > 0 && (c.left < box.left - 0.5 || c.right > box.right + 0.5)) {
            problems.push(`"${cell.textContent}" spans ${c.left}–${c.right} outside its card`);
          }
        }
      }
      // No comparison box hides content sideways.
      for (const scroll of document.querySelectorAll<HTMLElement>('.table-scroll')) {
        if (scroll.scrollWidth > scroll.clientWidth + 0.5) {
          problems.push(
            `${scroll.getAttribute('aria-label')} scrolls: ${scroll.scrollWidth} > ${scroll.clientWidth}`,
          );
        }
      }
      return {
        problems,
        cards: cards.length,
        pageOverflow: document.documentElement.scrollWidth - width,
        scenarioCardWidth:
          document.querySelector('.scenario-table tbody tr')?.getBoundingClientRect().width ?? 0,
        labels: [...document.querySelectorAll('.scenario-table tbody tr:first-child td')].map(
          (td) => getComputedStyle(td, '::before').content,
        ),
      };
    });
    await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = false;
    });
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/relais-scenarios-phone.png' });
    await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });
    expect(layout.problems).toEqual([]);
    expect(layout.pageOverflow).toBeLessThanOrEqual(0);
    // 6 scenario cards, 6 × 6 creditor cards (one per creditor and scenario), and the chart's months.
    expect(layout.cards).toBeGreaterThanOrEqual(6 + 36);
    // A card is a card: as wide as the screen's content, not a 963 px table row.
    expect(layout.scenarioCardWidth).toBeGreaterThan(300);
    expect(layout.scenarioCardWidth).toBeLessThanOrEqual(390);
    // Each figure carries its column's name.
    expect(layout.labels).toEqual([
      '"Durée"',
      '"Premier mois payé"',
      '"Total payé"',
      '"Intérêts"',
      '"Effacé"',
      '"Possible ?"',
      '"Dernier paiement"',
    ]);
    expect(await axeViolations(page)).toEqual([]);
  });
});
