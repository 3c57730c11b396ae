import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { choose, lyonHousehold, openAt, signedInState, type, zoe } from '../intake/helpers';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

/** Three dossiers, each opened a minute after the last; most recent activity first: Petit, Durand, Martin. */
async function seed() {
  let now = Date.UTC(2026, 10, 27, 9);
  const aMinuteLater = () => {
    now += 60_000;
  };
  const test = makeTestState({}, { now: () => now });
  const { repository } = test;
  const martin = await repository.createHousehold(lyonHousehold, [zoe]);
  aMinuteLater();
  const petit = await repository.createHousehold(
    {
      territory: 'metropole',
      departement: '59',
      housingStatus: 'owner',
      track: 'over_indebtedness',
      status: 'awaiting_decision',
      welcomePointId: 'Mairie de Lens',
      reference: 'RL-2026-0007',
      phone: '07 98 76 54 32',
    },
    [{ role: 'applicant', firstName: 'Jean', lastName: 'Petit', birthDate: '1970-07-07' }],
  );
  aMinuteLater();
  const durand = await repository.createHousehold(
    { territory: 'metropole', departement: '59', housingStatus: 'tenant', welcomePointId: 'Mairie de Lens' },
    [{ role: 'applicant', firstName: 'Léa', lastName: 'Durand', birthDate: '1992-12-24' }],
  );
  aMinuteLater();
  // An appointment in 3 days for Petit (today is 2026-11-27 in the test state): the latest
  // activity of the device, so Petit comes first.
  await repository.addRow('appointment', petit.household.id, {
    startsAt: '2026-11-30T14:30',
    status: 'planned',
  });
  return {
    test,
    ids: { martin: martin.household.id, petit: petit.household.id, durand: durand.household.id },
  };
}

function names(): string[] {
  return within(screen.getByTestId('dossier-list'))
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('Dossiers list', () => {
  it('lists every dossier, most recent activity first, each with its track, status, appointment and link', async () => {
    const { test, ids } = await seed();
    openAt('/dossiers', test);
    await waitFor(() => expect(names()).toEqual(['Jean Petit', 'Léa Durand', 'Zoé Martin']));
    expect(screen.getByTestId('dossiers-count').textContent).toBe('Dossiers trouvés : 3');
    const petit = screen.getByRole('link', { name: 'Jean Petit' });
    expect(petit.getAttribute('href')).toBe(`/dossiers/${ids.petit}/intake`);
    const row = petit.closest('li') as HTMLElement;
    expect(row.textContent).toContain('Surendettement');
    expect(row.textContent).toContain('En attente de décision');
    expect(row.textContent).toContain('30 novembre 2026 à 14:30');
    expect(row.textContent).toContain('RL-2026-0007');
    const durandRow = screen.getByRole('link', { name: 'Léa Durand' }).closest('li') as HTMLElement;
    expect(durandRow.textContent).toContain('Orientation à décider');
    expect(durandRow.textContent).toContain('Prochain rendez-vousAucun');
    expect(screen.getByRole('link', { name: 'Nouveau dossier' }).getAttribute('href')).toBe('/dossiers/new');
  });

  it('searches as you type by name, phone or reference', async () => {
    const { test } = await seed();
    openAt('/dossiers', test);
    await waitFor(() => expect(names()).toHaveLength(3));
    type('Rechercher un dossier', 'mart');
    await waitFor(() => expect(names()).toEqual(['Zoé Martin']));
    type('Rechercher un dossier', 'lea');
    await waitFor(() => expect(names()).toEqual(['Léa Durand']));
    type('Rechercher un dossier', '07 98 76');
    await waitFor(() => expect(names()).toEqual(['Jean Petit']));
    type('Rechercher un dossier', '+33 6 12 34 56 78');
    await waitFor(() => expect(names()).toEqual(['Zoé Martin']));
    type('Rechercher un dossier', 'rl-2026-0007');
    await waitFor(() => expect(names()).toEqual(['Jean Petit']));
    type('Rechercher un dossier', 'Dupuis');
    expect(await screen.findByText('Aucun dossier ne correspond.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Effacer la recherche et les filtres' }));
    await waitFor(() => expect(names()).toHaveLength(3));
  });

  it('asks for the results from the keystroke itself, not a frame later (issue 17)', async () => {
    const { test } = await seed();
    openAt('/dossiers', test);
    await waitFor(() => expect(names()).toHaveLength(3));
    const field = screen.getByLabelText('Rechercher un dossier') as HTMLInputElement;
    // A plain event, outside act(): nothing renders and no effect runs before the next line.
    field.value = 'mart';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    expect(test.state.workspace.list.filters.value.search).toBe('mart');
    await waitFor(() => expect(names()).toEqual(['Zoé Martin']));
  });

  it('filters by track, status, welcome point and next appointment, keeping the order', async () => {
    const { test } = await seed();
    openAt('/dossiers', test);
    await waitFor(() => expect(names()).toHaveLength(3));

    choose('Orientation', 'mediation');
    await waitFor(() => expect(names()).toEqual(['Zoé Martin']));
    choose('Orientation', '');
    choose('Étape', 'intake');
    await waitFor(() => expect(names()).toEqual(['Léa Durand']));
    choose('Étape', '');
    choose('Point d’accueil', 'Mairie de Lens');
    await waitFor(() => expect(names()).toEqual(['Jean Petit', 'Léa Durand']));
    choose('Point d’accueil', '');

    choose('Prochain rendez-vous', 'next7');
    await waitFor(() => expect(names()).toEqual(['Jean Petit']));
    choose('Prochain rendez-vous', 'none');
    await waitFor(() => expect(names()).toEqual(['Léa Durand', 'Zoé Martin']));
    choose('Prochain rendez-vous', 'between');
    type('Rendez-vous à partir du', '2026-12-01');
    await waitFor(() => expect(screen.getByText('Aucun dossier ne correspond.')).toBeTruthy());
    type('Rendez-vous à partir du', '2026-11-30');
    type('Rendez-vous jusqu’au', '2026-11-30');
    await waitFor(() => expect(names()).toEqual(['Jean Petit']));

    // Search and filters together.
    choose('Prochain rendez-vous', 'any');
    choose('Point d’accueil', 'Mairie de Lens');
    type('Rechercher un dossier', 'durand');
    await waitFor(() => expect(names()).toEqual(['Léa Durand']));
  });

  it('names the welcome points on the cards and in the filter, the id when the name is unknown', async () => {
    const test = await signedInState(
      'coordinator',
      [],
      [
        { id: 'wp-lens', name: 'Mairie de Lens', archived: false },
        { id: 'wp-old', name: 'Ancienne permanence', archived: true },
      ],
    );
    const place = (welcomePointId: string, lastName: string) =>
      test.repository.createHousehold(
        { territory: 'metropole', departement: '59', housingStatus: 'tenant', welcomePointId },
        [{ role: 'applicant', firstName: 'A', lastName, birthDate: '1990-01-01' }],
      );
    await place('wp-lens', 'Lens');
    await place('wp-old', 'Ancien');
    await place('wp-8', 'Inconnu');
    openAt('/dossiers', test);
    await waitFor(() => expect(names()).toHaveLength(3));
    const card = (lastName: string) =>
      screen.getByRole('link', { name: `A ${lastName}` }).closest('li') as HTMLElement;
    expect(within(card('Lens')).getByText('Mairie de Lens')).toBeTruthy();
    expect(within(card('Ancien')).getByText('Ancienne permanence')).toBeTruthy();
    expect(within(card('Inconnu')).getByText('wp-8')).toBeTruthy();
    expect(within(card('Lens')).queryByText('wp-lens')).toBeNull();

    const filter = screen.getByLabelText('Point d’accueil') as HTMLSelectElement;
    expect([...filter.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Tous'],
      ['wp-old', 'Ancienne permanence'],
      ['wp-lens', 'Mairie de Lens'],
      ['wp-8', 'wp-8'],
    ]);
    choose('Point d’accueil', 'wp-lens');
    await waitFor(() => expect(names()).toEqual(['A Lens']));
  });

  it('says honestly when the device holds no dossier yet', async () => {
    openAt('/dossiers');
    expect(await screen.findByText('Aucun dossier sur cet appareil pour le moment.')).toBeTruthy();
    expect(screen.getByTestId('dossiers-count').textContent).toBe('Dossiers trouvés : 0');
    expect(screen.queryByTestId('dossier-list')).toBeNull();
  });

  it('shows a newly written dossier at once (the list follows the device store)', async () => {
    const test = makeTestState();
    openAt('/dossiers', test);
    await screen.findByText('Aucun dossier sur cet appareil pour le moment.');
    await test.repository.createHousehold(lyonHousehold, [zoe]);
    await waitFor(() => expect(names()).toEqual(['Zoé Martin']));
  });
});
