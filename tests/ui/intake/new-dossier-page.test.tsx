import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { createAppState } from '../../../src/state/app-state';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { choose, lyonHousehold, openAt, personBox, type, zoe } from './helpers';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

async function openNewDossier(test = makeTestState()) {
  openAt('/dossiers/new', test);
  await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
  return test;
}

function fillHousehold() {
  type('Département', '59');
  choose('Logement', 'tenant');
  type(/^Téléphone/, '07 11 22 33 44');
  choose(/^Le ménage est venu/, 'bank_referral');
  // Nobody is signed in: the welcome point stays on “none” (the list: welcome-point.test.tsx).
  type(/^Référence du dossier/, 'RL-2026-0100');
}

describe('New dossier (intake)', () => {
  it('creates a household of 2 adults and 2 children in one write and opens it', async () => {
    const { repository } = await openNewDossier();
    fillHousehold();
    type(/^Prénom/, 'Aïcha', personBox(1));
    type(/^Nom(?! de naissance)/, 'Benali', personBox(1));
    // The birth name (optional): duplicate checks compare it with usage names (DUP1).
    type('Nom de naissance (facultatif)', 'Haddad', personBox(1));
    type('Date de naissance', '1985-06-15', personBox(1));

    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un adulte' }));
    type(/^Prénom/, 'Karim', personBox(2));
    type(/^Nom(?! de naissance)/, 'Benali', personBox(2));
    type('Date de naissance', '1983-01-20', personBox(2));

    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un enfant' }));
    type(/^Prénom/, 'Nour', personBox(3));
    type('Date de naissance', '2015-09-01', personBox(3));
    choose(/^Où vit cette personne/, 'full', personBox(3));

    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un enfant' }));
    type(/^Prénom/, 'Sami', personBox(4));
    type('Date de naissance', '2018-03-12', personBox(4));
    choose(/^Où vit cette personne/, 'shared', personBox(4));

    fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/dossiers\/[^/]+\/intake$/));
    const householdId = window.location.pathname.split('/')[2] ?? '';
    const dossier = await repository.getDossier(householdId);
    expect(dossier?.household).toMatchObject({
      territory: 'metropole',
      departement: '59',
      housingStatus: 'tenant',
      phone: '07 11 22 33 44',
      referralSource: 'bank_referral',
      reference: 'RL-2026-0100',
      status: 'intake',
    });
    expect(dossier?.household.welcomePointId).toBeUndefined();
    const members = (dossier?.members ?? [])
      .map((m) => [m.role, m.firstName, m.lastName, m.birthName, m.birthDate, m.custody])
      .sort((a, b) => String(a[4]).localeCompare(String(b[4])));
    expect(members).toEqual([
      ['co_applicant', 'Karim', 'Benali', undefined, '1983-01-20', undefined],
      ['applicant', 'Aïcha', 'Benali', 'Haddad', '1985-06-15', undefined],
      ['child', 'Nour', undefined, undefined, '2015-09-01', 'full'],
      ['child', 'Sami', undefined, undefined, '2018-03-12', 'shared'],
    ]);
    // One write: every row of the household went to the outbox together, and the draft is gone.
    expect(await repository.pendingChangeCount()).toBe(5);
    expect(await screen.findByRole('heading', { level: 1, name: 'Aïcha Benali · Accueil' })).toBeTruthy();
  });

  it('shows validation messages next to their field, in French then in English, and stores nothing', async () => {
    const { repository, state } = await openNewDossier();
    type('Département', '123');
    type('Date de naissance', '2030-01-01', personBox(1));
    fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));

    const departement = screen.getByLabelText('Département');
    await waitFor(() => expect(departement.getAttribute('aria-invalid')).toBe('true'));
    const errorId = departement
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(document.getElementById(errorId ?? '')?.textContent).toBe(
      'Indiquez un numéro de département, par exemple 59, 2A ou 974.',
    );
    expect(within(personBox(1)).getByText('Cette date ne peut pas être dans le futur.')).toBeTruthy();
    expect(within(personBox(1)).getByText('Indiquez au moins le nom ou le prénom.')).toBeTruthy();
    expect(screen.getByText('Ce champ est obligatoire.')).toBeTruthy(); // housing

    await state.setLocale('en');
    expect(await screen.findByText('Enter a département number, for example 59, 2A or 974.')).toBeTruthy();
    expect(screen.getByText('This date cannot be in the future.')).toBeTruthy();
    expect((await repository.listDossiers()).length).toBe(0);
  });

  it('warns when the names and birth date match a dossier on the device, with a working link', async () => {
    const test = makeTestState();
    const { household } = await test.repository.createHousehold(lyonHousehold, [zoe]);
    await openNewDossier(test);
    type(/^Prénom/, 'zoe', personBox(1));
    type(/^Nom(?! de naissance)/, 'MARTIN', personBox(1));
    type('Date de naissance', '1980-02-01', personBox(1));

    const notice = await screen.findByRole('heading', {
      name: /Ce ménage est peut-être déjà sur cet appareil/,
    });
    const section = notice.closest('section') as HTMLElement;
    expect(section.textContent).toContain('Dossier de Zoé Martin · RL-2026-0042');
    // DUP1/DUP3: the scorer's agreements, field by field.
    expect([...section.querySelectorAll('li li')].map((li) => li.textContent)).toEqual([
      'Même nom ou prénom : Martin.',
      'Même nom ou prénom : Zoé.',
      'Même date de naissance : 1er février 1980.',
    ]);
    const link = within(section).getByRole('link', { name: 'Ouvrir le dossier de Zoé Martin' });
    expect(link.getAttribute('href')).toBe(`/dossiers/${household.id}/intake`);
    fireEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Zoé Martin · Accueil' })).toBeTruthy();
    expect(window.location.pathname).toBe(`/dossiers/${household.id}/intake`);
  });

  it('warns on the same phone number in another format with the same surname, and creating anyway stays possible', async () => {
    const test = makeTestState();
    await test.repository.createHousehold(lyonHousehold, [zoe]);
    await openNewDossier(test);
    // DUP1: a phone alone is not enough evidence; with the surname it is.
    type(/^Téléphone/, '+33 6 12 34 56 78');
    type(/^Nom(?! de naissance)/, 'Martin', personBox(1));
    const notice = await screen.findByRole('heading', {
      name: /Ce ménage est peut-être déjà sur cet appareil/,
    });
    expect(notice.closest('section')?.textContent).toContain('Même numéro de téléphone : 06 12 34 56 78.');

    type(/^Nom(?! de naissance)/, 'Durand', personBox(1));
    type('Date de naissance', '1990-05-05', personBox(1));
    type('Département', '75');
    choose('Logement', 'owner');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));
    await waitFor(() => expect(window.location.pathname).toMatch(/\/intake$/));
    expect((await test.repository.listDossiers()).length).toBe(2);
  });

  it('no warning for a different person', async () => {
    const test = makeTestState();
    await test.repository.createHousehold(lyonHousehold, [zoe]);
    await openNewDossier(test);
    type(/^Prénom/, 'Zoé', personBox(1));
    type(/^Nom(?! de naissance)/, 'Martin', personBox(1));
    // The check runs after a pause in the typing: wait until it has answered for Zoé Martin.
    const answers: { birthDates: (string | undefined)[]; found: unknown[] }[] = [];
    const find = test.repository.findPossibleDuplicates.bind(test.repository);
    test.repository.findPossibleDuplicates = async (probe, excluded) => {
      const found = await find(probe, excluded);
      answers.push({ birthDates: probe.people.map((p) => p.birthDate), found });
      return found;
    };
    type('Date de naissance', '1980-02-02', personBox(1));
    await waitFor(() => expect(answers.at(-1)?.birthDates).toEqual(['1980-02-02']), { timeout: 3_000 });
    expect(answers.at(-1)?.found).toEqual([]);
    expect(screen.getByTestId('duplicate-region').textContent).toBe('');
  });

  it('keeps the typed intake as a draft that survives a reload', async () => {
    const test = await openNewDossier();
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un enfant' }));
    type(/^Nom(?! de naissance)/, 'Lefèvre', personBox(1));
    type(/^Prénom/, 'Lina', personBox(2));
    type('Département', '2A');
    await test.state.drafts.flushAll();

    // A "reload": a new state over the same databases.
    const reloaded = createAppState({ ...test.deps });
    document.body.innerHTML = '';
    render(<App state={reloaded} />);
    await waitFor(() => expect((screen.getByLabelText('Département') as HTMLInputElement).value).toBe('2A'));
    expect((within(personBox(1)).getByLabelText(/^Nom(?! de naissance)/) as HTMLInputElement).value).toBe(
      'Lefèvre',
    );
    expect((within(personBox(2)).getByLabelText(/^Prénom/) as HTMLInputElement).value).toBe('Lina');
    expect((within(personBox(2)).getByLabelText('Place dans le ménage') as HTMLSelectElement).value).toBe(
      'child',
    );
    expect(screen.getByTestId('draft-restored').textContent).toBe(
      'Votre saisie non enregistrée a été retrouvée.',
    );
  });

  it('scenario 3 (quota): says the device is full when the write fails, never "saved", and keeps the draft', async () => {
    const test = await openNewDossier();
    test.repository.createHousehold = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    type(/^Nom(?! de naissance)/, 'Durand', personBox(1));
    type('Date de naissance', '1990-05-05', personBox(1));
    type('Département', '75');
    choose('Logement', 'owner');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));
    expect(
      await screen.findByText(
        'Le dossier n’a pas été créé : L’appareil n’a plus assez de place. Synchronisez puis libérez de l’espace.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/Enregistré/)).toBeNull();
    expect(window.location.pathname).toBe('/dossiers/new');
    await test.state.drafts.flushAll();
    expect(await test.settings.get('draft:intake:new')).toMatchObject({ values: { departement: '75' } });
  });
});
