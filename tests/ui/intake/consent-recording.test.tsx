/**
 * Recording a consent: "Recueilli par" starts with the name of the person signed in (editable),
 * and only the adults of the household are offered as the person who agrees. Ages are worked
 * out by hand below from fixed birth dates and the test state's today, 27 November 2026.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import { locale } from '../../../src/i18n/i18n';
import { makeTestState } from '../make-test-state';
import { choose, lyonHousehold, openAt, signedInState, type, zoe } from './helpers';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const child = (firstName: string, birthDate: string): FieldsOf<'member'> => ({
  role: 'child',
  firstName,
  lastName: 'Martin',
  birthDate,
});

// On 2026-11-27: Zoé (1980-02-01) is 46; Léa (2008-11-27) turns 18 that very day; Hugo
// (2008-11-28) is 17 until the next day; Inès (2015-03-03) is 11; Tom (2019-05-10) is 7.
const household = [
  zoe,
  child('Léa', '2008-11-27'),
  child('Hugo', '2008-11-28'),
  child('Inès', '2015-03-03'),
  child('Tom', '2019-05-10'),
];

async function openConsents(
  test: Awaited<ReturnType<typeof signedInState>> | ReturnType<typeof makeTestState>,
) {
  const { household: created, members } = await test.repository.createHousehold(lyonHousehold, household);
  openAt(`/dossiers/${created.id}/intake`, test);
  await screen.findByRole('heading', { level: 1, name: 'Zoé Martin · Accueil' });
  const section = screen
    .getByRole('heading', { level: 2, name: 'Consentements' })
    .closest('section') as HTMLElement;
  const idOf = (firstName: string) => members.find((m) => m.firstName === firstName)?.id ?? '';
  return { section, householdId: created.id, idOf };
}

/** The people offered in "Qui donne son accord", as shown. */
function giverChoices(section: HTMLElement): string[] {
  const select = within(section).getByLabelText('Qui donne son accord') as HTMLSelectElement;
  return [...select.options].map((option) => option.textContent ?? '');
}

describe('Recording a consent', () => {
  it('starts "Recueilli par" with the name of the person signed in, who can change it', async () => {
    const test = await signedInState(
      'volunteer',
      ['wp-lens'],
      [{ id: 'wp-lens', name: 'Mairie de Lens', archived: false }],
    );
    const { section, householdId, idOf } = await openConsents(test);
    const recordedBy = (await within(section).findByLabelText(/^Recueilli par/)) as HTMLInputElement;
    await waitFor(() => expect(recordedBy.value).toBe('Marie Curie'));

    // Saved as prefilled.
    choose('Qui donne son accord', idOf('Zoé'), section);
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer le consentement' }));
    expect(await within(section).findByText('Consentement enregistré sur cet appareil.')).toBeTruthy();
    expect((await test.repository.getDossier(householdId))?.consents).toEqual([
      expect.objectContaining({ memberId: idOf('Zoé'), recordedBy: 'Marie Curie' }),
    ]);

    // The next one starts with the name again, and another name can be written.
    const next = (await within(section).findByLabelText(/^Recueilli par/)) as HTMLInputElement;
    await waitFor(() => expect(next.value).toBe('Marie Curie'));
    type(/^Recueilli par/, 'Camille Roche', section);
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer le consentement' }));
    await waitFor(async () =>
      expect(
        (await test.repository.getDossier(householdId))?.consents.map((c) => c.recordedBy).sort(),
      ).toEqual(['Camille Roche', 'Marie Curie']),
    );
  });

  it('leaves "Recueilli par" empty when nobody is signed in on this device', async () => {
    const { section } = await openConsents(makeTestState());
    const recordedBy = (await within(section).findByLabelText(/^Recueilli par/)) as HTMLInputElement;
    expect(recordedBy.value).toBe('');
  });

  it('offers only the adults of the household on the day of the consent, never the children', async () => {
    const { section } = await openConsents(makeTestState());
    expect(giverChoices(section)).toEqual(['Tout le ménage', 'Zoé Martin', 'Léa Martin']);

    // The day before, Léa was still 17: she is not offered for a consent given that day.
    type('Date de l’accord', '2026-11-26', section);
    await waitFor(() => expect(giverChoices(section)).toEqual(['Tout le ménage', 'Zoé Martin']));
  });
});
