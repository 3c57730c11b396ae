import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnswerOutcomeSchema } from '../../../src/domain/dossier/action';
import { AppointmentStatusSchema } from '../../../src/domain/dossier/appointment';
import { DossierStatusSchema, TrackSchema } from '../../../src/domain/dossier/dossier-meta';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from '../scenarios/fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
  vi.restoreAllMocks();
});

async function open() {
  const test = makeTestState();
  const id = await seedDossierWithDebts(test.repository);
  window.history.replaceState(null, '', `/dossiers/${id}/followup`);
  const view = render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 2, name: 'Orientation du dossier' });
  return { ...test, id, view };
}

describe('Follow-up tab', () => {
  it('records a track decision with its reason, from the suggestion of the orientation hint', async () => {
    const { repository, id } = await open();
    const suggestion = await screen.findByTestId('track-suggestion');
    expect(suggestion.textContent).toContain('Orientation suggérée : Accompagnement et médiation');
    expect(within(suggestion).getAllByRole('listitem').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Reprendre cette suggestion' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Orientation décidée') as HTMLSelectElement).value).toBe('mediation'),
    );
    fireEvent.input(screen.getByLabelText('Pourquoi cette orientation'), {
      target: { value: 'Les créanciers acceptent d’étaler ; le ménage peut payer 400 € par mois.' },
    });
    fireEvent.change(screen.getByLabelText('Étape du dossier'), { target: { value: 'active' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer l’orientation' }));
    expect(await screen.findByText('L’orientation est enregistrée sur cet appareil.')).toBeTruthy();
    const household = (await repository.getDossier(id))?.household;
    expect(household?.track).toBe('mediation');
    expect(household?.trackReason).toBe(
      'Les créanciers acceptent d’étaler ; le ménage peut payer 400 € par mois.',
    );
    expect(household?.status).toBe('active');
    // The dossier frame shows the new track.
    await waitFor(() =>
      expect(document.querySelector('.dossier-track')?.textContent).toContain('Accompagnement et médiation'),
    );
  });

  it('the track decision saves with its draft receipt, so a page dying after the save cannot reopen the draft', async () => {
    const { repository } = await open();
    const save = vi.spyOn(repository, 'updateFields');
    fireEvent.change(screen.getByLabelText('Étape du dossier'), { target: { value: 'active' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer l’orientation' }));
    expect(await screen.findByText('L’orientation est enregistrée sur cet appareil.')).toBeTruthy();
    expect(save).toHaveBeenCalledWith(
      'household',
      expect.any(String),
      expect.objectContaining({ status: 'active' }),
      expect.objectContaining({ formId: expect.stringMatching(/^followup:track:/) }),
    );
  });

  it('a track without a reason shows the error next to the field and stores nothing', async () => {
    const { repository, id } = await open();
    fireEvent.change(screen.getByLabelText('Orientation décidée'), {
      target: { value: 'over_indebtedness' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer l’orientation' }));
    const reason = screen.getByLabelText('Pourquoi cette orientation');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = reason.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(describedBy.map((i) => document.getElementById(i)?.textContent)).toContain(
      'Expliquez en quelques mots pourquoi cette orientation.',
    );
    expect((await repository.getDossier(id))?.household.track).toBeUndefined();
  });

  it('an appointment added shows as the next one; cancelling it removes it from "next"', async () => {
    const { repository, id } = await open();
    await repository.addRow('appointment', id, {
      startsAt: '2027-03-01T10:00',
      status: 'planned',
      place: 'Mairie',
    });
    await waitFor(() =>
      expect(screen.getByTestId('next-appointment').textContent).toContain('1er mars 2027 à 10:00'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un rendez-vous' }));
    const form = screen.getByRole('form', { name: 'Nouveau rendez-vous' });
    fireEvent.input(within(form).getByLabelText('Date'), { target: { value: '2026-12-10' } });
    fireEvent.input(within(form).getByLabelText('Heure'), { target: { value: '14h30' } });
    fireEvent.input(within(form).getByLabelText('Lieu (facultatif)'), {
      target: { value: 'Point d’accueil Lyon 8' },
    });
    fireEvent.input(within(form).getByLabelText('Objet (facultatif)'), {
      target: { value: 'Préparer le dossier BdF' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(screen.getByTestId('next-appointment').textContent).toContain('10 décembre 2026 à 14:30'),
    );
    expect(screen.getByTestId('next-appointment').textContent).toContain('Point d’accueil Lyon 8');
    const stored = (await repository.getDossier(id))?.appointments ?? [];
    expect(stored.find((a) => a.place === 'Point d’accueil Lyon 8')).toMatchObject({
      startsAt: '2026-12-10T14:30',
      status: 'planned',
      purpose: 'Préparer le dossier BdF',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Annuler le rendez-vous du 10 décembre 2026' }));
    await waitFor(() =>
      expect(screen.getByTestId('next-appointment').textContent).toContain('1er mars 2027 à 10:00'),
    );
  });

  it('edits an appointment and shows a wrong time next to the field', async () => {
    const { repository, id } = await open();
    await repository.addRow('appointment', id, {
      startsAt: '2027-03-01T10:00',
      status: 'planned',
      place: 'Mairie',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Modifier le rendez-vous du 1er mars 2027' }));
    const form = screen.getByRole('form', { name: 'Modifier le rendez-vous du 1er mars 2027' });
    const time = within(form).getByLabelText('Heure');
    fireEvent.input(time, { target: { value: '25:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(time.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Écrivez une heure, par exemple 14:30 ou 9h.')).toBeTruthy();
    fireEvent.input(time, { target: { value: '9:15' } });
    fireEvent.input(within(form).getByLabelText('Lieu (facultatif)'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(async () => {
      const row = (await repository.getDossier(id))?.appointments[0];
      expect(row?.startsAt).toBe('2027-03-01T09:15');
      expect(row?.place).toBeUndefined();
    });
  });

  it('an action with a creditor answer appears in the log, newest first', async () => {
    const { repository, id } = await open();
    await repository.addRow('action', id, {
      kind: 'budget_workshop',
      date: '2026-10-02',
      status: 'done',
      topic: 'Budget',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une démarche' }));
    const form = screen.getByRole('form', { name: 'Nouvelle démarche' });
    fireEvent.change(within(form).getByLabelText('Type de démarche'), {
      target: { value: 'mediation_request' },
    });
    fireEvent.input(within(form).getByLabelText('Date'), { target: { value: '2026-11-20' } });
    const creditor = within(form).getByLabelText('Créancier (facultatif)') as HTMLSelectElement;
    const option = [...creditor.options].find((o) => o.text === 'Crédit Facile');
    fireEvent.change(creditor, { target: { value: option?.value } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.getAllByTestId('action')).toHaveLength(2));
    const record = screen.getByRole('button', {
      name: 'Enregistrer la réponse : Demande de médiation à un créancier',
    });
    fireEvent.click(record);
    const answerForm = screen.getByRole('form', { name: 'Réponse à : Demande de médiation à un créancier' });
    fireEvent.input(within(answerForm).getByLabelText('Date de la réponse'), {
      target: { value: '2026-11-26' },
    });
    fireEvent.change(within(answerForm).getByLabelText('Réponse'), { target: { value: 'counter_proposal' } });
    fireEvent.input(within(answerForm).getByLabelText('Détails de la réponse (facultatif)'), {
      target: { value: '120 € par mois sur 36 mois' },
    });
    fireEvent.click(within(answerForm).getByRole('button', { name: 'Enregistrer la réponse' }));
    await screen.findByText('Réponse du 26 novembre 2026 : Contre-proposition');
    const items = screen.getAllByTestId('action');
    expect(items[0]?.textContent).toContain('Demande de médiation à un créancier · 20 novembre 2026');
    expect(items[0]?.textContent).toContain('Créancier : Crédit Facile');
    expect(items[0]?.textContent).toContain('120 € par mois sur 36 mois');
    expect(items[1]?.textContent).toContain('Atelier budget suivi · 2 octobre 2026');
    const stored = (await repository.getDossier(id))?.actions.find((a) => a.kind === 'mediation_request');
    expect(stored).toMatchObject({
      status: 'answered',
      answer: { date: '2026-11-26', outcome: 'counter_proposal', details: '120 € par mois sur 36 mois' },
    });
  });

  it('a Banque de France decision points at its filing', async () => {
    const { repository, id } = await open();
    await repository.addRow('action', id, { kind: 'bdf_filing', date: '2026-09-01', status: 'sent' });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une démarche' }));
    const form = screen.getByRole('form', { name: 'Nouvelle démarche' });
    fireEvent.change(within(form).getByLabelText('Type de démarche'), { target: { value: 'bdf_decision' } });
    fireEvent.change(within(form).getByLabelText('Décision'), { target: { value: 'admissible' } });
    const filing = within(form).getByLabelText('Dépôt concerné (facultatif)') as HTMLSelectElement;
    await waitFor(() => expect(filing.options.length).toBe(2));
    fireEvent.change(filing, { target: { value: filing.options[1]?.value } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Décision : Dossier recevable');
    expect(screen.getByText('Réponse au dépôt du 1er septembre 2026')).toBeTruthy();
  });

  it('a note revision keeps the original in the history', async () => {
    const { repository, id } = await open();
    fireEvent.input(screen.getByLabelText('Nouvelle note'), {
      target: { value: 'Premier rendez-vous : très inquiète.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la note' }));
    await screen.findByText('Premier rendez-vous : très inquiète.', { selector: 'p.pre' });
    fireEvent.click(screen.getByRole('button', { name: /^Modifier la note du / }));
    const edit = screen.getByLabelText('Nouveau texte de la note');
    fireEvent.input(edit, {
      target: { value: 'Premier rendez-vous : inquiète, rassurée en fin d’entretien.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la modification' }));
    await screen.findByText('Premier rendez-vous : inquiète, rassurée en fin d’entretien.', {
      selector: 'p.pre',
    });
    const note = screen.getByTestId('note');
    const history = within(note).getByText('Versions précédentes (1)').closest('details') as HTMLElement;
    expect(within(history).getByText('Premier rendez-vous : très inquiète.')).toBeTruthy();
    const notes = (await repository.getDossier(id))?.notes ?? [];
    expect(notes).toHaveLength(2);
    const original = notes.find((n) => !n.supersedes);
    expect(original?.text).toBe('Premier rendez-vous : très inquiète.');
    expect(notes.find((n) => n.supersedes === original?.id)?.text).toBe(
      'Premier rendez-vous : inquiète, rassurée en fin d’entretien.',
    );
  });

  it('an empty note shows the error next to the field', async () => {
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la note' }));
    const field = screen.getByLabelText('Nouvelle note');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('note-new-error')?.textContent).toBe('Ce champ est obligatoire.');
  });

  it('a failed write shows the storage message, never "saved"', async () => {
    const { repository } = await open();
    vi.spyOn(repository, 'appendNote').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    fireEvent.input(screen.getByLabelText('Nouvelle note'), { target: { value: 'À rappeler.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter la note' }));
    expect(
      await screen.findByText(
        'Rien n’a été enregistré : L’appareil n’a plus assez de place. Synchronisez puis libérez de l’espace.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText('La note est enregistrée sur cet appareil.')).toBeNull();
    vi.spyOn(repository, 'updateFields').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    fireEvent.change(screen.getByLabelText('Étape du dossier'), { target: { value: 'closed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer l’orientation' }));
    await waitFor(() =>
      expect(
        screen.getAllByText(
          'Rien n’a été enregistré : L’appareil n’a plus assez de place. Synchronisez puis libérez de l’espace.',
        ),
      ).toHaveLength(2),
    );
  });

  it('a typed note survives a reload as a draft', async () => {
    const { deps, state, view } = await open();
    fireEvent.input(screen.getByLabelText('Nouvelle note'), { target: { value: 'Pas fini' } });
    // The keystroke's draft write is in flight: wait for it, not for a fixed time.
    await state.drafts.flushAll();
    view.unmount();
    render(<App state={makeTestState({ settings: deps.settings, workspace: deps.workspace }).state} />);
    await waitFor(() =>
      expect((screen.getByLabelText('Nouvelle note') as HTMLTextAreaElement).value).toBe('Pas fini'),
    );
    expect(screen.getAllByText('Votre saisie non enregistrée a été retrouvée.').length).toBeGreaterThan(0);
  });
});

describe('Follow-up drafts', () => {
  it('a half-typed appointment reopens with its text after a reload', async () => {
    const { deps, state, view } = await open();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un rendez-vous' }));
    const form = screen.getByRole('form', { name: 'Nouveau rendez-vous' });
    fireEvent.input(within(form).getByLabelText('Lieu (facultatif)'), {
      target: { value: 'CCAS de Vénissieux' },
    });
    await state.drafts.flushAll();
    view.unmount();
    render(<App state={makeTestState({ settings: deps.settings, workspace: deps.workspace }).state} />);
    const reopened = await screen.findByRole('form', { name: 'Nouveau rendez-vous' });
    await waitFor(() =>
      expect((within(reopened).getByLabelText('Lieu (facultatif)') as HTMLInputElement).value).toBe(
        'CCAS de Vénissieux',
      ),
    );
    expect(within(reopened).getByText('Votre saisie non enregistrée a été retrouvée.')).toBeTruthy();
  });
});

/** The values a select offers, its "none" placeholder left out. */
function offered(select: HTMLElement): string[] {
  return [...(select as HTMLSelectElement).options].map((o) => o.value).filter((v) => v !== '');
}

// A value the schema accepts is never missing from the form, and the form offers nothing the
// schema would refuse.
describe('Suivi selects take their choices from the schemas', () => {
  it('offers every track and every dossier status', async () => {
    await open();
    expect(offered(screen.getByLabelText('Orientation décidée'))).toEqual([...TrackSchema.options]);
    expect(offered(screen.getByLabelText('Étape du dossier'))).toEqual([...DossierStatusSchema.options]);
  });

  it('offers every appointment status when an appointment is edited', async () => {
    const { repository, id } = await open();
    await repository.addRow('appointment', id, { startsAt: '2027-03-01T10:00', status: 'planned' });
    fireEvent.click(await screen.findByRole('button', { name: 'Modifier le rendez-vous du 1er mars 2027' }));
    const form = screen.getByRole('form', { name: 'Modifier le rendez-vous du 1er mars 2027' });
    expect(offered(within(form).getByLabelText('État'))).toEqual([...AppointmentStatusSchema.options]);
  });

  it('offers every outcome of a creditor’s answer', async () => {
    const { repository, id } = await open();
    await repository.addRow('action', id, { kind: 'mediation_request', date: '2026-11-20', status: 'sent' });
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Enregistrer la réponse : Demande de médiation à un créancier',
      }),
    );
    const form = screen.getByRole('form', { name: 'Réponse à : Demande de médiation à un créancier' });
    expect(offered(within(form).getByLabelText('Réponse'))).toEqual([...AnswerOutcomeSchema.options]);
  });
});
