import type { DossierRepository } from '../../../src/db/repository';
import { debtFields } from '../../support/debt-fields';

/**
 * Awa Diallo (and Marc Lefèvre as co-filer when `couple`), a salary, housing benefit, rent and
 * energy, a revolving credit with Cofidis, rent arrears and a tax debt, and a saved scenario
 * (Banque de France, 300 € a month from December 2026) marked as chosen. With `debtReference`,
 * the revolving credit carries that reference on its row (as typed in the Debts tab).
 */
export async function seedDocumentsDossier(
  repository: DossierRepository,
  options: { couple?: boolean; extraDebts?: number; debtReference?: string } = {},
) {
  const { household, members } = await repository.createHousehold(
    {
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      status: 'active',
      openedOn: '2026-10-01',
      reference: 'RL-2026-0042',
      address: { line1: '12 rue de la Paix', postcode: '69003', city: 'Lyon' },
    },
    [
      { role: 'applicant', firstName: 'Awa', lastName: 'Diallo', birthDate: '1985-04-12' },
      ...(options.couple
        ? [{ role: 'co_applicant' as const, firstName: 'Marc', lastName: 'Lefèvre', birthDate: '1983-09-30' }]
        : []),
    ],
  );
  const id = household.id;
  const applicant = members[0]?.id;
  await repository.addRow('resource', id, {
    type: 'salary',
    ...(applicant ? { ownerMemberId: applicant } : {}),
    amountCents: 145_000,
    frequency: 'monthly',
    regular: true,
  });
  await repository.addRow('resource', id, {
    type: 'housing_benefit',
    amountCents: 21_000,
    frequency: 'monthly',
    regular: true,
  });
  await repository.addRow('charge', id, {
    type: 'rent',
    amountCents: 65_000,
    frequency: 'monthly',
    mode: 'real',
  });
  await repository.addRow('charge', id, {
    type: 'energy',
    amountCents: 9_000,
    frequency: 'monthly',
    mode: 'real',
  });
  const cofidis = await repository.addRow('creditor', id, {
    name: 'Cofidis',
    category: 'credit_institution',
  });
  const landlord = await repository.addRow('creditor', id, { name: 'Habitat Rhône', category: 'landlord' });
  const tax = await repository.addRow('creditor', id, { name: 'SIP Lyon 3e', category: 'tax' });
  const credit = await repository.addRow('debt', id, {
    creditorId: cofidis.id,
    ...debtFields({
      product: 'revolving_credit',
      capitalRemainingCents: 420_000,
      arrearsCents: 60_000,
      nominalRateBps: 1_890,
      instalmentMonthlyCents: 18_000,
      ...(options.debtReference ? { reference: options.debtReference } : {}),
    }),
  });
  const rent = await repository.addRow('debt', id, {
    creditorId: landlord.id,
    ...debtFields({
      product: 'rent_arrears',
      capitalRemainingCents: 0,
      arrearsCents: 130_000,
    }),
  });
  const taxDebt = await repository.addRow('debt', id, {
    creditorId: tax.id,
    ...debtFields({
      product: 'tax_debt',
      capitalRemainingCents: 85_000,
      arrearsCents: 0,
    }),
  });
  // More consumer credits, each with its own creditor (the 20-debt benchmark case).
  for (let i = 1; i <= (options.extraDebts ?? 0); i += 1) {
    const creditor = await repository.addRow('creditor', id, {
      name: `Banque n° ${i}`,
      category: 'credit_institution',
    });
    await repository.addRow('debt', id, {
      creditorId: creditor.id,
      ...debtFields({
        product: i % 2 === 0 ? 'amortising_loan' : 'revolving_credit',
        capitalRemainingCents: 100_000 + i * 10_000,
        arrearsCents: 5_000 * i,
        nominalRateBps: 500 + i * 50,
        instalmentMonthlyCents: 4_000 + i * 100,
      }),
    });
  }
  await repository.addRow('scenario', id, {
    name: 'Plan Banque de France',
    savedAt: 1_764_230_400_000,
    savedBy: 'device',
    isChosen: true,
    engineVersion: 'rescheduling-1',
    parameters: {
      choice: 'banque-de-france',
      spec: {
        kind: 'banque-de-france',
        decisionDate: '2026-12-01',
        rateBps: 0,
        policy: { name: 'pro-rata' },
      },
      startDate: '2026-12-01',
      capacity: { monthlyCents: 30_000 },
      debtIds: [credit.id, rent.id, taxDebt.id],
    },
    summary: { totalPaidCents: 695_000 },
  });
  return { id, creditId: credit.id, rentId: rent.id, taxId: taxDebt.id };
}
