/**
 * What each row of the comparison means in words: the real duration of "as today" and the debts
 * it never repays, and what the amicable and Banque de France rows mean when nothing can be paid.
 */
import { render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatMoney, locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedSmallDossier } from './fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

/** Testing Library collapses every space (narrow no-break spaces included) in the page's text. */
const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

async function openScenarios() {
  const test = makeTestState();
  const id = await seedSmallDossier(test.repository);
  window.history.replaceState(null, '', `/dossiers/${id}/scenarios`);
  render(<App state={test.state} />);
  const table = await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
  return { ...test, id, table };
}

function row(table: HTMLElement, name: string) {
  return within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement;
}

const cell = (tr: HTMLElement, col: string) =>
  plain(tr.querySelector(`[data-col="${col}"]`)?.textContent ?? '');

describe('Scenarios: what each row means', () => {
  it('"Comme aujourd’hui" shows its real duration, not the 360-month horizon, and names the debt never repaid', async () => {
    const { table } = await openScenarios();
    const asToday = row(table, 'Comme aujourd’hui');
    // By hand: the loan pays 100 € a month for 12 months (1 200 € at 0 %), from the plan's first
    // month, 1 December 2026 (the month after "today", 27 November 2026): the last payment is in
    // month 12, 1 November 2027. The 500 € of rent arrears have no instalment: never repaid.
    expect(cell(asToday, 'duration')).toBe('12 mois');
    expect(cell(asToday, 'lastMonth')).toBe(plain(formatDate('2027-11-01')));
    expect(cell(asToday, 'totalPaid')).toBe(plain(formatMoney(120_000)));
    expect(cell(asToday, 'writeOff')).toBe(plain(`Rien : ${formatMoney(50_000)} restent dus`));
    expect(plain(screen.getByTestId('scenario-note-0').textContent ?? '')).toBe(
      plain(
        `Comme aujourd’hui : les paiements s’arrêtent après 12 mois (dernier paiement le ${formatDate('2027-11-01')}), mais à ce rythme ces dettes ne sont jamais remboursées : Bailleur Habitat (${formatMoney(50_000)} restent dus).`,
      ),
    );
  });

  it('with a capacity of 0, the amicable row writes nothing off and says what mediation can ask for; the Banque de France row says what the commission can do', async () => {
    const { table } = await openScenarios();
    // 600 € of salary against 650 € of rent: the capacity is 0, nothing is paid.
    expect(await screen.findByText(/Capacité du diagnostic : 0,00/, { normalizer: plain })).toBeTruthy();
    const amicable = row(table, 'Rééchelonnement amiable (médiation)');
    expect(cell(amicable, 'totalPaid')).toBe(plain(formatMoney(0)));
    // The whole 1 700 € (1 200 € loan + 500 € arrears) stays owed: a mediation erases nothing.
    expect(cell(amicable, 'writeOff')).toBe(plain(`Rien : ${formatMoney(170_000)} restent dus`));
    expect(cell(amicable, 'duration')).toBe('Aucun paiement');
    expect(plain(screen.getByTestId('scenario-note-1').textContent ?? '')).toBe(
      'Rééchelonnement amiable (médiation) : aucun remboursement n’est possible aujourd’hui avec cette capacité. Une médiation n’efface aucune dette : elle peut demander aux créanciers un délai (report ou suspension des paiements), l’arrêt des frais et une baisse du taux. Si rien ne peut être payé pendant longtemps, c’est le dossier de surendettement qui est prévu.',
    );
    const bdf = row(table, 'Mesures imposées Banque de France');
    expect(cell(bdf, 'writeOff')).toBe('Pas de plan (voir ci-dessous)');
    expect(plain(screen.getByTestId('scenario-note-2').textContent ?? '')).toBe(
      'Mesures imposées Banque de France : aucun plan n’est possible, car rien ne peut être payé avec cette capacité. La commission peut suspendre les dettes jusqu’à 24 mois (moratoire) puis revoir le dossier ou, si la situation ne peut pas s’améliorer, proposer un rétablissement personnel, qui efface les dettes.',
    );
    // Never "0,00 € paid, written off …" on a row that pays nothing.
    expect(cell(amicable, 'writeOff')).not.toContain(formatMoney(0));
  });
});
