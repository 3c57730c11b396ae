import type { DossierRepository } from '../../../src/db/repository';
import type { FieldsOf } from '../../../src/domain/dossier/rows';

/** A household of one adult with a salary, rent and 6 debts with 6 creditors. */
export async function seedDossierWithDebts(repository: DossierRepository, salaryCents = 240_000) {
  const { household } = await repository.createHousehold(
    {
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      status: 'active',
      openedOn: '2026-11-01',
    },
    [{ role: 'applicant', firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-01' }],
  );
  const id = household.id;
  await repository.addRow('resource', id, {
    type: 'salary',
    amountCents: salaryCents,
    frequency: 'monthly',
    regular: true,
  });
  await repository.addRow('charge', id, {
    type: 'rent',
    amountCents: 65_000,
    frequency: 'monthly',
    mode: 'real',
  });
  const creditors: [string, FieldsOf<'creditor'>['category']][] = [
    ['Bailleur Habitat', 'landlord'],
    ['Banque Lyonnaise', 'credit_institution'],
    ['Crédit Facile', 'credit_institution'],
    ['EDF', 'utility'],
    ['Trésor public', 'tax'],
    ['Tante Marie', 'private_individual'],
  ];
  const debts: Omit<FieldsOf<'debt'>, 'creditorId'>[] = [
    {
      product: 'rent_arrears',
      capitalRemainingCents: 0,
      arrearsCents: 180_000,
      amountDueNowCents: 180_000,
      nominalRateBps: 0,
      instalmentMonthlyCents: 0,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: false,
    },
    {
      product: 'amortising_loan',
      capitalRemainingCents: 820_000,
      arrearsCents: 45_000,
      amountDueNowCents: 45_000,
      nominalRateBps: 590,
      instalmentMonthlyCents: 23_000,
      insuranceMonthlyCents: 1_200,
      remainingTermMonths: 40,
      isJoint: false,
      enforcementInProgress: false,
    },
    {
      product: 'revolving_credit',
      capitalRemainingCents: 350_000,
      arrearsCents: 20_000,
      amountDueNowCents: 20_000,
      nominalRateBps: 1_890,
      instalmentMonthlyCents: 14_000,
      insuranceMonthlyCents: 0,
      remainingTermMonths: 36,
      isJoint: false,
      enforcementInProgress: false,
    },
    {
      product: 'energy_arrears',
      capitalRemainingCents: 0,
      arrearsCents: 62_000,
      amountDueNowCents: 62_000,
      nominalRateBps: 0,
      instalmentMonthlyCents: 0,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: false,
    },
    {
      product: 'tax_debt',
      capitalRemainingCents: 0,
      arrearsCents: 91_000,
      amountDueNowCents: 91_000,
      nominalRateBps: 0,
      instalmentMonthlyCents: 0,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: false,
    },
    {
      product: 'family_loan',
      capitalRemainingCents: 150_000,
      arrearsCents: 0,
      amountDueNowCents: 0,
      nominalRateBps: 0,
      instalmentMonthlyCents: 5_000,
      insuranceMonthlyCents: 0,
      remainingTermMonths: 30,
      isJoint: false,
      enforcementInProgress: false,
    },
  ];
  for (const [index, [name, category]] of creditors.entries()) {
    const creditor = await repository.addRow('creditor', id, { name, category });
    const debt = debts[index];
    if (debt) await repository.addRow('debt', id, { ...debt, creditorId: creditor.id });
  }
  return id;
}

/**
 * One adult in Lyon paying 650 € rent, with two debts figured by hand: a 1 200 € loan at 0 %
 * repaid 100 € a month over 12 months (Banque Lyonnaise), and 500 € of rent arrears with no
 * instalment (Bailleur Habitat). With 600 € of salary the diagnosis capacity is 0: the rent
 * alone (650 €, part of the commission's living costs) exceeds the resources.
 */
export async function seedSmallDossier(repository: DossierRepository, salaryCents = 60_000) {
  const { household } = await repository.createHousehold(
    {
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      status: 'active',
      openedOn: '2026-11-01',
    },
    [{ role: 'applicant', firstName: 'Léa', lastName: 'Petit', birthDate: '1985-04-12' }],
  );
  const id = household.id;
  await repository.addRow('resource', id, {
    type: 'salary',
    amountCents: salaryCents,
    frequency: 'monthly',
    regular: true,
  });
  await repository.addRow('charge', id, {
    type: 'rent',
    amountCents: 65_000,
    frequency: 'monthly',
    mode: 'real',
  });
  const bank = await repository.addRow('creditor', id, {
    name: 'Banque Lyonnaise',
    category: 'credit_institution',
  });
  await repository.addRow('debt', id, {
    creditorId: bank.id,
    product: 'amortising_loan',
    capitalRemainingCents: 120_000,
    arrearsCents: 0,
    amountDueNowCents: 0,
    nominalRateBps: 0,
    instalmentMonthlyCents: 10_000,
    insuranceMonthlyCents: 0,
    remainingTermMonths: 12,
    isJoint: false,
    enforcementInProgress: false,
  });
  const landlord = await repository.addRow('creditor', id, {
    name: 'Bailleur Habitat',
    category: 'landlord',
  });
  await repository.addRow('debt', id, {
    creditorId: landlord.id,
    product: 'rent_arrears',
    capitalRemainingCents: 0,
    arrearsCents: 50_000,
    amountDueNowCents: 50_000,
    nominalRateBps: 0,
    instalmentMonthlyCents: 0,
    insuranceMonthlyCents: 0,
    isJoint: false,
    enforcementInProgress: false,
  });
  return id;
}
