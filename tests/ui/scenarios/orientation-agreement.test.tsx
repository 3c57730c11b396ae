/**
 * One orientation rule for the dossier: the Follow-up tab and the Scenarios tab suggest the same
 * track for the same figures, and when the figures typed in Scenarios lead elsewhere, that tab
 * says what the Follow-up tab suggests and which setting makes the difference.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMoney, locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedSmallDossier } from './fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

async function openTab(test: ReturnType<typeof makeTestState>, id: string, tab: 'followup' | 'scenarios') {
  cleanup();
  window.history.replaceState(null, '', `/dossiers/${id}/${tab}`);
  render(<App state={test.state} />);
}

describe('Orientation: the Follow-up and Scenarios tabs agree, or say why not', () => {
  it('the household where they disagreed: capacity 0 in the budget, 300 € typed in Scenarios', async () => {
    const test = makeTestState();
    const id = await seedSmallDossier(test.repository);

    // The budget's capacity is 0 (600 € of salary, 650 € of rent): no plan can repay anything,
    // so the Follow-up tab suggests an over-indebtedness file.
    await openTab(test, id, 'followup');
    const suggestion = await screen.findByTestId('track-suggestion');
    expect(plain(suggestion.textContent ?? '')).toContain('Orientation suggérée : Surendettement');
    expect(plain(suggestion.textContent ?? '')).toContain(
      plain(`Calculée avec la capacité du budget (${formatMoney(0)} par mois)`),
    );

    // Untouched, the Scenarios tab runs the same rule on the same figures: the same track, no gap.
    await openTab(test, id, 'scenarios');
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    expect(screen.getByTestId('orientation-track').textContent).toBe(
      'Dossier de surendettement (Banque de France)',
    );
    expect(screen.queryByTestId('orientation-gap')).toBeNull();

    // 300 € typed by hand: shared pro rata (1 200 € and 500 € of debts: about 211,76 € and
    // 88,24 €), the loan at 0 % is repaid in 6 months of 200 € and the arrears in 6 months of
    // 83,34 € at most: new terms fit, so Scenarios suggests mediation. It says why Suivi differs.
    fireEvent.input(screen.getByLabelText('Capacité de remboursement par mois'), {
      target: { value: '300' },
    });
    await screen.findByText('Médiation avec les créanciers', {}, { timeout: 5000 });
    expect(plain(screen.getByTestId('orientation-gap').textContent ?? '')).toBe(
      plain(
        `L’onglet Suivi propose « Surendettement » : il part du dossier tel qu’il est, avec la capacité du budget (${formatMoney(0)} par mois) et les réglages par défaut. La suggestion ci-dessus est différente parce que la capacité écrite ici est de ${formatMoney(30_000)} par mois au lieu de ${formatMoney(0)}.`,
      ),
    );
  });
});
