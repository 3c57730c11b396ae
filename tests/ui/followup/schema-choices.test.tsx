/**
 * The selects of the Suivi tab offer the schemas' own lists: a value the schema accepts is never
 * missing from the form, and the form offers nothing the schema would refuse.
 */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerOutcomeSchema } from '../../../src/domain/dossier/action';
import { AppointmentStatusSchema } from '../../../src/domain/dossier/appointment';
import { DossierStatusSchema, TrackSchema } from '../../../src/domain/dossier/dossier-meta';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from '../scenarios/fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

async function open() {
  const test = makeTestState();
  const id = await seedDossierWithDebts(test.repository);
  window.history.replaceState(null, '', `/dossiers/${id}/followup`);
  render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 2, name: 'Orientation du dossier' });
  return { ...test, id };
}

/** The values a select offers, its "none" placeholder left out. */
function offered(select: HTMLElement): string[] {
  return [...(select as HTMLSelectElement).options].map((o) => o.value).filter((v) => v !== '');
}

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
