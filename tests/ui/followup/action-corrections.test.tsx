/**
 * The actions log (issue 12 point 8): saving an action is confirmed in a live region that stays
 * once the form has closed; an action can be corrected or cancelled with a reason, each a new
 * revision, and its history keeps every earlier version.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from '../scenarios/fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const MEDIATION = 'Demande de médiation à un créancier';

async function open() {
  const test = makeTestState();
  const id = await seedDossierWithDebts(test.repository);
  window.history.replaceState(null, '', `/dossiers/${id}/followup`);
  render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 2, name: 'Démarches' });
  return { ...test, id };
}

async function addMediation(date: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Ajouter une démarche' }));
  const form = screen.getByRole('form', { name: 'Nouvelle démarche' });
  fireEvent.change(within(form).getByLabelText('Type de démarche'), {
    target: { value: 'mediation_request' },
  });
  fireEvent.input(within(form).getByLabelText('Date'), { target: { value: date } });
  fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
}

describe('Actions log: confirmation, correction, cancellation', () => {
  it('confirms a saved action in a live region that stays after the form closes, and takes the focus', async () => {
    await open();
    await addMediation('2026-11-20');
    const confirmation = screen.getByTestId('actions-confirmation');
    await waitFor(() =>
      expect(plain(confirmation.textContent)).toBe(
        plain(`Démarche enregistrée sur cet appareil : ${MEDIATION} du ${formatDate('2026-11-20')}.`),
      ),
    );
    // The form closes; the confirmation is a status message outside it, and has the focus.
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Nouvelle démarche' })).toBeNull());
    expect(plain(confirmation.textContent)).toContain('Démarche enregistrée sur cet appareil');
    expect(confirmation.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
  });

  it('corrects an action with a reason, then cancels it: the log shows the latest, the history keeps both', async () => {
    const { repository, id } = await open();
    await addMediation('2026-11-20');
    const named = `${MEDIATION} du ${formatDate('2026-11-20')}`;
    fireEvent.click(await screen.findByRole('button', { name: plain(`Corriger : ${named}`) }));
    const form = screen.getByRole('form', { name: plain(`Corriger : ${named}`) });
    // It starts from what was recorded.
    expect((within(form).getByLabelText('Date') as HTMLInputElement).value).toBe('2026-11-20');
    fireEvent.input(within(form).getByLabelText('Date'), { target: { value: '2026-11-21' } });
    // A correction needs its reason, next to the field; nothing is stored without it.
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la correction' }));
    const reason = within(form).getByLabelText('Pourquoi cette correction');
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Écrivez en quelques mots pourquoi.')).toBeTruthy();
    expect((await repository.getDossier(id))?.actions).toHaveLength(1);
    fireEvent.input(reason, { target: { value: 'La demande est partie le lendemain.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la correction' }));
    const renamed = `${MEDIATION} du ${formatDate('2026-11-21')}`;
    await waitFor(() =>
      expect(plain(screen.getByTestId('actions-confirmation').textContent)).toBe(
        plain(
          `Correction enregistrée : ${renamed}. L’ancienne version reste dans l’historique de la démarche.`,
        ),
      ),
    );
    // One action in the log, as corrected, with why; the original in its history.
    await waitFor(() =>
      expect(plain(screen.getByTestId('action').textContent)).toContain(
        plain(`${MEDIATION} · ${formatDate('2026-11-21')}`),
      ),
    );
    expect(screen.getAllByTestId('action')).toHaveLength(1);
    const entry = screen.getByTestId('action');
    expect(plain(entry.textContent)).toContain('La demande est partie le lendemain.');
    const history = within(entry).getByTestId('action-history');
    expect(plain(history.textContent)).toContain(
      plain(`${MEDIATION} du ${formatDate('2026-11-20')} · Envoyée`),
    );

    // Cancelled, with a reason: it stays in the log, marked cancelled, with both earlier versions.
    fireEvent.click(screen.getByRole('button', { name: plain(`Annuler : ${renamed}`) }));
    const cancel = screen.getByRole('form', { name: plain(`Annuler : ${renamed}`) });
    fireEvent.input(within(cancel).getByLabelText('Pourquoi annuler cette démarche'), {
      target: { value: 'Le créancier a été payé par la famille.' },
    });
    fireEvent.click(within(cancel).getByRole('button', { name: 'Confirmer l’annulation' }));
    await waitFor(() =>
      expect(plain(screen.getByTestId('actions-confirmation').textContent)).toBe(
        plain(`Démarche annulée : ${renamed}. Elle reste dans la liste, avec son historique.`),
      ),
    );
    await waitFor(() => expect(plain(screen.getByTestId('action').textContent)).toContain('Annulée'));
    const cancelled = screen.getByTestId('action');
    expect(plain(cancelled.textContent)).toContain('Le créancier a été payé par la famille.');
    expect(within(cancelled).queryByRole('button', { name: /^Annuler/ })).toBeNull();
    expect(within(within(cancelled).getByTestId('action-history')).getAllByRole('listitem')).toHaveLength(2);

    // Nothing was edited away: three rows, each replacing the one before.
    const rows = (await repository.getDossier(id))?.actions ?? [];
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.deleted)).toEqual([]);
    const original = rows.find((r) => r.supersedes === undefined);
    const corrected = rows.find((r) => r.supersedes === original?.id);
    const cancellation = rows.find((r) => r.supersedes === corrected?.id);
    expect(original).toMatchObject({ date: '2026-11-20', status: 'sent' });
    expect(corrected).toMatchObject({
      date: '2026-11-21',
      status: 'sent',
      revision: { kind: 'correction', reason: 'La demande est partie le lendemain.' },
    });
    expect(cancellation).toMatchObject({
      date: '2026-11-21',
      status: 'cancelled',
      revision: { kind: 'cancellation', reason: 'Le créancier a été payé par la famille.' },
    });
  });
});
