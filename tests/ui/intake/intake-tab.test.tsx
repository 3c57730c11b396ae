import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { createAppState } from '../../../src/state/app-state';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { choose, lyonHousehold, openAt, type, zoe } from './helpers';

/** happy-dom has no window.print: a stub that records the calls. */
function stubPrint() {
  const print = vi.fn();
  Object.defineProperty(window, 'print', { value: print, configurable: true, writable: true });
  return print;
}

afterEach(() => {
  Reflect.deleteProperty(window, 'print');
  vi.restoreAllMocks();
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

async function openIntake() {
  const test = makeTestState();
  const { household, members } = await test.repository.createHousehold(lyonHousehold, [zoe]);
  openAt(`/dossiers/${household.id}/intake`, test);
  await screen.findByRole('heading', { level: 1, name: 'Zoé Martin · Accueil' });
  return { ...test, householdId: household.id, zoeId: members[0]?.id ?? '' };
}

function section(name: string): HTMLElement {
  return screen.getByRole('heading', { level: 2, name }).closest('section') as HTMLElement;
}

describe('Intake tab', () => {
  it('edits the household, contact and referral; a cleared field is removed', async () => {
    const { repository, householdId } = await openIntake();
    expect((screen.getByLabelText('Département') as HTMLInputElement).value).toBe('69');
    type('Département', '2b');
    type(/^Téléphone/, '');
    type(/^Adresse \(numéro et rue\)/, '3 rue des Lilas');
    type(/^Code postal/, '20200');
    type(/^Ville/, 'Bastia');
    choose(/^Le ménage est venu/, 'other');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText('Précisez comment le ménage est venu.')).toBeTruthy();
    type('Précisions', 'Envoyé par le CCAS');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText('Enregistré sur cet appareil.')).toBeTruthy();
    const row = await repository.getRow('household', householdId);
    expect(row).toMatchObject({
      departement: '2B',
      address: { line1: '3 rue des Lilas', postcode: '20200', city: 'Bastia' },
      referralSource: 'other',
      referralDetails: 'Envoyé par le CCAS',
    });
    expect(row?.phone).toBeUndefined();
  });

  it('writes only the fields typed here, never back a value changed elsewhere since', async () => {
    const { repository, householdId } = await openIntake();
    // Another screen (or an import) changes the phone while this form is open.
    await repository.updateFields('household', householdId, { phone: '07 00 00 00 01' });
    type('Département', '62');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(await screen.findByText('Enregistré sur cet appareil.')).toBeTruthy();
    const row = await repository.getRow('household', householdId);
    expect(row?.departement).toBe('62');
    expect(row?.phone).toBe('07 00 00 00 01');
  });

  it('adds, edits and removes people of the household', async () => {
    const { repository, householdId } = await openIntake();
    const people = section('Les personnes du ménage');
    fireEvent.click(within(people).getByRole('button', { name: 'Ajouter une personne' }));
    const form = within(people).getByRole('form', { name: 'Nouvelle personne' });
    type(/^Prénom/, 'Tom', form);
    type('Date de naissance', '2016-04-02', form);
    choose(/^Où vit cette personne/, 'shared', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer la personne' }));
    expect(await within(people).findByText('Tom')).toBeTruthy();
    let members = (await repository.getDossier(householdId))?.members ?? [];
    expect(members.map((m) => [m.role, m.firstName, m.birthDate, m.custody])).toContainEqual([
      'child',
      'Tom',
      '2016-04-02',
      'shared',
    ]);

    fireEvent.click(within(people).getByRole('button', { name: 'Modifier Zoé Martin' }));
    const edit = within(people).getByRole('form', { name: 'Modifier Zoé Martin' });
    type(/^Nom(?! de naissance)/, 'Martin-Roux', edit);
    fireEvent.click(within(edit).getByRole('button', { name: 'Enregistrer la personne' }));
    expect(await within(people).findByText('Zoé Martin-Roux')).toBeTruthy();

    fireEvent.click(within(people).getByRole('button', { name: 'Retirer Tom du ménage' }));
    fireEvent.click(within(people).getByRole('button', { name: 'Oui, retirer Tom' }));
    await waitFor(() => expect(within(people).queryByText('Tom')).toBeNull());
    members = (await repository.getDossier(householdId))?.members ?? [];
    expect(members.map((m) => `${m.firstName} ${m.lastName}`)).toEqual(['Zoé Martin-Roux']);
  });

  it('records a consent, prints its form with the name and purpose, and notes its withdrawal', async () => {
    const { repository, householdId, zoeId } = await openIntake();
    const print = stubPrint();
    const consents = section('Consentements');
    expect(within(consents).getByText('Aucun consentement enregistré.')).toBeTruthy();
    choose('L’accord porte sur', 'share_with_banque_de_france', consents);
    choose('Qui donne son accord', zoeId, consents);
    type('Date de l’accord', '2026-11-26', consents);
    fireEvent.click(within(consents).getByRole('button', { name: 'Enregistrer le consentement' }));
    expect(await within(consents).findByText('Ce champ est obligatoire.')).toBeTruthy();
    type(/^Recueilli par/, 'Camille Roche', consents);
    fireEvent.click(within(consents).getByRole('button', { name: 'Enregistrer le consentement' }));
    expect(await within(consents).findByText('Consentement enregistré sur cet appareil.')).toBeTruthy();

    const stored = (await repository.getDossier(householdId))?.consents ?? [];
    expect(stored).toEqual([
      expect.objectContaining({
        purpose: 'share_with_banque_de_france',
        memberId: zoeId,
        date: '2026-11-26',
        recordedBy: 'Camille Roche',
      }),
    ]);
    expect(
      await within(consents).findByText('Donné le 26 novembre 2026, recueilli par Camille Roche.'),
    ).toBeTruthy();
    expect(within(consents).getByText('En vigueur')).toBeTruthy();

    const list = within(consents)
      .getByText('l’envoi de son dossier à la Banque de France', { selector: 'p' })
      .closest('li') as HTMLElement;
    fireEvent.click(within(list).getByRole('button', { name: 'Imprimer le formulaire de consentement' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const sheet = screen.getByTestId('consent-print');
    expect(sheet.textContent).toContain('Ménage : Zoé Martin');
    expect(sheet.textContent).toContain(
      'J’accepte que l’association utilise les informations de mon dossier pour : l’envoi de son dossier à la Banque de France.',
    );
    expect(sheet.textContent).toContain('Date : 26 novembre 2026');
    expect(sheet.textContent).toContain('Recueilli par : Camille Roche');
    expect(sheet.textContent).toContain('Signature de la personne');
    await waitFor(async () =>
      expect((await repository.getDossier(householdId))?.consents[0]?.formPrinted).toBe(true),
    );

    fireEvent.click(within(consents).getByRole('button', { name: 'Noter le retrait de ce consentement' }));
    fireEvent.click(within(consents).getByRole('button', { name: /^Oui — Noter le retrait/ }));
    expect(await within(consents).findByText(/Retiré le 27 novembre 2026/)).toBeTruthy();
    expect((await repository.getDossier(householdId))?.consents[0]?.withdrawnAt).toBe('2026-11-27');
  });

  it('prints the form of a consent being recorded, before it is saved', async () => {
    await openIntake();
    const print = stubPrint();
    const consents = section('Consentements');
    choose('L’accord porte sur', 'share_with_creditors', consents);
    type(/^Recueilli par/, 'Camille', consents);
    fireEvent.click(within(consents).getByRole('button', { name: 'Imprimer le formulaire de consentement' }));
    await waitFor(() => expect(print).toHaveBeenCalled());
    const sheet = screen.getByTestId('consent-print').textContent ?? '';
    expect(sheet).toContain('Ménage : Zoé Martin');
    expect(sheet).toContain('le contact avec ses créanciers');
    expect(sheet).toContain('Date : 27 novembre 2026');
  });

  it('keeps the typed household edits as a draft across a reload', async () => {
    const test = await openIntake();
    type('Département', '62');
    await test.state.drafts.flushAll();
    const reloaded = createAppState({ ...test.deps });
    document.body.innerHTML = '';
    render(<App state={reloaded} />);
    await waitFor(() => expect((screen.getByLabelText('Département') as HTMLInputElement).value).toBe('62'));
    expect(screen.getByTestId('household-draft-restored').textContent).toBe(
      'Votre saisie non enregistrée a été retrouvée.',
    );
    expect((await test.repository.getRow('household', test.householdId))?.departement).toBe('69');
  });

  it('says the device is full when a save fails, never "saved"', async () => {
    const { repository, householdId } = await openIntake();
    repository.updateFields = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    type('Département', '62');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le ménage' }));
    expect(
      await screen.findByText(
        'Rien n’a été enregistré : L’appareil n’a plus assez de place. Synchronisez puis libérez de l’espace.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText('Enregistré sur cet appareil.')).toBeNull();
    expect((await repository.getRow('household', householdId))?.departement).toBe('69');
  });
});
