import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IsoDate } from '../../../src/domain/dates';
import { compareScenarios } from '../../../src/domain/rescheduling/compare-scenarios';
import { formatDate, formatMoney, locale } from '../../../src/i18n/i18n';
import {
  buildCompareInput,
  initialParamValues,
  validateParams,
} from '../../../src/state/scenarios/compare-input';
import { monthDate } from '../../../src/state/scenarios/comparison-view';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from './fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
  vi.restoreAllMocks();
});

const CAPACITY = 82_143;

async function open(options: { salaryCents?: number } = {}) {
  const test = makeTestState();
  const id = await seedDossierWithDebts(test.repository, options.salaryCents);
  window.history.replaceState(null, '', `/dossiers/${id}/scenarios`);
  const view = render(<App state={test.state} />);
  return { ...test, id, view };
}

/** What the engine returns for the same dossier and parameters (computed directly). */
async function expected(
  repository: ReturnType<typeof makeTestState>['repository'],
  id: string,
  patch: Record<string, string> = {},
) {
  const dossier = await repository.getDossier(id);
  if (!dossier) throw new Error('missing');
  const checked = validateParams(
    { ...initialParamValues('2026-11-27' as IsoDate), ...patch },
    {
      kind: 'ok',
      monthlyCents: CAPACITY,
    },
  );
  if (!checked.ok) throw new Error('invalid');
  const input = buildCompareInput(dossier, checked.value, { kind: 'ok', monthlyCents: CAPACITY });
  return { input, comparison: compareScenarios(input, input.scenarios) };
}

function rowOf(name: string) {
  const table = screen.getByRole('table', { name: /côte à côte/ });
  return within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement;
}

function cell(row: HTMLElement, col: string) {
  return row.querySelector(`[data-col="${col}"]`)?.textContent ?? '';
}

describe('Scenarios tab', () => {
  it('compares 3 scenarios of a dossier with 6 debts: durations and totals equal compareScenarios', async () => {
    const { repository, id } = await open();
    expect(await screen.findByText(/Capacité du diagnostic : 821,43/)).toBeTruthy();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    const { comparison, input } = await expected(repository, id);
    const names = [
      'Comme aujourd’hui',
      'Rééchelonnement amiable (médiation)',
      'Mesures imposées Banque de France',
    ];
    expect(comparison.outcomes).toHaveLength(3);
    comparison.outcomes.forEach((outcome, index) => {
      const row = rowOf(names[index] ?? '');
      const s = outcome.summary;
      // As today runs the contracts over a 360-month horizon: its duration is its last payment.
      const months = index === 0 ? outcome.result.lastPaymentMonth : s.months;
      expect(cell(row, 'duration')).toBe(`${months} mois`);
      expect(cell(row, 'totalPaid')).toBe(formatMoney(s.totalPaidCents));
      expect(cell(row, 'interest')).toBe(formatMoney(s.totalInterestCents));
      // Only the Banque de France measures write off; elsewhere what is left stays owed.
      const left = s.remainingNotWrittenOffCents + s.writeOffCents;
      expect(cell(row, 'writeOff')).toBe(
        index === 2
          ? formatMoney(s.writeOffCents)
          : left > 0
            ? `Rien : ${formatMoney(left)} restent dus`
            : 'Rien',
      );
      expect(cell(row, 'monthly')).toBe(formatMoney(s.firstMonthlyPaymentCents));
      expect(cell(row, 'feasible')).toContain(s.feasible ? 'Oui' : 'Non');
      expect(cell(row, 'lastMonth')).toBe(
        formatDate(monthDate(input.startDate, outcome.result.lastPaymentMonth)),
      );
    });
    // Per creditor details on demand.
    expect(screen.getAllByText(/Détail par créancier/).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('rowheader', { name: 'Tante Marie' }).length).toBe(3);
  });

  it('the orientation hint shows its reasons, and the chart has a text alternative listing the series', async () => {
    const { repository, id } = await open();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    const { comparison } = await expected(repository, id);
    const reasons = within(screen.getByTestId('orientation-reasons')).getAllByRole('listitem');
    expect(reasons.map((r) => r.textContent)).toEqual(comparison.orientation.reasons.map((r) => r.text.fr));
    expect(reasons.length).toBeGreaterThan(0);
    expect(screen.getByTestId('orientation-track').textContent).toBe('Médiation avec les créanciers');

    expect(screen.getByRole('img', { name: /Reste dû au fil des mois/ })).toBeTruthy();
    const series = within(screen.getByTestId('chart-series')).getAllByRole('listitem');
    expect(series).toHaveLength(3);
    expect(series[0]?.textContent).toContain('Comme aujourd’hui');
    expect(series[0]?.textContent).toContain(formatMoney(1_718_000));
    const bdf = comparison.outcomes[2];
    expect(series[2]?.textContent).toContain(`au mois ${bdf?.result.schedule.length}`);
    expect(screen.getByRole('table', { name: /tous les 12 mois/ })).toBeTruthy();
  });

  it('changing a parameter reruns and never shows an outdated result', async () => {
    const { repository, id, state } = await open();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    const client = state.workspace.simulation();
    const compare = vi.spyOn(client, 'compare');
    // Several quick edits: each supersedes the previous request.
    const capacity = screen.getByLabelText('Capacité de remboursement par mois');
    fireEvent.input(capacity, { target: { value: '4' } });
    // The old result disappears at once: it does not match the parameters any more.
    expect(screen.queryByRole('table', { name: /côte à côte/ })).toBeNull();
    const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));
    await tick();
    fireEvent.input(capacity, { target: { value: '40' } });
    await tick();
    fireEvent.input(capacity, { target: { value: '400' } });
    await waitFor(() => expect(compare).toHaveBeenCalledTimes(3));
    const results = await Promise.all(compare.mock.results.map((r) => r.value));
    expect(results.slice(0, 2).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    const dossier = await repository.getDossier(id);
    if (!dossier) throw new Error('missing');
    const { comparison } = await (async () => {
      const checked = validateParams(
        { ...initialParamValues('2026-11-27' as IsoDate), capacity: '400' },
        { kind: 'ok', monthlyCents: CAPACITY },
      );
      if (!checked.ok) throw new Error('invalid');
      const input = buildCompareInput(dossier, checked.value, { kind: 'ok', monthlyCents: CAPACITY });
      expect(input.capacity.monthlyCents).toBe(40_000);
      return { comparison: compareScenarios(input, input.scenarios) };
    })();
    const row = rowOf('Mesures imposées Banque de France');
    expect(cell(row, 'totalPaid')).toBe(formatMoney(comparison.outcomes[2]?.summary.totalPaidCents ?? -1));
    expect(cell(row, 'writeOff')).toBe(formatMoney(comparison.outcomes[2]?.summary.writeOffCents ?? -1));
    // The draft of the parameters is on the device.
    expect(await state.drafts.load(`scenarios:params:${id}`)).toMatchObject({ capacity: '400' });
  });

  it('adds payoff strategies, up to 6 scenarios at once', async () => {
    const { repository, id } = await open();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    fireEvent.click(screen.getByLabelText('Remboursement : taux le plus cher d’abord'));
    fireEvent.click(screen.getByLabelText('Remboursement : petite dette d’abord'));
    fireEvent.click(screen.getByLabelText('Remboursement : au prorata'));
    await waitFor(
      () =>
        expect(screen.getAllByRole('rowheader', { name: /Remboursement/ }).length).toBeGreaterThanOrEqual(3),
      {
        timeout: 5000,
      },
    );
    const { comparison } = await expected(repository, id, {
      'use:avalanche': '1',
      'use:snowball': '1',
      'use:pro-rata': '1',
    });
    const row = rowOf('Remboursement : petite dette d’abord');
    expect(cell(row, 'duration')).toBe(`${comparison.outcomes[4]?.summary.months} mois`);
    expect(cell(row, 'totalPaid')).toBe(formatMoney(comparison.outcomes[4]?.summary.totalPaidCents ?? -1));
  });

  it('shows validation errors next to the fields', async () => {
    await open();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    const moratorium = screen.getByLabelText(/Mois de moratoire/);
    fireEvent.input(moratorium, { target: { value: '30' } });
    fireEvent.input(screen.getByLabelText('Capacité de remboursement par mois'), {
      target: { value: '12,345' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Comparer les scénarios' }));
    await waitFor(() => expect(moratorium.getAttribute('aria-invalid')).toBe('true'));
    const errorId = moratorium.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe(
      'Écrivez un nombre de mois entier, dans les limites indiquées.',
    );
    expect(screen.getByText('Deux chiffres au plus après la virgule.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /côte à côte/ })).toBeNull();
  });

  it('with no capacity in the diagnosis, says why and takes a typed capacity', async () => {
    const test = makeTestState();
    const id = await seedDossierWithDebts(test.repository);
    const dossier = await test.repository.getDossier(id);
    // No applicant: the diagnosis cannot run.
    for (const m of dossier?.members ?? []) await test.repository.removeRow('member', m.id);
    window.history.replaceState(null, '', `/dossiers/${id}/scenarios`);
    render(<App state={test.state} />);
    expect(
      await screen.findByText(/Le diagnostic n’a pas de capacité : le dossier est incomplet/),
    ).toBeTruthy();
    expect(screen.queryByRole('table', { name: /côte à côte/ })).toBeNull();
    const capacity = screen.getByLabelText('Capacité de remboursement par mois');
    expect(capacity.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Sans capacité du diagnostic, écrivez une capacité mensuelle.')).toBeTruthy();
    fireEvent.input(capacity, { target: { value: '500' } });
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
  });

  it('saves the chosen scenario with its parameters and summary; it survives a reload', async () => {
    const { repository, id, deps, view } = await open();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    fireEvent.change(screen.getByLabelText('Scénario à enregistrer'), { target: { value: '2' } });
    fireEvent.input(screen.getByLabelText('Nom'), { target: { value: 'Plan commission' } });
    const chosen = screen.getByLabelText('C’est le scénario retenu pour ce dossier') as HTMLInputElement;
    // Keeping a scenario for the dossier is the counsellor's decision: never ticked beforehand.
    expect(chosen.checked).toBe(false);
    fireEvent.click(chosen);
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer ce scénario' }));
    expect(
      await screen.findByText('Le scénario « Plan commission » est enregistré dans le dossier.'),
    ).toBeTruthy();
    const stored = (await repository.getDossier(id))?.scenarios ?? [];
    expect(stored).toHaveLength(1);
    const { comparison } = await expected(repository, id);
    const bdf = comparison.outcomes[2]?.summary;
    expect(stored[0]).toMatchObject({
      name: 'Plan commission',
      isChosen: true,
      parameters: {
        choice: 'banque-de-france',
        startDate: '2026-12-01',
        capacity: { monthlyCents: CAPACITY },
      },
      summary: {
        totalPaidCents: bdf?.totalPaidCents,
        months: bdf?.months,
        writeOffCents: bdf?.writeOffCents,
      },
    });
    // Reload: a new app over the same device store and settings.
    view.unmount();
    render(<App state={makeTestState({ settings: deps.settings, workspace: deps.workspace }).state} />);
    const item = await screen.findByTestId('saved-scenario');
    expect(item.textContent).toContain('Plan commission');
    expect(item.textContent).toContain('Scénario retenu');
    expect(item.textContent).toContain(formatMoney(bdf?.totalPaidCents ?? -1));

    // Saving another one as chosen moves the mark.
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    fireEvent.change(screen.getByLabelText('Scénario à enregistrer'), { target: { value: '1' } });
    fireEvent.click(screen.getByLabelText('C’est le scénario retenu pour ce dossier'));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer ce scénario' }));
    await waitFor(async () => {
      const rows = (await repository.getDossier(id))?.scenarios ?? [];
      expect(rows.filter((r) => r.isChosen).map((r) => r.name)).toEqual([
        'Rééchelonnement amiable (médiation)',
      ]);
    });
  });

  it('a scenario saved without ticking "retenu" is stored, not kept as the dossier’s choice', async () => {
    const { repository, id } = await open();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    fireEvent.input(screen.getByLabelText('Nom'), { target: { value: 'Pour comparer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer ce scénario' }));
    expect(
      await screen.findByText('Le scénario « Pour comparer » est enregistré dans le dossier.'),
    ).toBeTruthy();
    const stored = (await repository.getDossier(id))?.scenarios ?? [];
    expect(stored.map((r) => [r.name, r.isChosen])).toEqual([['Pour comparer', false]]);
    expect((await screen.findByTestId('saved-scenario')).textContent).not.toContain('Scénario retenu');
  });

  it('a failed write shows the storage message, never "saved"', async () => {
    const { repository } = await open();
    await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
    const quota = new DOMException('full', 'QuotaExceededError');
    vi.spyOn(repository, 'addRow').mockRejectedValue(quota);
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer ce scénario' }));
    expect(
      await screen.findByText(
        'Rien n’a été enregistré : L’appareil n’a plus assez de place. Synchronisez puis libérez de l’espace.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/est enregistré dans le dossier/)).toBeNull();
  });
});
