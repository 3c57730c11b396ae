import { fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../src/domain/dates';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { axeViolations } from '../axe-violations';
import { expandLine } from '../line-helpers';
import { makeTestState } from '../make-test-state';
import { seedExampleA } from './seed-household';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

describe('Budget and debts screens: axe-core', () => {
  it('finds nothing on the budget tab with a diagnosis, an open editor and an error', async () => {
    const test = makeTestState();
    const { householdId } = await seedExampleA(test.repository);
    window.history.replaceState(null, '', `/dossiers/${householdId}/budget`);
    render(<App state={test.state} />);
    await screen.findByTestId('capacity');
    const charges = screen.getByRole('region', { name: 'Charges' });
    await expandLine(charges, 'Loyer');
    fireEvent.click(within(charges).getByRole('button', { name: 'Modifier Loyer' }));
    fireEvent.input(within(charges).getAllByLabelText('Montant par période')[0] as HTMLElement, {
      target: { value: 'abc' },
    });
    fireEvent.click(within(charges).getByRole('button', { name: 'Enregistrer la ligne' }));
    await within(charges).findByText('Écrivez un montant en euros, par exemple 1 234,56.');
    for (const summary of screen.getAllByText('Pourquoi ?')) fireEvent.click(summary);
    expect(await axeViolations()).toEqual([]);
  });

  it('finds nothing on the debts tab with cards, checklists and forms', async () => {
    const test = makeTestState();
    const { householdId } = await seedExampleA(test.repository);
    window.history.replaceState(null, '', `/dossiers/${householdId}/debts`);
    render(<App state={test.state} />);
    const list = await screen.findByRole('region', { name: 'Dettes' });
    // One debt opened (its details and checklist), one open on its form with "Plus de détails",
    // and the new debt's form with a new creditor.
    await expandLine(list, 'Prêt personnel ou auto');
    await within(list).findAllByRole('group', { name: 'Pièces justificatives' });
    await expandLine(list, 'Dette de loyer');
    fireEvent.click(screen.getByRole('button', { name: 'Modifier la dette Dette de loyer de Bailleur D' }));
    const editor = await within(list).findByRole('group', { name: 'Modifier la dette' });
    fireEvent.click(within(editor).getByRole('button', { name: 'Plus de détails' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une dette' }));
    const added = await within(list).findByRole('group', { name: 'Ajouter une dette' });
    fireEvent.change(within(added).getByLabelText('Créancier'), { target: { value: 'new' } });
    await within(added).findByRole('group', { name: 'Nouveau créancier' });
    expect(await axeViolations()).toEqual([]);
  });

  it('says which legal parameter is missing for the date', async () => {
    const test = makeTestState({});
    const { householdId } = await seedExampleA(test.repository);
    const early = makeTestState({
      workspace: { ...test.deps.workspace, today: () => '1990-01-01' as IsoDate },
    });
    window.history.replaceState(null, '', `/dossiers/${householdId}/budget`);
    render(<App state={early.state} />);
    const panel = await screen.findByRole('region', { name: 'Diagnostic' });
    expect(
      await within(panel).findByText(/Le montant du RSA n’est pas connu pour le 1er janvier 1990/),
    ).toBeTruthy();
  });
});
