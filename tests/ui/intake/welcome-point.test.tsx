/**
 * The household's welcome point at intake (AUTH6, AUTH10): a list of the signed-in person's
 * welcome points by name (every one for coordinators), "none" (a personal dossier), never free
 * text. A value outside the list (an old draft) is refused next to the field and never saved,
 * since the server would refuse the whole push and the device's sync would stay stuck.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { WelcomePoint } from '../../../src/domain/sync/protocol';
import { locale } from '../../../src/i18n/i18n';
import { NEW_DOSSIER_FORM_ID } from '../../../src/ui/pages/new-dossier-page';
import { makeTestState } from '../make-test-state';
import { choose, lyonHousehold, openAt, personBox, signedInState, type, zoe } from './helpers';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const LENS: WelcomePoint = { id: 'wp-lens', name: 'Mairie de Lens', archived: false };
const ARRAS: WelcomePoint = { id: 'wp-arras', name: 'Mairie d’Arras', archived: false };
const LILLE: WelcomePoint = { id: 'wp-lille', name: 'CCAS de Lille', archived: false };
const OLD: WelcomePoint = { id: 'wp-old', name: 'Ancienne permanence', archived: true };

const volunteer = () => signedInState('volunteer', ['wp-lens', 'wp-arras'], [LENS, ARRAS]);
const coordinator = () => signedInState('coordinator', [], [OLD, LILLE, LENS, ARRAS]);

function fillRequired() {
  type('Département', '59');
  choose('Logement', 'tenant');
  type(/^Prénom/, 'Aïcha', personBox(1));
  type(/^Nom(?! de naissance)/, 'Benali', personBox(1));
  type('Date de naissance', '1985-06-15', personBox(1));
}

async function welcomePointSelect(): Promise<HTMLSelectElement> {
  return (await screen.findByLabelText(/^Point d’accueil/)) as HTMLSelectElement;
}

/** The select's choices as shown: [value, words]. */
function optionsOf(select: HTMLSelectElement): [string, string][] {
  return [...select.options].map((o) => [o.value, o.textContent ?? '']);
}

async function createAndRead(repository: ReturnType<typeof makeTestState>['repository']) {
  fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));
  await waitFor(() => expect(window.location.pathname).toMatch(/^\/dossiers\/[^/]+\/intake$/));
  const householdId = window.location.pathname.split('/')[2] ?? '';
  return (await repository.getDossier(householdId))?.household;
}

describe('New dossier: the welcome point', () => {
  it('lists a volunteer’s welcome points by name, defaults to the first and stores its id', async () => {
    const test = await volunteer();
    openAt('/dossiers/new', test);
    const select = await welcomePointSelect();
    expect(select.tagName).toBe('SELECT');
    expect(optionsOf(select)).toEqual([
      ['', 'Aucun (dossier personnel)'],
      ['wp-lens', 'Mairie de Lens'],
      ['wp-arras', 'Mairie d’Arras'],
    ]);
    expect(select.value).toBe('wp-lens');
    fillRequired();
    expect((await createAndRead(test.repository))?.welcomePointId).toBe('wp-lens');
  });

  it('waits for the session before offering the form, so the default welcome point is never lost', async () => {
    // A slow device reads the saved session after the page's first render. A form offered before
    // would save what is typed as a draft without the welcome point, and the form made once the
    // session is read would restore that draft: a personal dossier nobody chose.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const test = await signedInState('volunteer', ['wp-lens', 'wp-arras'], [LENS, ARRAS], gate);
    openAt('/dossiers/new', test);
    await screen.findByText('Préparation du formulaire…');
    expect(screen.queryByLabelText(/^Point d’accueil/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Créer le dossier' })).toBeNull();
    release();
    await test.started;
    const select = await welcomePointSelect();
    await waitFor(() => expect(select.value).toBe('wp-lens'));
    fillRequired();
    expect((await createAndRead(test.repository))?.welcomePointId).toBe('wp-lens');
  });

  it('another welcome point of the list, or none, is the one stored', async () => {
    const test = await volunteer();
    openAt('/dossiers/new', test);
    await welcomePointSelect();
    fillRequired();
    choose(/^Point d’accueil/, 'wp-arras');
    expect((await createAndRead(test.repository))?.welcomePointId).toBe('wp-arras');

    const again = await volunteer();
    openAt('/dossiers/new', again);
    await welcomePointSelect();
    fillRequired();
    choose(/^Point d’accueil/, '');
    expect((await createAndRead(again.repository))?.welcomePointId).toBeUndefined();
  });

  it('offers a coordinator every open welcome point, not the archived ones', async () => {
    const test = await coordinator();
    openAt('/dossiers/new', test);
    const select = await welcomePointSelect();
    expect(optionsOf(select)).toEqual([
      ['', 'Aucun (dossier personnel)'],
      ['wp-lille', 'CCAS de Lille'],
      ['wp-lens', 'Mairie de Lens'],
      ['wp-arras', 'Mairie d’Arras'],
    ]);
    // A coordinator of no welcome point of their own: no default.
    expect(select.value).toBe('');
  });

  it('refuses a welcome point outside the list (an old draft) next to the field, and saves nothing', async () => {
    const test = await volunteer();
    await test.state.drafts.save(NEW_DOSSIER_FORM_ID, {
      territory: 'metropole',
      departement: '59',
      housingStatus: 'tenant',
      welcomePointId: 'wp-8',
      memberSlots: '1',
      'm.1.role': 'applicant',
      'm.1.firstName': 'Aïcha',
      'm.1.lastName': 'Benali',
      'm.1.birthDate': '1985-06-15',
    });
    await test.state.drafts.flushAll();
    openAt('/dossiers/new', test);
    await screen.findByTestId('draft-restored');
    const select = await welcomePointSelect();
    // Shown as it is, flagged, so the person sees what is wrong.
    await waitFor(() => expect(select.value).toBe('wp-8'));
    expect(optionsOf(select).at(-1)).toEqual(['wp-8', 'wp-8 (pas dans votre liste)']);

    fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));
    const message =
      'Ce point d’accueil n’est pas un des vôtres : choisissez-en un dans la liste, ou « Aucun ».';
    const error = await screen.findByText(message);
    const field = select.closest('.field') ?? select.parentElement;
    expect(field?.contains(error)).toBe(true);
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(window.location.pathname).toBe('/dossiers/new');
    expect(await test.repository.listDossiers({})).toHaveLength(0);

    // Choosing one of the list clears the error and creates the dossier there.
    choose(/^Point d’accueil/, 'wp-arras');
    expect((await createAndRead(test.repository))?.welcomePointId).toBe('wp-arras');
  });

  it('words the refusal in English too', async () => {
    const test = await volunteer();
    locale.value = 'en';
    await test.state.drafts.save(NEW_DOSSIER_FORM_ID, { welcomePointId: 'wp-8' });
    await test.state.drafts.flushAll();
    openAt('/dossiers/new', test);
    const select = (await screen.findByLabelText(/^Welcome point/)) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('wp-8'));
    fireEvent.click(screen.getByRole('button', { name: /^Create/ }));
    expect(
      await screen.findByText('This welcome point is not one of yours: choose one from the list, or “None”.'),
    ).toBeTruthy();
  });

  it('from a session saved by an older app (no names), lists the person’s ids', async () => {
    const test = await signedInState('volunteer', ['wp-lens', 'wp-arras'], undefined);
    openAt('/dossiers/new', test);
    const select = await welcomePointSelect();
    expect(optionsOf(select)).toEqual([
      ['', 'Aucun (dossier personnel)'],
      ['wp-lens', 'wp-lens'],
      ['wp-arras', 'wp-arras'],
    ]);
    expect(select.value).toBe('wp-lens');
  });

  it('without a signed-in person, offers only “none”', async () => {
    const test = makeTestState();
    openAt('/dossiers/new', test);
    const select = await welcomePointSelect();
    expect(optionsOf(select)).toEqual([['', 'Aucun (dossier personnel)']]);
    fillRequired();
    expect((await createAndRead(test.repository))?.welcomePointId).toBeUndefined();
  });

  it('stays on “none” for a person of no welcome point', async () => {
    const test = await signedInState('volunteer', [], []);
    openAt('/dossiers/new', test);
    expect((await welcomePointSelect()).value).toBe('');
  });
});

describe('Intake tab: the household’s welcome point', () => {
  it('keeps the current one, even archived, when other fields are saved', async () => {
    const test = await coordinator();
    const { household } = await test.repository.createHousehold(
      { ...lyonHousehold, welcomePointId: 'wp-old' },
      [zoe],
    );
    openAt(`/dossiers/${household.id}/intake`, test);
    const select = await welcomePointSelect();
    expect(select.value).toBe('wp-old');
    expect(optionsOf(select)).toContainEqual(['wp-old', 'Ancienne permanence (fermé)']);
    type(/^Référence du dossier/, 'RL-2026-0777');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText('Enregistré sur cet appareil.')).toBeTruthy();
    expect(await test.repository.getRow('household', household.id)).toMatchObject({
      welcomePointId: 'wp-old',
      reference: 'RL-2026-0777',
    });
  });

  it('moves the household to another welcome point of the person’s', async () => {
    const test = await volunteer();
    const { household } = await test.repository.createHousehold(
      { ...lyonHousehold, welcomePointId: 'wp-lens' },
      [zoe],
    );
    openAt(`/dossiers/${household.id}/intake`, test);
    const select = await welcomePointSelect();
    // AUTH6c: a household placed in a welcome point keeps one: "none" is not offered.
    expect(optionsOf(select).map(([value]) => value)).toEqual(['wp-lens', 'wp-arras']);
    choose(/^Point d’accueil/, 'wp-arras');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText('Enregistré sur cet appareil.')).toBeTruthy();
    expect((await test.repository.getRow('household', household.id))?.welcomePointId).toBe('wp-arras');
  });

  it('refuses a foreign welcome point left in a draft, and writes nothing', async () => {
    const test = await volunteer();
    const { household } = await test.repository.createHousehold(
      { ...lyonHousehold, welcomePointId: 'wp-lens' },
      [zoe],
    );
    await test.state.drafts.save(`household:${household.id}`, { welcomePointId: 'wp-8', reference: 'RL-X' });
    await test.state.drafts.flushAll();
    openAt(`/dossiers/${household.id}/intake`, test);
    const select = await welcomePointSelect();
    await waitFor(() => expect(select.value).toBe('wp-8'));
    const form = select.closest('form') as HTMLElement;
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText(/Ce point d’accueil n’est pas un des vôtres/)).toBeTruthy();
    const row = await test.repository.getRow('household', household.id);
    expect(row).toMatchObject({ welcomePointId: 'wp-lens', reference: lyonHousehold.reference });
  });

  it('[AUTH6c] refuses to take the welcome point away (a draft left empty), next to the field, and writes nothing', async () => {
    const test = await volunteer();
    const { household } = await test.repository.createHousehold(
      { ...lyonHousehold, welcomePointId: 'wp-lens' },
      [zoe],
    );
    const pending = await test.repository.pendingChangeCount();
    await test.state.drafts.save(`household:${household.id}`, { welcomePointId: '', reference: 'RL-X' });
    await test.state.drafts.flushAll();
    openAt(`/dossiers/${household.id}/intake`, test);
    const select = await welcomePointSelect();
    await waitFor(() => expect(select.value).toBe(''));
    // The empty value shows as a choice to make, never as "none".
    expect(optionsOf(select)).toEqual([
      ['', 'Choisir…'],
      ['wp-lens', 'Mairie de Lens'],
      ['wp-arras', 'Mairie d’Arras'],
    ]);
    const form = select.closest('form') as HTMLElement;
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer le ménage' }));
    const error = await screen.findByText(
      'Ce dossier garde un point d’accueil, pour que son équipe continue de le voir : choisissez-en un dans la liste.',
    );
    expect((select.closest('.field') ?? select.parentElement)?.contains(error)).toBe(true);
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(await test.repository.getRow('household', household.id)).toMatchObject({
      welcomePointId: 'wp-lens',
      reference: lyonHousehold.reference,
    });
    expect(await test.repository.pendingChangeCount()).toBe(pending);

    // Choosing one of the list saves.
    choose(/^Point d’accueil/, 'wp-arras');
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText('Enregistré sur cet appareil.')).toBeTruthy();
    expect(await test.repository.getRow('household', household.id)).toMatchObject({
      welcomePointId: 'wp-arras',
      reference: 'RL-X',
    });
  });

  it('[AUTH6c] words the refusal in English too', async () => {
    const test = await volunteer();
    locale.value = 'en';
    const { household } = await test.repository.createHousehold(
      { ...lyonHousehold, welcomePointId: 'wp-lens' },
      [zoe],
    );
    await test.state.drafts.save(`household:${household.id}`, { welcomePointId: '' });
    await test.state.drafts.flushAll();
    openAt(`/dossiers/${household.id}/intake`, test);
    const select = (await screen.findByLabelText(/^Welcome point/)) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe(''));
    const form = select.closest('form') as HTMLElement;
    fireEvent.click(within(form).getByRole('button', { name: /^Save the household/ }));
    expect(
      await screen.findByText(
        'This dossier keeps a welcome point, so that its team still sees it: choose one from the list.',
      ),
    ).toBeTruthy();
  });

  it('[AUTH6c] a personal dossier (no welcome point yet) still offers “none”, and may be given one', async () => {
    const test = await volunteer();
    const { household } = await test.repository.createHousehold(
      { ...lyonHousehold, welcomePointId: undefined },
      [zoe],
    );
    openAt(`/dossiers/${household.id}/intake`, test);
    const select = await welcomePointSelect();
    expect(optionsOf(select)).toEqual([
      ['', 'Aucun (dossier personnel)'],
      ['wp-lens', 'Mairie de Lens'],
      ['wp-arras', 'Mairie d’Arras'],
    ]);
    choose(/^Point d’accueil/, 'wp-lens');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText('Enregistré sur cet appareil.')).toBeTruthy();
    expect((await test.repository.getRow('household', household.id))?.welcomePointId).toBe('wp-lens');
  });
});
