/**
 * A usual household for the long-pages check: a couple with two children, 12 budget lines
 * (4 resources, 8 charges), 3 creditors and 3 debts of different kinds (a car loan with every
 * field typed, a revolving credit with arrears, rent arrears with an eviction procedure).
 */
import type { DossierRepository } from '../../src/db/repository';
import type { FieldsOf } from '../../src/domain/dossier/rows';

export async function seedUsualHousehold(repository: DossierRepository): Promise<string> {
  const { household, members } = await repository.createHousehold(
    { territory: 'metropole', departement: '59', housingStatus: 'tenant', status: 'active' },
    [
      { role: 'applicant', firstName: 'Claire', lastName: 'Martin', birthDate: '1985-04-12' },
      { role: 'co_applicant', firstName: 'Karim', lastName: 'Martin', birthDate: '1983-09-30' },
      { role: 'child', firstName: 'Léa', lastName: 'Martin', birthDate: '2014-06-01' },
      { role: 'child', firstName: 'Noah', lastName: 'Martin', birthDate: '2018-02-15' },
    ],
  );
  const id = household.id;
  const [claire, karim] = members;
  const resources: FieldsOf<'resource'>[] = [
    { type: 'salary', ownerMemberId: claire?.id, amountCents: 165_050, frequency: 'monthly', regular: true },
    { type: 'salary', ownerMemberId: karim?.id, amountCents: 1_440_000, frequency: 'annual', regular: true },
    { type: 'family_benefits', amountCents: 14_852, frequency: 'monthly', regular: true },
    { type: 'housing_benefit', amountCents: 75_000, frequency: 'quarterly', regular: true },
  ] as FieldsOf<'resource'>[];
  for (const resource of resources) await repository.addRow('resource', id, resource);
  const charges: FieldsOf<'charge'>[] = [
    { type: 'rent', amountCents: 72_000, frequency: 'monthly', mode: 'real' },
    { type: 'energy', amountCents: 9_540, frequency: 'monthly', mode: 'real' },
    { type: 'water', amountCents: 3_500, frequency: 'monthly', mode: 'real' },
    { type: 'home_insurance', amountCents: 1_850, frequency: 'monthly', mode: 'real' },
    { type: 'mutuelle', amountCents: 6_200, frequency: 'monthly', mode: 'real' },
    { type: 'telecom', amountCents: 4_599, frequency: 'monthly', mode: 'real' },
    { type: 'school', amountCents: 8_000, frequency: 'monthly', mode: 'real' },
    { type: 'food_living', amountCents: 90_000, frequency: 'monthly', mode: 'forfait' },
  ];
  for (const charge of charges) await repository.addRow('charge', id, charge);
  const bank = await repository.addRow('creditor', id, {
    name: 'Banque du Nord',
    category: 'credit_institution',
    address: 'Service recouvrement\nTSA 40012\n59000 Lille',
    reference: 'CLI-778899',
  });
  const credit = await repository.addRow('creditor', id, {
    name: 'Crédit Facile',
    category: 'credit_institution',
  });
  const landlord = await repository.addRow('creditor', id, { name: 'Office HLM', category: 'landlord' });
  await repository.addRow('debt', id, {
    creditorId: bank.id,
    product: 'amortising_loan',
    label: 'Prêt auto',
    reference: 'PA-2023-0042',
    capitalRemainingCents: 800_000,
    arrearsCents: 42_000,
    amountDueNowCents: 42_000,
    accruedInterestCents: 3_520,
    nominalRateBps: 450,
    instalmentMonthlyCents: 21_000,
    insuranceMonthlyCents: 1_230,
    remainingTermMonths: 40,
    isJoint: true,
    guarantor: 'none',
    enforcementInProgress: false,
    isProfessional: false,
    firstUnpaidOn: '2026-06-05',
  });
  await repository.addRow('debt', id, {
    creditorId: credit.id,
    product: 'revolving_credit',
    capitalRemainingCents: 350_000,
    arrearsCents: 24_000,
    amountDueNowCents: 0,
    nominalRateBps: 1_990,
    instalmentMonthlyCents: 12_000,
    insuranceMonthlyCents: 0,
    isJoint: false,
    enforcementInProgress: false,
  });
  await repository.addRow('debt', id, {
    creditorId: landlord.id,
    product: 'rent_arrears',
    capitalRemainingCents: 0,
    arrearsCents: 144_000,
    amountDueNowCents: 144_000,
    nominalRateBps: 0,
    instalmentMonthlyCents: 0,
    insuranceMonthlyCents: 0,
    isJoint: false,
    enforcementInProgress: true,
    firstUnpaidOn: '2026-03-01',
  });
  return id;
}
