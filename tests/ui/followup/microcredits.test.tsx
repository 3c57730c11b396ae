/**
 * The micro-credit section of the Suivi tab (docs/reports-and-plans.md MC1–MC3): a request goes
 * through its steps on screen, each stored on the one micro-credit row; a grant without its terms
 * shows the errors next to the fields.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { axeViolations } from '../axe-violations';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from '../scenarios/fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

async function open() {
  const test = makeTestState();
  const id = await seedDossierWithDebts(test.repository);
  window.history.replaceState(null, '', `/dossiers/${id}/followup`);
  render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 2, name: 'Microcrédit' });
  return { ...test, id };
}

const stored = async (repository: ReturnType<typeof makeTestState>['repository'], id: string) =>
  (await repository.getDossier(id))?.microcredits ?? [];

/** The step words in order, the current one marked. */
const steps = () =>
  [...screen.getByTestId('microcredit-steps').querySelectorAll('li')].map(
    (li) =>
      `${li.querySelector('.step-word')?.textContent}${li.getAttribute('aria-current') === 'step' ? '*' : ''}`,
  );

describe('Micro-credit section (MC1–MC3)', () => {
  it('MC1: request → instructed → granted → repaid, the step shown at each stage, the payment in the budget', async () => {
    const { repository, id } = await open();
    expect(screen.getByText('Aucune demande de microcrédit.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nouvelle demande de microcrédit' }));
    const request = screen.getByRole('form', { name: 'Demande de microcrédit' });
    fireEvent.input(within(request).getByLabelText('Date de la demande'), {
      target: { value: '2026-09-01' },
    });
    fireEvent.input(within(request).getByLabelText('Pour quoi faire (facultatif)'), {
      target: { value: 'Voiture pour aller au travail' },
    });
    fireEvent.input(within(request).getByLabelText('Montant demandé (facultatif)'), {
      target: { value: '3 000' },
    });
    fireEvent.click(within(request).getByRole('button', { name: 'Enregistrer' }));
    await screen.findByTestId('microcredit');
    const confirmation = screen.getByTestId('microcredit-confirmation');
    await waitFor(() =>
      expect(confirmation.textContent).toBe('Le microcrédit est enregistré sur cet appareil.'),
    );
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    expect(await stored(repository, id)).toEqual([
      expect.objectContaining({
        requestedOn: '2026-09-01',
        purpose: 'Voiture pour aller au travail',
        requestedAmountCents: 300_000,
      }),
    ]);
    expect(steps()).toEqual(['Demandé*', 'Dossier instruit', 'Décision', 'Remboursé']);
    expect(screen.getByText('Demande en attente d’instruction')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Dossier instruit' }));
    const instructed = screen.getByRole('form', {
      name: 'Dossier instruit : microcrédit demandé le 1er septembre 2026',
    });
    fireEvent.input(within(instructed).getByLabelText('Date'), { target: { value: '2026-08-20' } });
    fireEvent.click(within(instructed).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(within(instructed).getByText('Cette date est avant l’étape précédente.')).toBeTruthy(),
    );
    fireEvent.input(within(instructed).getByLabelText('Date'), { target: { value: '2026-09-15' } });
    fireEvent.click(within(instructed).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(steps()).toEqual(['Demandé', 'Dossier instruit*', 'Décision', 'Remboursé']));

    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la décision' }));
    const decision = screen.getByRole('form', {
      name: 'Décision : microcrédit demandé le 1er septembre 2026',
    });
    fireEvent.change(within(decision).getByLabelText('Décision du prêteur'), {
      target: { value: 'granted' },
    });
    fireEvent.input(within(decision).getByLabelText('Date de la décision'), {
      target: { value: '2026-10-01' },
    });
    // MC3: granted without its terms: an error next to each field, nothing stored.
    fireEvent.click(within(decision).getByRole('button', { name: 'Enregistrer' }));
    for (const label of [
      'Organisme prêteur',
      'Montant accordé',
      'Durée en mois',
      'Mensualité',
      'Date de la première mensualité',
    ])
      await waitFor(() =>
        expect(within(decision).getByLabelText(label).getAttribute('aria-invalid')).toBe('true'),
      );
    expect((await stored(repository, id))[0]?.decision).toBeUndefined();
    expect(await axeViolations()).toEqual([]);

    fireEvent.input(within(decision).getByLabelText('Organisme prêteur'), {
      target: { value: 'Caisse solidaire' },
    });
    fireEvent.input(within(decision).getByLabelText('Montant accordé'), { target: { value: '2 800' } });
    fireEvent.input(within(decision).getByLabelText('Durée en mois'), { target: { value: '36' } });
    fireEvent.input(within(decision).getByLabelText('Mensualité'), { target: { value: '85' } });
    fireEvent.input(within(decision).getByLabelText('Date de la première mensualité'), {
      target: { value: '2026-11-05' },
    });
    fireEvent.click(within(decision).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(steps()).toEqual(['Demandé', 'Dossier instruit', 'Accordé*', 'Remboursé']));
    expect(await stored(repository, id)).toEqual([
      expect.objectContaining({
        decision: 'granted',
        decidedOn: '2026-10-01',
        lender: 'Caisse solidaire',
        amountCents: 280_000,
        months: 36,
        monthlyPaymentCents: 8_500,
        firstPaymentOn: '2026-11-05',
      }),
    ]);
    // MC2: the card says the payment is in the budget (85 € a month, typed above).
    expect(plain(screen.getByTestId('microcredit-in-budget').textContent)).toBe(
      plain('Inclus dans le budget : 85,00 € par mois'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Signaler un retard de remboursement' }));
    const issue = screen.getByRole('form', { name: /^Retard de remboursement/ });
    fireEvent.input(within(issue).getByLabelText('Date'), { target: { value: '2027-01-10' } });
    fireEvent.click(within(issue).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Retard de remboursement signalé le 10 janvier 2027.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Marquer comme remboursé' }));
    const repaid = screen.getByRole('form', { name: /^Remboursement terminé/ });
    fireEvent.input(within(repaid).getByLabelText('Date'), { target: { value: '2029-10-05' } });
    fireEvent.click(within(repaid).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(steps()).toEqual(['Demandé', 'Dossier instruit', 'Accordé', 'Remboursé*']));
    expect(screen.queryByTestId('microcredit-in-budget')).toBeNull();
    expect((await stored(repository, id))[0]).toMatchObject({
      repaymentIssueOn: '2027-01-10',
      repaidOn: '2029-10-05',
    });
    expect(await axeViolations()).toEqual([]);
  });

  it('MC1: a refusal before instruction ends the pipeline; the section reads in English', async () => {
    const { repository, id } = await open();
    await repository.addRow('microcredit', id, { requestedOn: '2026-09-01', requestedAmountCents: 150_000 });
    locale.value = 'en';
    fireEvent.click(await screen.findByRole('button', { name: 'Record the decision' }));
    const decision = screen.getByRole('form', { name: /^Decision: micro-credit requested on/ });
    fireEvent.change(within(decision).getByLabelText('Lender’s decision'), { target: { value: 'granted' } });
    fireEvent.click(within(decision).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(
        within(decision).getByText(
          'A micro-credit is granted on a prepared file: mark the file prepared first.',
        ),
      ).toBeTruthy(),
    );
    fireEvent.change(within(decision).getByLabelText('Lender’s decision'), { target: { value: 'refused' } });
    fireEvent.click(within(decision).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(steps()).toEqual(['Requested', 'File prepared', 'Refused*', 'Repaid']));
    expect(screen.getByText('Refused on 27 November 2026.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark as repaid' })).toBeNull();
    expect((await stored(repository, id))[0]).toMatchObject({ decision: 'refused', decidedOn: '2026-11-27' });
  });
});
