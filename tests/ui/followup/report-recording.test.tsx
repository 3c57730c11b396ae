/**
 * What the Suivi tab records for the activity report (RPT1): a consultation with its orientation
 * (an appointment marked done, or a walk-in), the complete diagnosis in one click (once a day,
 * undone by a cancellation revision), and the outcomes of the actions form.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OrientationSchema } from '../../../src/domain/dossier/appointment';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { axeViolations } from '../axe-violations';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from '../scenarios/fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

async function open() {
  const test = makeTestState();
  const id = await seedDossierWithDebts(test.repository);
  window.history.replaceState(null, '', `/dossiers/${id}/followup`);
  render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 2, name: 'Rendez-vous' });
  return { ...test, id };
}

describe('Consultations (RPT1 consultations)', () => {
  it('RPT1: an appointment held becomes a consultation only with its orientation, shown on it', async () => {
    const { repository, id } = await open();
    const row = await repository.addRow('appointment', id, {
      startsAt: '2026-11-27T10:00',
      status: 'planned',
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Consultation faite : rendez-vous du 27 novembre 2026' }),
    );
    const form = screen.getByRole('form', { name: 'Consultation du 27 novembre 2026' });
    const orientation = within(form).getByLabelText('Orientation donnée') as HTMLSelectElement;
    // Plain words for every orientation the report counts, after an empty first choice.
    expect([...orientation.options].map((o) => o.value)).toEqual(['', ...OrientationSchema.options]);
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la consultation' }));
    await waitFor(() => expect(orientation.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Choisissez où cette consultation a orienté le ménage.')).toBeTruthy();
    expect((await repository.getDossier(id))?.appointments[0]?.status).toBe('planned');
    expect(await axeViolations()).toEqual([]);

    fireEvent.change(orientation, { target: { value: 'microcredit' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la consultation' }));
    await waitFor(async () =>
      expect((await repository.getDossier(id))?.appointments.find((a) => a.id === row.id)).toMatchObject({
        status: 'done',
        orientation: 'microcredit',
      }),
    );
    const item = (await screen.findAllByTestId('appointment'))[0];
    await waitFor(() => expect(item?.textContent).toContain('Orientation : Microcrédit'));
    expect(item?.textContent).toContain('Fait');
  });

  it('RPT1: a walk-in consultation is a done appointment for today, its orientation required, in English too', async () => {
    const { repository, id } = await open();
    locale.value = 'en';
    fireEvent.click(await screen.findByRole('button', { name: 'Walk-in consultation' }));
    const form = screen.getByRole('form', { name: 'Walk-in consultation' });
    expect((within(form).getByLabelText('Date') as HTMLInputElement).value).toBe('2026-11-27');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(within(form).getByText('Choose where this consultation oriented the household.')).toBeTruthy(),
    );
    fireEvent.change(within(form).getByLabelText('Orientation given'), {
      target: { value: 'other_organisation' },
    });
    fireEvent.input(within(form).getByLabelText('Time'), { target: { value: '9h40' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await repository.getDossier(id))?.appointments).toEqual([
        expect.objectContaining({
          startsAt: '2026-11-27T09:40',
          status: 'done',
          orientation: 'other_organisation',
        }),
      ]),
    );
    expect(await screen.findByText('Orientation: To another organisation')).toBeTruthy();
  });
});

describe('Complete diagnosis (RPT1 diagnoses)', () => {
  it('RPT1: one click records it for today, once; the undo is a cancellation in the actions log', async () => {
    const { repository, id } = await open();
    const card = screen.getByTestId('diagnosis');
    expect(card.textContent).toContain('Aucun diagnostic complet enregistré.');
    fireEvent.click(within(card).getByRole('button', { name: 'Diagnostic complet réalisé' }));
    const undo = await within(card).findByRole('button', { name: 'Annuler le diagnostic d’aujourd’hui' });
    expect(card.textContent).toContain('Diagnostic complet enregistré aujourd’hui (27 novembre 2026).');
    const status = within(card).getByRole('status');
    expect(status.textContent).toBe('Diagnostic complet enregistré sur cet appareil.');
    await waitFor(() => expect(document.activeElement).toBe(status));
    const actions = (await repository.getDossier(id))?.actions ?? [];
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'budget_diagnosis', date: '2026-11-27', status: 'done' }),
    ]);
    expect(screen.getByTestId('actions-log').textContent).toContain('Diagnostic budgétaire complet');

    fireEvent.click(undo);
    await within(card).findByRole('button', { name: 'Diagnostic complet réalisé' });
    const after = (await repository.getDossier(id))?.actions ?? [];
    expect(after).toHaveLength(2);
    expect(after.find((a) => a.supersedes === actions[0]?.id)).toMatchObject({
      status: 'cancelled',
      revision: { kind: 'cancellation' },
    });
    expect(await axeViolations()).toEqual([]);
  });
});

describe('Complete diagnosis from the Budget tab (RPT1 diagnoses)', () => {
  it('RPT1: the Budget tab records the same action, and the Suivi tab then reads it as done today', async () => {
    const test = makeTestState();
    const id = await seedDossierWithDebts(test.repository);
    window.history.replaceState(null, '', `/dossiers/${id}/budget`);
    render(<App state={test.state} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Diagnostic complet réalisé' }));
    await screen.findByRole('button', { name: 'Annuler le diagnostic d’aujourd’hui' });
    expect((await test.repository.getDossier(id))?.actions).toEqual([
      expect.objectContaining({ kind: 'budget_diagnosis', date: '2026-11-27', status: 'done' }),
    ]);
    expect(await axeViolations()).toEqual([]);
  });
});

describe('Outcomes in the actions form (RPT1)', () => {
  it('RPT1: liquidation is a decision; micro-credit applications and workshops are not offered for a new action', async () => {
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une démarche' }));
    const form = screen.getByRole('form', { name: 'Nouvelle démarche' });
    const kinds = [...(within(form).getByLabelText('Type de démarche') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(kinds).not.toContain('micro_credit_application');
    expect(kinds).not.toContain('budget_workshop');
    expect(kinds).toEqual(expect.arrayContaining(['budget_diagnosis', 'grace_period', 'bdf_filing']));
    fireEvent.change(within(form).getByLabelText('Type de démarche'), { target: { value: 'bdf_decision' } });
    const decision = within(form).getByLabelText('Décision') as HTMLSelectElement;
    expect([...decision.options].map((o) => o.text)).toEqual(
      expect.arrayContaining([
        'Rétablissement personnel prononcé',
        'Liquidation judiciaire prononcée (rétablissement personnel)',
      ]),
    );
  });

  it('RPT1: a grace period obtained shows as such with its date, and its answer can be corrected', async () => {
    const { repository, id } = await open();
    await repository.addRow('action', id, {
      kind: 'grace_period',
      date: '2026-11-02',
      status: 'sent',
      months: 6,
    });
    const log = await screen.findByTestId('actions-log');
    fireEvent.click(
      await within(log).findByRole('button', {
        name: 'Enregistrer la réponse : Demande de délai de paiement',
      }),
    );
    const answer = screen.getByRole('form', { name: 'Réponse à : Demande de délai de paiement' });
    fireEvent.input(within(answer).getByLabelText('Date de la réponse'), { target: { value: '2026-11-20' } });
    fireEvent.change(within(answer).getByLabelText('Réponse'), { target: { value: 'partially_accepted' } });
    fireEvent.click(within(answer).getByRole('button', { name: 'Enregistrer la réponse' }));
    expect(await within(log).findByText('Délai obtenu le 20 novembre 2026')).toBeTruthy();

    fireEvent.click(await within(log).findByRole('button', { name: /^Corriger la réponse : / }));
    const fix = screen.getByRole('form', { name: /^Corriger la réponse : / });
    const date = within(fix).getByLabelText('Date de la réponse') as HTMLInputElement;
    expect(date.value).toBe('2026-11-20');
    fireEvent.input(date, { target: { value: '2026-11-21' } });
    fireEvent.click(within(fix).getByRole('button', { name: 'Enregistrer la correction' }));
    // A correction needs its reason, next to the field.
    await waitFor(() =>
      expect(within(fix).getByLabelText('Pourquoi cette correction').getAttribute('aria-invalid')).toBe(
        'true',
      ),
    );
    expect(await axeViolations()).toEqual([]);
    fireEvent.input(within(fix).getByLabelText('Pourquoi cette correction'), {
      target: { value: 'Date du courrier' },
    });
    fireEvent.click(within(fix).getByRole('button', { name: 'Enregistrer la correction' }));
    expect(await within(log).findByText('Délai obtenu le 21 novembre 2026')).toBeTruthy();
    const actions = (await repository.getDossier(id))?.actions ?? [];
    expect(actions).toHaveLength(2);
    expect(actions.find((a) => a.supersedes)).toMatchObject({
      kind: 'grace_period',
      months: 6,
      answer: { date: '2026-11-21', outcome: 'partially_accepted' },
      revision: { kind: 'correction', reason: 'Date du courrier' },
    });
  });

  it('RPT1: an old micro-credit application is still shown and correctable as it is', async () => {
    const { repository, id } = await open();
    await repository.addRow('action', id, {
      kind: 'micro_credit_application',
      date: '2026-06-02',
      status: 'sent',
      lender: 'Créa-Sol',
    });
    const log = await screen.findByTestId('actions-log');
    await waitFor(() => expect(log.textContent).toContain('Prêteur : Créa-Sol'));
    fireEvent.click(within(log).getByRole('button', { name: /^Corriger/ }));
    const form = screen.getByRole('form', { name: /^Corriger/ });
    const kind = within(form).getByLabelText('Type de démarche') as HTMLSelectElement;
    expect(kind.value).toBe('micro_credit_application');
    expect([...kind.options].map((o) => o.value)).not.toContain('budget_workshop');
    fireEvent.input(within(form).getByLabelText('Organisme prêteur (facultatif)'), {
      target: { value: 'Créa-Sol Lyon' },
    });
    fireEvent.input(within(form).getByLabelText('Pourquoi cette correction'), {
      target: { value: 'Agence précise' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la correction' }));
    await waitFor(async () =>
      expect((await repository.getDossier(id))?.actions).toContainEqual(
        expect.objectContaining({ kind: 'micro_credit_application', lender: 'Créa-Sol Lyon' }),
      ),
    );
  });
});
