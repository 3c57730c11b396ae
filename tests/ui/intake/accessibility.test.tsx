import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { axeViolations } from '../axe-violations';
import { makeTestState } from '../make-test-state';
import { lyonHousehold, openAt, personBox, type, zoe } from './helpers';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

describe('Intake and dossiers screens: axe-core', () => {
  it('finds nothing on the dossiers list with dossiers and the transfer panel', async () => {
    const test = makeTestState();
    await test.repository.createHousehold(lyonHousehold, [zoe]);
    openAt('/dossiers', test);
    await screen.findByRole('link', { name: 'Zoé Martin' });
    expect(await axeViolations()).toEqual([]);
  });

  it('finds nothing on the new dossier form with errors and a duplicate warning', async () => {
    const test = makeTestState();
    await test.repository.createHousehold(lyonHousehold, [zoe]);
    openAt('/dossiers/new', test);
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un enfant' }));
    // DUP1: a phone alone is not enough evidence for the warning; with the surname it is.
    type(/^Téléphone/, '06 12 34 56 78');
    type(/^Nom(?! de naissance)/, 'Martin', personBox(1));
    await screen.findByRole('heading', { name: /Ce ménage est peut-être déjà sur cet appareil/ });
    type('Date de naissance', '2090-01-01', personBox(2));
    fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));
    await screen.findByText('Cette date ne peut pas être dans le futur.');
    expect(await axeViolations()).toEqual([]);
  });

  it('finds nothing on the intake tab with a consent', async () => {
    const test = makeTestState();
    const { household } = await test.repository.createHousehold(lyonHousehold, [zoe]);
    await test.repository.addRow('consent', household.id, {
      purpose: 'dossier_processing',
      date: '2026-11-20',
      recordedBy: 'Camille',
    });
    openAt(`/dossiers/${household.id}/intake`, test);
    await screen.findByText('Donné le 20 novembre 2026, recueilli par Camille.');
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une personne' }));
    expect(await axeViolations()).toEqual([]);
  });
});
