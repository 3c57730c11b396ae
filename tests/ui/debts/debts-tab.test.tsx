import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatMoney, locale } from '../../../src/i18n/i18n';
import { openDossier } from '../../../src/state/workspace/dossier-registry';
import { App } from '../../../src/ui/app';
import { seedEmptyHousehold, seedExampleA } from '../budget/seed-household';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

const QUOTA_MESSAGE = 'L’appareil n’a plus assez de place. Synchronisez puis libérez de l’espace.';

function openDebts(householdId: string, state: ReturnType<typeof makeTestState>['state']) {
  window.history.replaceState(null, '', `/dossiers/${householdId}/debts`);
  return render(<App state={state} />);
}

async function seedWithCreditor() {
  const test = makeTestState();
  const { householdId } = await seedEmptyHousehold(test.repository);
  const creditor = await test.repository.addRow('creditor', householdId, {
    name: 'Banque Populaire',
    category: 'credit_institution',
  });
  return { ...test, householdId, creditorId: creditor.id };
}

const baseDebt = {
  product: 'amortising_loan' as const,
  capitalRemainingCents: 600_000,
  arrearsCents: 45_000,
  amountDueNowCents: 45_000,
  nominalRateBps: 500,
  instalmentMonthlyCents: 20_000,
  insuranceMonthlyCents: 1_500,
  isJoint: false,
  enforcementInProgress: false,
};

describe('Debts tab', () => {
  it('adds a debt with every field and shows them all on its card after a reload', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const first = openDebts(householdId, state);
    const form = await screen.findByRole('group', { name: 'Ajouter une dette' });
    const type = (label: string, value: string) =>
      fireEvent.input(within(form).getByLabelText(label, { exact: false }), { target: { value } });
    const choose = (label: string, value: string) =>
      fireEvent.change(within(form).getByLabelText(label, { exact: false }), { target: { value } });
    choose('Type de dette', 'lease');
    type('Précision (n° de contrat…)', 'LOA 7781');
    type('Référence de la dette', 'CT-2023-0042');
    type('Premier impayé non régularisé', '2024-03-05');
    type('Capital restant dû', '12 000');
    type('Impayés', '450,50');
    type('Somme exigible maintenant', '900');
    type('Intérêts et frais à ce jour', '35,20');
    type('Taux nominal annuel', '2,62');
    type('Mensualité hors assurance', '310');
    type('Assurance emprunteur par mois', '12,40');
    type('Durée restante', '38');
    type('Valeur résiduelle ou ballon', '4 500');
    choose('Dette commune', 'yes');
    choose('Garant', 'natural_person');
    choose('Saisie ou procédure', 'yes');
    choose('Dette professionnelle', 'no');
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une dette' }));
    await waitFor(async () => expect((await repository.getDossier(householdId))?.debts).toHaveLength(1));
    const stored = (await repository.getDossier(householdId))?.debts[0];
    expect(stored).toMatchObject({
      creditorId,
      product: 'lease',
      label: 'LOA 7781',
      capitalRemainingCents: 1_200_000,
      arrearsCents: 45_050,
      amountDueNowCents: 90_000,
      accruedInterestCents: 3_520,
      nominalRateBps: 262,
      instalmentMonthlyCents: 31_000,
      insuranceMonthlyCents: 1_240,
      remainingTermMonths: 38,
      balloonCents: 450_000,
      isJoint: true,
      guarantor: 'natural_person',
      enforcementInProgress: true,
      isProfessional: false,
      reference: 'CT-2023-0042',
      firstUnpaidOn: '2024-03-05',
    });
    first.unmount();
    openDebts(householdId, state);
    const card = await screen.findByTestId(`debt-card-${stored?.id}`);
    const text = card.textContent ?? '';
    for (const expected of [
      'Location avec option d’achat (LOA) · Banque Populaire',
      'Banque Populaire (Banque ou organisme de crédit)',
      'LOA 7781',
      formatMoney(1_200_000),
      `Impayés : ${formatMoney(45_050)}`,
      formatMoney(90_000),
      formatMoney(3_520),
      '2,62',
      formatMoney(31_000),
      formatMoney(1_240),
      '38 mois',
      formatMoney(450_000),
      'Une personne (caution)',
      'CT-2023-0042',
      formatDate('2024-03-05'),
    ]) {
      expect(text).toContain(expected);
    }
    const facts = Array.from(card.querySelectorAll('.debt-fact')).map((row) => row.textContent);
    expect(facts).toContain('Dette commune avec un co-emprunteur solidaire ?Oui');
    expect(facts).toContain('Saisie ou procédure d’exécution en cours ?Oui');
    expect(facts).toContain('Dette professionnelle ?Non');
    // Totals: owed = capital + arrears + accrued interest; instalments include insurance.
    const totals = screen.getByTestId('debt-totals').textContent ?? '';
    expect(totals).toContain(formatMoney(1_200_000 + 45_050 + 3_520));
    expect(totals).toContain(formatMoney(45_050));
    expect(totals).toContain(formatMoney(31_000 + 1_240));
  });

  it('edits a debt rate typed "2,62" and stores 262 basis points', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const debt = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    openDebts(householdId, state);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Modifier la dette Prêt personnel ou auto de Banque Populaire',
      }),
    );
    const editor = screen.getByRole('group', { name: 'Modifier la dette' });
    const rate = within(editor).getByLabelText('Taux nominal annuel') as HTMLInputElement;
    expect(rate.value).toBe('5,00');
    fireEvent.input(rate, { target: { value: '2,62' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la dette' }));
    await waitFor(async () => {
      expect((await repository.getRow('debt', debt.id))?.nominalRateBps).toBe(262);
    });
    expect(await screen.findByText('Enregistré sur cet appareil.')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId(`debt-card-${debt.id}`).textContent).toContain('2,62'));
  });

  it('shows the French rate message next to a bad rate and stores nothing', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const debt = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    openDebts(householdId, state);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Modifier la dette Prêt personnel ou auto de Banque Populaire',
      }),
    );
    const editor = screen.getByRole('group', { name: 'Modifier la dette' });
    const rate = within(editor).getByLabelText('Taux nominal annuel');
    fireEvent.input(rate, { target: { value: 'deux' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la dette' }));
    expect(await screen.findByText('Écrivez un taux en pourcentage, par exemple 2,62.')).toBeTruthy();
    expect(rate.getAttribute('aria-invalid')).toBe('true');
    expect((await repository.getRow('debt', debt.id))?.nominalRateBps).toBe(500);
  });

  it('lists the documents a debt needs, what is missing, and stores the ticks', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const debt = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    openDebts(householdId, state);
    const card = await screen.findByTestId(`debt-card-${debt.id}`);
    const documents = within(card).getByRole('group', { name: 'Pièces justificatives' });
    expect(documents.textContent).toContain(
      'Il manque : Contrat ou offre de prêt, Tableau d’amortissement, Dernier relevé.',
    );
    fireEvent.click(within(documents).getByLabelText('Contrat ou offre de prêt'));
    await waitFor(async () =>
      expect((await repository.getRow('debt', debt.id))?.documentsProvided).toEqual(['contract']),
    );
    await waitFor(() =>
      expect(documents.textContent).toContain('Il manque : Tableau d’amortissement, Dernier relevé.'),
    );
    fireEvent.click(within(documents).getByLabelText('Tableau d’amortissement'));
    await waitFor(async () =>
      expect((await repository.getRow('debt', debt.id))?.documentsProvided).toEqual([
        'contract',
        'amortisation_table',
      ]),
    );
    fireEvent.click(within(documents).getByLabelText('Dernier relevé'));
    expect(await within(card).findByText('Toutes les pièces sont là.')).toBeTruthy();
    expect((within(documents).getByLabelText('Dernier relevé') as HTMLInputElement).checked).toBe(true);
  });

  it('keeps both ticks when two boxes are ticked before the first write comes back', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const debt = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    openDebts(householdId, state);
    const card = await screen.findByTestId(`debt-card-${debt.id}`);
    fireEvent.click(within(card).getByLabelText('Contrat ou offre de prêt'));
    fireEvent.click(within(card).getByLabelText('Dernier relevé'));
    await waitFor(async () =>
      expect((await repository.getRow('debt', debt.id))?.documentsProvided).toEqual([
        'contract',
        'last_statement',
      ]),
    );
    await waitFor(() => expect(card.textContent).toContain('Il manque : Tableau d’amortissement.'));
  });

  it('asks for the lease and the arrears statement for rent arrears, and the diagnosis ignores the ticks', async () => {
    const { state, repository } = makeTestState();
    const seeded = await seedExampleA(repository);
    const dossier = await repository.getDossier(seeded.householdId);
    const rent = dossier?.debts.find((d) => d.product === 'rent_arrears');
    if (!rent) throw new Error('no rent arrears in example A');
    await repository.updateFields('debt', rent.id, { documentsProvided: ['lease'] });
    openDebts(seeded.householdId, state);
    const card = await screen.findByTestId(`debt-card-${rent.id}`);
    expect(card.textContent).toContain('Il manque : Décompte des impayés.');
    expect((within(card).getByLabelText('Bail') as HTMLInputElement).checked).toBe(true);
    // The arrears are highlighted in words, not colour alone.
    expect(card.textContent).toContain(`Impayés : ${formatMoney(120_000)}`);
    const diagnosis = openDossier(state.workspace, seeded.householdId).diagnosis.value;
    expect(diagnosis?.kind).toBe('ok');
  });

  it('shows the storage message when the device refuses a write, never "saved"', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const debt = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    vi.spyOn(repository, 'updateFields').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    openDebts(householdId, state);
    const card = await screen.findByTestId(`debt-card-${debt.id}`);
    fireEvent.click(within(card).getByLabelText('Contrat ou offre de prêt'));
    expect(await within(card).findByText(`La coche n’a pas été enregistrée : ${QUOTA_MESSAGE}`)).toBeTruthy();
    fireEvent.click(
      screen.getByRole('button', { name: 'Modifier la dette Prêt personnel ou auto de Banque Populaire' }),
    );
    const editor = screen.getByRole('group', { name: 'Modifier la dette' });
    fireEvent.input(within(editor).getByLabelText('Taux nominal annuel'), { target: { value: '2,62' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la dette' }));
    expect(await screen.findByText(`Rien n’a été enregistré : ${QUOTA_MESSAGE}`)).toBeTruthy();
    expect(screen.queryByText('Enregistré sur cet appareil.')).toBeNull();
    expect((await repository.getRow('debt', debt.id))?.nominalRateBps).toBe(500);
  });

  it('adds a creditor and refuses to remove one that still has debts', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    openDebts(householdId, state);
    const region = await screen.findByRole('region', { name: 'Créanciers' });
    fireEvent.input(within(region).getByLabelText('Nom du créancier'), { target: { value: 'EDF' } });
    fireEvent.change(within(region).getByLabelText('Catégorie'), { target: { value: 'utility' } });
    fireEvent.input(within(region).getByLabelText('Adresse du créancier', { exact: false }), {
      target: { value: 'Service clients EDF\nTSA 20012\n69945 Lyon Cedex 20' },
    });
    fireEvent.input(
      within(region).getByLabelText('Référence du dossier chez ce créancier', { exact: false }),
      {
        target: { value: 'CLIENT-6001' },
      },
    );
    fireEvent.click(within(region).getByRole('button', { name: 'Ajouter un créancier' }));
    await waitFor(async () => {
      const creditors = (await repository.getDossier(householdId))?.creditors ?? [];
      expect(creditors.find((c) => c.name === 'EDF')).toMatchObject({
        category: 'utility',
        address: 'Service clients EDF\nTSA 20012\n69945 Lyon Cedex 20',
        reference: 'CLIENT-6001',
      });
    });
    expect(await within(region).findByText(/Réf\. CLIENT-6001/)).toBeTruthy();
    // Emptied on edit: the optional fields are removed from the row.
    fireEvent.click(within(region).getByRole('button', { name: 'Modifier EDF' }));
    const reference = within(region).getAllByLabelText('Référence du dossier chez ce créancier', {
      exact: false,
    })[0] as HTMLInputElement;
    expect(reference.value).toBe('CLIENT-6001');
    fireEvent.input(reference, { target: { value: '' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Enregistrer la ligne' }));
    await waitFor(async () => {
      const edf = (await repository.getDossier(householdId))?.creditors.find((c) => c.name === 'EDF');
      expect(edf?.reference).toBeUndefined();
      expect(edf?.address).toBe('Service clients EDF\nTSA 20012\n69945 Lyon Cedex 20');
    });
    fireEvent.click(within(region).getByRole('button', { name: 'Supprimer Banque Populaire' }));
    expect(await within(region).findByText('Supprimez d’abord les dettes de ce créancier.')).toBeTruthy();
    expect((await repository.getDossier(householdId))?.creditors).toHaveLength(2);
  });
});
