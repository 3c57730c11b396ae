import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatMoney, locale } from '../../../src/i18n/i18n';
import { openDossier } from '../../../src/state/workspace/dossier-registry';
import { App } from '../../../src/ui/app';
import { seedEmptyHousehold, seedExampleA } from '../budget/seed-household';
import { expandLine, openNewLine } from '../line-helpers';
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

/** The 5 % personal loan of seedWithCreditor's creditor, its card opened and its editor open. */
async function openDebtEditor() {
  const { state, repository, householdId, creditorId } = await seedWithCreditor();
  const debt = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
  openDebts(householdId, state);
  await expandLine(await screen.findByTestId(`debt-card-${debt.id}`), 'Prêt personnel ou auto');
  fireEvent.click(
    await screen.findByRole('button', {
      name: 'Modifier la dette Prêt personnel ou auto de Banque Populaire',
    }),
  );
  return { repository, debt, editor: screen.getByRole('group', { name: 'Modifier la dette' }) };
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
    const form = await openNewLine(
      await screen.findByRole('region', { name: 'Dettes' }),
      'Ajouter une dette',
    );
    const type = (label: string, value: string) =>
      fireEvent.input(within(form).getByLabelText(label, { exact: false }), { target: { value } });
    const choose = (label: string, value: string) =>
      fireEvent.change(within(form).getByLabelText(label, { exact: false }), { target: { value } });
    choose('Type de dette', 'lease');
    // What matters less for a lease waits behind "Plus de détails".
    expect(within(form).queryByLabelText('Taux nominal annuel')).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Plus de détails' }));
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
    await expandLine(card, 'Location avec option d’achat (LOA) · Banque Populaire');
    fireEvent.click(within(card).getByRole('button', { name: 'Plus de détails' }));
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
    const { repository, debt, editor } = await openDebtEditor();
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
    const { repository, debt, editor } = await openDebtEditor();
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
    await expandLine(card, 'Prêt personnel ou auto');
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
    await expandLine(card, 'Prêt personnel ou auto');
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
    await expandLine(card, 'Dette de loyer');
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
    await expandLine(card, 'Prêt personnel ou auto');
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
    await openNewLine(region, 'Ajouter un créancier');
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
    await expandLine(region, 'EDF');
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
    await expandLine(region, 'Banque Populaire');
    fireEvent.click(within(region).getByRole('button', { name: 'Supprimer Banque Populaire' }));
    expect(await within(region).findByText('Supprimez d’abord les dettes de ce créancier.')).toBeTruthy();
    expect((await repository.getDossier(householdId))?.creditors).toHaveLength(2);
  });
});

describe('Debts tab: fields by kind, one-line summaries, a creditor typed with its debt', () => {
  it('removes a debt, then its creditor: the focus goes to each list’s title, as in the budget’s lists', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    openDebts(householdId, state);
    const debts = await screen.findByRole('region', { name: 'Dettes' });
    await expandLine(debts, 'Prêt personnel ou auto · Banque Populaire');
    fireEvent.click(
      within(debts).getByRole('button', {
        name: 'Supprimer la dette Prêt personnel ou auto de Banque Populaire',
      }),
    );
    expect(await within(debts).findByText('Aucune dette saisie.')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(within(debts).getByRole('heading', { level: 2, name: 'Dettes' })),
    );
    const creditors = screen.getByRole('region', { name: 'Créanciers' });
    await expandLine(creditors, 'Banque Populaire');
    fireEvent.click(within(creditors).getByRole('button', { name: 'Supprimer Banque Populaire' }));
    expect(await within(creditors).findByText('Aucun créancier saisi.')).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(creditors).getByRole('heading', { level: 2, name: 'Créanciers' }),
      ),
    );
    const stored = await repository.getDossier(householdId);
    expect(stored?.debts).toHaveLength(0);
    expect(stored?.creditors).toHaveLength(0);
  });

  it('shows a rent arrears without capital, rate or instalment, and a loan with them', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const landlord = await repository.addRow('creditor', householdId, {
      name: 'Office HLM',
      category: 'landlord',
    });
    const loan = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    const rent = await repository.addRow('debt', householdId, {
      product: 'rent_arrears',
      creditorId: landlord.id,
      capitalRemainingCents: 0,
      arrearsCents: 144_000,
      amountDueNowCents: 144_000,
      nominalRateBps: 0,
      instalmentMonthlyCents: 0,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: true,
    });
    openDebts(householdId, state);
    const rentCard = await screen.findByTestId(`debt-card-${rent.id}`);
    await expandLine(rentCard, 'Dette de loyer');
    const rentFacts = Array.from(rentCard.querySelectorAll('.debt-fact dt')).map((dt) => dt.textContent);
    expect(rentFacts).toEqual([
      'Impayés',
      'Somme exigible maintenant',
      'Référence de la dette',
      'Premier impayé non régularisé',
      'Saisie ou procédure d’exécution en cours ?',
    ]);
    for (const absent of ['Capital restant dû', 'Taux nominal annuel', 'Mensualité hors assurance']) {
      expect(rentCard.textContent).not.toContain(absent);
    }
    const values = Array.from(rentCard.querySelectorAll('.debt-fact dd')).map((dd) => dd.textContent);
    expect(values).not.toContain(formatMoney(0));
    // Nothing else holds a value: no "Plus de détails" on this card.
    expect(within(rentCard).queryByRole('button', { name: 'Plus de détails' })).toBeNull();
    const loanCard = screen.getByTestId(`debt-card-${loan.id}`);
    await expandLine(loanCard, 'Prêt personnel ou auto');
    const loanFacts = Array.from(loanCard.querySelectorAll('.debt-fact dt')).map((dt) => dt.textContent);
    expect(loanFacts).toEqual(
      expect.arrayContaining([
        'Capital restant dû',
        'Impayés',
        'Taux nominal annuel',
        'Mensualité hors assurance',
        'Assurance emprunteur par mois',
      ]),
    );
    // The loan's "Somme exigible maintenant" holds a value but is not one of a loan's own fields.
    expect(loanFacts).not.toContain('Somme exigible maintenant');
    fireEvent.click(within(loanCard).getByRole('button', { name: 'Plus de détails' }));
    const more = Array.from(loanCard.querySelectorAll('.debt-fact dt')).map((dt) => dt.textContent);
    expect(more).toContain('Somme exigible maintenant');
    // Nothing at 0 or left blank is listed: no accrued interest, no balloon.
    expect(more).not.toContain('Intérêts et frais à ce jour');
    expect(more).not.toContain('Valeur résiduelle ou ballon');

    // The form follows the kind: rent arrears asks for the arrears and the procedure first.
    fireEvent.click(
      within(rentCard).getByRole('button', { name: 'Modifier la dette Dette de loyer de Office HLM' }),
    );
    const editor = await within(rentCard).findByRole('group', { name: 'Modifier la dette' });
    expect(within(editor).getByLabelText('Impayés')).toBeTruthy();
    expect(within(editor).getByLabelText('Saisie ou procédure d’exécution en cours ?')).toBeTruthy();
    expect(within(editor).queryByLabelText('Taux nominal annuel')).toBeNull();
    fireEvent.click(within(editor).getByRole('button', { name: 'Plus de détails' }));
    expect(within(editor).getByLabelText('Taux nominal annuel')).toBeTruthy();
  });

  it('shows each debt as a one-line summary (kind and creditor, amount owed, key fact) that opens on tap', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const debt = await repository.addRow('debt', householdId, { ...baseDebt, arrearsCents: 0, creditorId });
    openDebts(householdId, state);
    const card = await screen.findByTestId(`debt-card-${debt.id}`);
    const toggle = within(card).getByRole('button', { name: /^Prêt personnel ou auto · Banque Populaire/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    // In a heading, so a screen reader can go from debt to debt.
    expect(toggle.parentElement?.tagName).toBe('H3');
    // Owed: capital, no arrears; key fact: the instalment with insurance.
    expect(toggle.textContent).toContain(formatMoney(600_000));
    expect(toggle.textContent).toContain(`${formatMoney(21_500)} par mois`);
    expect(within(card).queryByRole('group', { name: 'Pièces justificatives' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const body = document.getElementById(toggle.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(within(body).getByRole('group', { name: 'Pièces justificatives' })).toBeTruthy();
  });

  it('creates the creditor from the debt form, with no creditor yet, and links the debt to it', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    openDebts(householdId, state);
    const list = await screen.findByRole('region', { name: 'Dettes' });
    const form = await openNewLine(list, 'Ajouter une dette');
    // No creditor on the dossier: the form starts on "Nouveau créancier" with its fields.
    expect((within(form).getByLabelText('Créancier') as HTMLSelectElement).value).toBe('new');
    const creditor = within(form).getByRole('group', { name: 'Nouveau créancier' });
    fireEvent.change(within(form).getByLabelText('Type de dette'), { target: { value: 'energy_arrears' } });
    fireEvent.input(within(form).getByLabelText('Impayés'), { target: { value: '612,40' } });
    // A creditor without a name: refused next to the field, nothing stored.
    fireEvent.click(within(list).getByRole('button', { name: 'Ajouter une dette' }));
    const name = within(creditor).getByLabelText('Nom du créancier');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect((await repository.getDossier(householdId))?.creditors).toHaveLength(0);
    fireEvent.input(name, { target: { value: 'Énergie Plus' } });
    fireEvent.change(within(creditor).getByLabelText('Catégorie'), { target: { value: 'utility' } });
    fireEvent.input(within(creditor).getByLabelText('Adresse du créancier', { exact: false }), {
      target: { value: 'Service recouvrement\nBP 40\n59000 Lille' },
    });
    fireEvent.click(within(list).getByRole('button', { name: 'Ajouter une dette' }));
    await waitFor(async () => expect((await repository.getDossier(householdId))?.debts).toHaveLength(1));
    const dossier = await repository.getDossier(householdId);
    const created = dossier?.creditors[0];
    expect(dossier?.creditors).toHaveLength(1);
    expect(created).toMatchObject({
      name: 'Énergie Plus',
      category: 'utility',
      address: 'Service recouvrement\nBP 40\n59000 Lille',
    });
    expect(dossier?.debts[0]).toMatchObject({
      creditorId: created?.id,
      product: 'energy_arrears',
      arrearsCents: 61_240,
    });
    // Both rows went to the outbox in one transaction, the creditor first.
    expect(await repository.pendingChangeCount()).toBeGreaterThanOrEqual(3);
    // The new creditor is listed under Créanciers and the debt reads its name.
    const creditors = screen.getByRole('region', { name: 'Créanciers' });
    expect(await within(creditors).findByRole('button', { name: /^Énergie Plus/ })).toBeTruthy();
    expect(
      await within(list).findByRole('button', { name: /^Factures d’énergie impayées · Énergie Plus/ }),
    ).toBeTruthy();
  });

  it('writes neither row when the device refuses the creditor-and-debt save', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    vi.spyOn(repository, 'addDebtWithCreditor').mockRejectedValue(
      new DOMException('full', 'QuotaExceededError'),
    );
    openDebts(householdId, state);
    const list = await screen.findByRole('region', { name: 'Dettes' });
    const form = await openNewLine(list, 'Ajouter une dette');
    fireEvent.input(within(form).getByLabelText('Nom du créancier'), { target: { value: 'Cofidis' } });
    fireEvent.click(within(list).getByRole('button', { name: 'Ajouter une dette' }));
    expect(await within(list).findByText(`Rien n’a été enregistré : ${QUOTA_MESSAGE}`)).toBeTruthy();
    const dossier = await repository.getDossier(householdId);
    expect(dossier?.creditors).toHaveLength(0);
    expect(dossier?.debts).toHaveLength(0);
  });

  it('moves focus into the debt form on "Modifier …" (past the document boxes) and back to the debt after saving', async () => {
    const { state, repository, householdId, creditorId } = await seedWithCreditor();
    const debt = await repository.addRow('debt', householdId, { ...baseDebt, creditorId });
    document.title = '';
    openDebts(householdId, state);
    const card = await screen.findByTestId(`debt-card-${debt.id}`);
    await waitFor(() => expect(document.title).toMatch(/· Dettes ·/));
    const toggle = await expandLine(card, 'Prêt personnel ou auto');
    fireEvent.click(within(card).getByRole('button', { name: /^Modifier la dette/ }));
    const editor = await within(card).findByRole('group', { name: 'Modifier la dette' });
    await waitFor(() => expect(document.activeElement).toBe(within(editor).getByLabelText('Créancier')));
    fireEvent.click(within(card).getByRole('button', { name: 'Enregistrer la dette' }));
    await within(card).findByText('Enregistré sur cet appareil.');
    await waitFor(() => expect(document.activeElement).toBe(toggle));
  });
});
