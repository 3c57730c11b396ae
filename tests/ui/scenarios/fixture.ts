/** Dossiers with debts that the Scenarios, Follow-up and state tests share, written through the real repository. */
import type { DossierRepository } from '../../../src/db/repository';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import { type DebtFields, debtFields as debt } from '../../support/debt-fields';

type Person = { firstName: string; lastName: string; birthDate: string };

/** One adult renting in Lyon (650 € a month) on a monthly salary: the household of both seeds. */
async function seedLyonTenant(repository: DossierRepository, person: Person, salaryCents: number) {
  const { household } = await repository.createHousehold(
    {
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      status: 'active',
      openedOn: '2026-11-01',
    },
    [{ role: 'applicant', ...person }],
  );
  await repository.addRow('resource', household.id, {
    type: 'salary',
    amountCents: salaryCents,
    frequency: 'monthly',
    regular: true,
  });
  await repository.addRow('charge', household.id, {
    type: 'rent',
    amountCents: 65_000,
    frequency: 'monthly',
    mode: 'real',
  });
  return household.id;
}

/** A household of one adult with a salary, rent and 6 debts with 6 creditors. */
export async function seedDossierWithDebts(repository: DossierRepository, salaryCents = 240_000) {
  const id = await seedLyonTenant(
    repository,
    { firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-01' },
    salaryCents,
  );
  const creditors: [string, FieldsOf<'creditor'>['category']][] = [
    ['Bailleur Habitat', 'landlord'],
    ['Banque Lyonnaise', 'credit_institution'],
    ['Crédit Facile', 'credit_institution'],
    ['EDF', 'utility'],
    ['Trésor public', 'tax'],
    ['Tante Marie', 'private_individual'],
  ];
  const debts: DebtFields[] = [
    debt({ product: 'rent_arrears', arrearsCents: 180_000, amountDueNowCents: 180_000 }),
    debt({
      product: 'amortising_loan',
      capitalRemainingCents: 820_000,
      arrearsCents: 45_000,
      amountDueNowCents: 45_000,
      nominalRateBps: 590,
      instalmentMonthlyCents: 23_000,
      insuranceMonthlyCents: 1_200,
      remainingTermMonths: 40,
    }),
    debt({
      product: 'revolving_credit',
      capitalRemainingCents: 350_000,
      arrearsCents: 20_000,
      amountDueNowCents: 20_000,
      nominalRateBps: 1_890,
      instalmentMonthlyCents: 14_000,
      remainingTermMonths: 36,
    }),
    debt({ product: 'energy_arrears', arrearsCents: 62_000, amountDueNowCents: 62_000 }),
    debt({ product: 'tax_debt', arrearsCents: 91_000, amountDueNowCents: 91_000 }),
    debt({
      product: 'family_loan',
      capitalRemainingCents: 150_000,
      instalmentMonthlyCents: 5_000,
      remainingTermMonths: 30,
    }),
  ];
  for (const [index, [name, category]] of creditors.entries()) {
    const creditor = await repository.addRow('creditor', id, { name, category });
    const fields = debts[index];
    if (fields) await repository.addRow('debt', id, { ...fields, creditorId: creditor.id });
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
  const id = await seedLyonTenant(
    repository,
    { firstName: 'Léa', lastName: 'Petit', birthDate: '1985-04-12' },
    salaryCents,
  );
  const bank = await repository.addRow('creditor', id, {
    name: 'Banque Lyonnaise',
    category: 'credit_institution',
  });
  await repository.addRow('debt', id, {
    creditorId: bank.id,
    ...debt({
      product: 'amortising_loan',
      capitalRemainingCents: 120_000,
      instalmentMonthlyCents: 10_000,
      remainingTermMonths: 12,
    }),
  });
  const landlord = await repository.addRow('creditor', id, {
    name: 'Bailleur Habitat',
    category: 'landlord',
  });
  await repository.addRow('debt', id, {
    creditorId: landlord.id,
    ...debt({ product: 'rent_arrears', arrearsCents: 50_000, amountDueNowCents: 50_000 }),
  });
  return id;
}
