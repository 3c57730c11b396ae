/**
 * The dossier's plans in the follow-up tab (PLAN1–PLAN4): create a plan, see its schedule and
 * status in plain words, record payments and a formal notice, end it. Today is 27 November 2026.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { axeViolations } from '../axe-violations';
import { seedDocumentsDossier } from '../documents/fixture';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from '../scenarios/fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

/** Text with the no-break spaces of French money as plain spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function open() {
  const test = makeTestState();
  const id = await seedDossierWithDebts(test.repository);
  window.history.replaceState(null, '', `/dossiers/${id}/followup`);
  render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 2, name: 'Plans de remboursement' });
  return { ...test, id };
}

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

async function createPlan(steps: [string, string][], firstDueOn = '2026-09-05') {
  fireEvent.click(screen.getByRole('button', { name: 'Ajouter un plan' }));
  await screen.findByRole('form', { name: 'Nouveau plan' });
  fireEvent.change(screen.getByLabelText('Type de plan'), { target: { value: 'bdf_conventional' } });
  type('Date de la première mensualité', firstDueOn);
  type('Référence (dossier Banque de France ou accord)', 'BDF-69-0042');
  for (const [index, [months, amount]] of steps.entries()) {
    if (index > 0) fireEvent.click(screen.getByRole('button', { name: 'Ajouter un palier' }));
    type(`Palier ${index + 1} : nombre de mois`, months);
    type(`Palier ${index + 1} : montant par mois`, amount);
  }
  fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
}

describe('the dossier’s plans (follow-up tab)', () => {
  it('PLAN1: a schedule longer than 84 months is refused next to the steps, and nothing is stored', async () => {
    const { repository, id } = await open();
    await createPlan([
      ['24', '0'],
      ['61', '170'],
    ]);
    const error = await screen.findByText(/Le plan dépasse la durée légale : 84 mois au plus/);
    expect(error.id).toBe('plan-new-steps-error');
    expect(screen.getByRole('group', { name: 'Paliers' }).getAttribute('aria-describedby')).toBe(
      'plan-new-steps-error',
    );
    expect((await repository.getDossier(id))?.plans).toEqual([]);
  });

  it('PLAN2–PLAN3: three instalments unpaid are “En retard : 3 mensualités, 510 €”; one paid leaves 2 and 340 €', async () => {
    const { repository, id } = await open();
    await createPlan([['24', '170']]);
    const plan = await screen.findByTestId('plan');
    // 5 September, 5 October, 5 November: each past its 10 days of grace on 27 November, unrecorded.
    await waitFor(() =>
      expect(plain(within(plan).getByTestId('plan-headline').textContent)).toBe(
        'En retard : 3 mensualités, 510,00 €',
      ),
    );
    // 24 × 170 € = 4 080 €, the last on 5 August 2028.
    expect(plain(plan.textContent)).toContain('4 080,00 €');
    expect(plan.textContent).toContain('5 août 2028');
    expect((await repository.getDossier(id))?.plans[0]).toMatchObject({
      kind: 'bdf_conventional',
      firstDueOn: '2026-09-05',
      reference: 'BDF-69-0042',
      steps: [{ months: 24, monthlyCents: 17_000 }],
    });

    fireEvent.click(within(plan).getByRole('button', { name: 'Noter le paiement du 5 septembre 2026' }));
    const form = await screen.findByRole('form', { name: /Paiement de la mensualité du 5 septembre 2026/ });
    fireEvent.change(within(form).getByLabelText('Cette mensualité est'), { target: { value: 'late' } });
    fireEvent.input(within(form).getByLabelText('Payée le'), { target: { value: '2026-09-25' } });
    fireEvent.change(within(form).getByLabelText('Qui le dit'), { target: { value: 'household_word' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(plain(screen.getByTestId('plan-headline').textContent)).toBe(
        'En retard : 2 mensualités, 340,00 €',
      ),
    );
    const payments = (await repository.getDossier(id))?.planPayments ?? [];
    expect(payments).toMatchObject([
      {
        dueOn: '2026-09-05',
        status: 'late',
        amountCents: 17_000,
        paidOn: '2026-09-25',
        source: 'household_word',
        recordedOn: '2026-11-27',
      },
    ]);
    expect(plain(screen.getByTestId('plan').textContent)).toContain(
      'Payée en retard le 25 septembre 2026 : 170,00 € (selon le foyer)',
    );
  });

  it('PLAN3: a formal notice on 20 November shows the clock: caduc on 6 December if nothing is done, 9 days left', async () => {
    const { repository, id } = await open();
    await createPlan([['24', '170']]);
    const plan = await screen.findByTestId('plan');
    fireEvent.click(within(plan).getByRole('button', { name: 'Mise en demeure reçue' }));
    const form = await screen.findByRole('form', { name: 'Mise en demeure d’un créancier' });
    fireEvent.input(within(form).getByLabelText('Date'), { target: { value: '2026-11-20' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    // R732-2: 15 days after 20 November (the day of the notice not counted) is 5 December, the last
    // day; the plan lapses on the 6th. From 27 November to 5 December inclusive: 9 days.
    const clock = await screen.findByTestId('plan-clock');
    expect(clock.textContent).toContain('Le plan devient caduc le 6 décembre 2026 si rien n’est fait.');
    expect(clock.textContent).toContain('Il reste 9 jours pour régulariser.');
    expect(screen.getByTestId('plan-headline').textContent).toBe('Mise en demeure reçue le 20 novembre 2026');
    expect((await repository.getDossier(id))?.plans[0]?.formalNoticeOn).toBe('2026-11-20');

    fireEvent.click(await screen.findByRole('button', { name: 'Mise en demeure régularisée' }));
    fireEvent.click(
      within(await screen.findByRole('form', { name: 'Régularisation de la mise en demeure' })).getByRole(
        'button',
        {
          name: 'Enregistrer',
        },
      ),
    );
    await waitFor(() => expect(screen.queryByTestId('plan-clock')).toBeNull());
  });

  it('PLAN3: ending the plan needs a reason; an ended plan says why and asks for nothing more', async () => {
    const { repository, id } = await open();
    await createPlan([['12', '100']], '2026-12-10');
    fireEvent.click(await screen.findByRole('button', { name: 'Terminer le plan' }));
    const form = await screen.findByRole('form', { name: 'Fin du plan' });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    const reason = within(form).getByLabelText('Pourquoi le plan se termine');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    fireEvent.change(reason, { target: { value: 'superseded' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(screen.getByTestId('plan-headline').textContent).toBe(
        'Plan terminé le 27 novembre 2026 (remplacé par un nouveau plan)',
      ),
    );
    expect(screen.queryByRole('button', { name: /Noter le paiement/ })).toBeNull();
    expect((await repository.getDossier(id))?.plans[0]).toMatchObject({
      endedOn: '2026-11-27',
      endReason: 'superseded',
    });
  });

  it('PLAN1: a new plan is prefilled from the chosen scenario: its start and its monthly figures', async () => {
    const test = makeTestState();
    const { id } = await seedDocumentsDossier(test.repository);
    window.history.replaceState(null, '', `/dossiers/${id}/followup`);
    render(<App state={test.state} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter un plan' }));
    const form = await screen.findByRole('form', { name: 'Nouveau plan' });
    expect(form.textContent).toContain('Prérempli avec le scénario « Plan Banque de France »');
    expect((within(form).getByLabelText('Date de la première mensualité') as HTMLInputElement).value).toBe(
      '2026-12-01',
    );
    // The scenario pays 300 € a month (its capacity) from its first month.
    expect((within(form).getByLabelText('Palier 1 : montant par mois') as HTMLInputElement).value).toBe(
      '300,00',
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(async () =>
      expect((await test.repository.getDossier(id))?.plans[0]?.scenarioId).toBeTruthy(),
    );
  });

  it('has no axe violations with a plan, its payment form and the new plan form open', async () => {
    await open();
    await createPlan([['24', '170']]);
    const plan = await screen.findByTestId('plan');
    fireEvent.click(within(plan).getByRole('button', { name: 'Noter le paiement du 5 septembre 2026' }));
    await screen.findByRole('form', { name: /Paiement de la mensualité/ });
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter un plan' }));
    await screen.findByRole('form', { name: 'Nouveau plan' });
    expect(await axeViolations()).toEqual([]);
  });
});
