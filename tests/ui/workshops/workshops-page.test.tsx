/**
 * The Ateliers screen (docs/reports-and-plans.md WS1–WS3): reached from the navigation when
 * signed in, a session recorded with no server (to the device and its outbox), participants picked
 * among the households on the device by keyboard, errors next to their field, the list's hours of
 * training, a delete with confirmation, and the household's line in its follow-up tab. axe on each.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { WelcomePoint } from '../../../src/domain/sync/protocol';
import { locale } from '../../../src/i18n/i18n';
import { axeViolations } from '../axe-violations';
import { openAt, signedInState, type, zoe } from '../intake/helpers';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const LENS: WelcomePoint = { id: 'wp-lens', name: 'Mairie de Lens', archived: false };
const ARRAS: WelcomePoint = { id: 'wp-arras', name: 'Mairie d’Arras', archived: false };

const household = {
  territory: 'metropole',
  departement: '62',
  housingStatus: 'tenant',
  welcomePointId: 'wp-lens',
  reference: 'LENS-0007',
} as const;

async function volunteerWithHouseholds(points: WelcomePoint[] = [LENS]) {
  const test = await signedInState(
    'volunteer',
    points.map((p) => p.id),
    points,
  );
  const { household: martin } = await test.repository.createHousehold(household, [zoe]);
  const { household: benali } = await test.repository.createHousehold(
    { ...household, reference: 'LENS-0008' },
    [{ role: 'applicant', firstName: 'Aïcha', lastName: 'Benali', birthDate: '1985-06-15' }],
  );
  return { ...test, martin, benali };
}

/** The words a screen reader reads after a field's label: its hint and its error. */
function description(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}
const field = (id: string) => document.getElementById(id) as HTMLInputElement;

const searchBox = () => screen.getByLabelText('Ajouter un ménage') as HTMLInputElement;

async function openForm() {
  fireEvent.click(await screen.findByRole('button', { name: 'Nouvelle séance' }));
  await screen.findByRole('heading', { level: 2, name: 'Enregistrer une séance' });
}

describe('Ateliers', () => {
  it('WS1: is in the navigation once signed in, not before', async () => {
    openAt('/dossiers', makeTestState());
    await screen.findByRole('link', { name: 'Dossiers' });
    expect(screen.queryByRole('link', { name: 'Ateliers' })).toBeNull();
  });

  it('WS1/WS3: records a session offline with households added by keyboard; the list shows duration × participants', async () => {
    const test = await volunteerWithHouseholds();
    openAt('/workshops', test);
    expect((await screen.findByRole('link', { name: 'Ateliers' })).getAttribute('aria-current')).toBe('page');
    await openForm();
    // The only welcome point of the session is chosen already; "me" facilitates by default.
    expect(field('ws-welcome-point').value).toBe('wp-lens');
    expect((screen.getByRole('radio', { name: 'Moi-même (Marie Curie)' }) as HTMLInputElement).checked).toBe(
      true,
    );
    type('Thème', 'Faire son budget');
    type('Heures', '1');
    type('Minutes', '30');
    type('Participants sans dossier', '2');

    // Keyboard: type a name, Enter adds the one result; the focus stays in the search box.
    searchBox().focus();
    type('Ajouter un ménage', 'Martin');
    await screen.findByRole('button', { name: /^Ajouter .*Martin/ });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    const chips = await screen.findByRole('list', { name: 'Ménages participants' });
    expect(within(chips).getByText(/Martin/)).toBeTruthy();
    expect(document.activeElement).toBe(searchBox());
    // A reference finds the other; its result is a button (Tab to it, Enter).
    type('Ajouter un ménage', 'LENS-0008');
    fireEvent.click(await screen.findByRole('button', { name: /^Ajouter .*Benali/ }));
    await waitFor(() => expect(within(chips).getAllByRole('listitem')).toHaveLength(2));
    expect(document.activeElement).toBe(searchBox());
    // 90 min × (2 households + 2 anonymous) = 360 participant-minutes = 6 h.
    expect(screen.getByTestId('workshop-preview').textContent).toContain('6 h (4 × 1 h 30)');
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la séance' }));
    await screen.findByText(/Séance enregistrée sur cet appareil/);
    const item = (await screen.findByRole('heading', { level: 3, name: 'Faire son budget' })).closest('li');
    if (!item) throw new Error('no session item');
    const figures = [...item.querySelectorAll('dd')].map((dd) => dd.textContent);
    expect(figures).toEqual(['1 h 30', '4', '6 h']);
    expect(screen.getByTestId('workshop-total').textContent).toBe('1 séance, 6 h de formation');
    // Stored on the device with its outbox entry: it goes to the server with the next sync.
    const outbox = await test.db.outbox.toArray();
    expect(outbox.filter((e) => e.entity === 'workshop').map((e) => e.op)).toEqual(['create']);
    const [stored] = await test.repository.listWorkshops();
    expect(stored).toMatchObject({
      welcomePointId: 'wp-lens',
      facilitatorUserId: 'user-1',
      durationMinutes: 90,
      anonymousParticipants: 2,
    });
    expect(new Set(stored?.participantHouseholdIds)).toEqual(new Set([test.martin.id, test.benali.id]));
    expect(await axeViolations()).toEqual([]);
  });

  it('WS1: says what is wrong next to each field, with the schema’s bounds', async () => {
    const test = await volunteerWithHouseholds([LENS, ARRAS]);
    openAt('/workshops', test);
    await openForm();
    // Two welcome points: none chosen for the person.
    expect(field('ws-welcome-point').value).toBe('');
    type('Heures', '0');
    type('Minutes', '10');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la séance' }));
    const hours = field('ws-duration-hours');
    await waitFor(() => expect(hours.getAttribute('aria-invalid')).toBe('true'));
    expect(description(hours)).toBe('La durée doit être entre 15 min et 8 h.');
    expect(description(field('ws-topic'))).toMatch(/Ce champ est obligatoire\.$/);
    expect(description(field('ws-welcome-point'))).toBe('Ce champ est obligatoire.');
    expect(description(field('ws-anonymous'))).toMatch(
      /Ajoutez au moins un ménage ou un participant sans dossier\.$/,
    );
    await waitFor(() =>
      expect((document.activeElement as HTMLElement).getAttribute('aria-invalid')).toBe('true'),
    );
    expect(await test.repository.listWorkshops()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  });

  it('removes a participant by its chip’s button; deletes a session after confirming; the dossier’s follow-up lists it', async () => {
    const test = await volunteerWithHouseholds();
    await test.repository.createWorkshop({
      date: '2026-03-12',
      welcomePointId: 'wp-lens',
      facilitatorName: 'CCAS de Lens',
      topic: 'Les crédits',
      durationMinutes: 120,
      participantHouseholdIds: [test.martin.id],
      anonymousParticipants: 0,
    });
    openAt(`/dossiers/${test.martin.id}/followup`, test);
    expect((await screen.findByTestId('workshops-attended')).querySelector('summary')?.textContent).toBe(
      'Atelier suivi : 1 (2 h)',
    );
    expect(screen.getByText('12 mars 2026 : Les crédits')).toBeTruthy();
  });

  it('edits a session: the chip’s remove button takes the household out; delete asks first', async () => {
    const test = await volunteerWithHouseholds();
    await test.repository.createWorkshop({
      date: '2026-03-12',
      welcomePointId: 'wp-lens',
      topic: 'Les crédits',
      durationMinutes: 120,
      participantHouseholdIds: [test.martin.id, test.benali.id],
      anonymousParticipants: 0,
    });
    openAt('/workshops', test);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Modifier la séance « Les crédits » du 12 mars 2026' }),
    );
    const remove = await screen.findByRole('button', { name: /^Retirer .*Benali/ });
    fireEvent.click(remove);
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Retirer .*Benali/ })).toBeNull());
    expect(document.activeElement).toBe(searchBox());
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la séance' }));
    await screen.findByText(/Séance enregistrée sur cet appareil/);
    expect((await test.repository.listWorkshops())[0]?.participantHouseholdIds).toEqual([test.martin.id]);

    fireEvent.click(
      screen.getByRole('button', { name: 'Supprimer la séance « Les crédits » du 12 mars 2026' }),
    );
    const keep = await screen.findByRole('button', { name: 'Garder la séance' });
    await waitFor(() => expect(document.activeElement).toBe(keep));
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Oui, supprimer' }));
    await screen.findByText('Séance supprimée.');
    await screen.findByText('Aucune séance pour ces filtres.');
    expect(await test.repository.listWorkshops()).toEqual([]);
  });
});
