/**
 * Households of the worked examples of domain-rules.md 2.5 (2026 barème, RSA of April 2025).
 * The habitation and heating amounts are the spec's illustrative figures, entered as real lines.
 */
import type { Household } from '../../../src/domain/household/household';

export const ON = '2026-02-01';

/** Example A: single person, salary 1 800 €, rent 550 €, forfait de base 573 €. */
export function exampleA(): Household {
  return {
    id: 'hh-a',
    schemaVersion: 1,
    territory: 'metropole',
    departement: '75',
    housingStatus: 'tenant',
    members: [{ id: 'm1', role: 'applicant', birthDate: '1980-05-10' }],
    resources: [
      {
        id: 'r1',
        type: 'salary',
        ownerMemberId: 'm1',
        amountCents: 180_000,
        frequency: 'monthly',
        regular: true,
      },
    ],
    charges: [
      { id: 'c1', type: 'rent', amountCents: 55_000, frequency: 'monthly', mode: 'real' },
      { id: 'c2', type: 'food_living', amountCents: 0, frequency: 'monthly', mode: 'forfait' },
      { id: 'c3', type: 'housing_costs', amountCents: 12_000, frequency: 'monthly', mode: 'real' },
      { id: 'c4', type: 'heating', amountCents: 9_000, frequency: 'monthly', mode: 'real' },
      { id: 'c5', type: 'mutuelle', amountCents: 4_000, frequency: 'monthly', mode: 'real' },
      {
        id: 'c6',
        type: 'work_transport',
        amountCents: 6_000,
        frequency: 'monthly',
        mode: 'capped_real',
        capMonthlyCents: 10_000,
      },
    ],
    assets: [],
    creditors: [
      { id: 'k1', name: 'Banque A', category: 'credit_institution' },
      { id: 'k2', name: 'Crédit B', category: 'credit_institution' },
      { id: 'k3', name: 'Télécom C', category: 'utility' },
      { id: 'k4', name: 'Bailleur D', category: 'landlord' },
    ],
    debts: [
      debt('d1', 'k1', 'amortising_loan', 600_000, 0, 20_000),
      debt('d2', 'k2', 'revolving_credit', 450_000, 0, 15_000),
      debt('d3', 'k3', 'current_charge_arrears', 0, 50_000, 0),
      debt('d4', 'k4', 'rent_arrears', 0, 120_000, 0),
    ],
  };
}

/** Example B: couple (spouse earns 900 €) with children aged 8 and 15; debts 39 200 €. */
export function exampleB(): Household {
  return {
    id: 'hh-b',
    schemaVersion: 1,
    territory: 'metropole',
    departement: '54',
    housingStatus: 'tenant',
    members: [
      { id: 'm1', role: 'applicant', birthDate: '1985-03-02' },
      { id: 'm2', role: 'co_applicant', birthDate: '1986-07-14' },
      { id: 'm3', role: 'child', birthDate: '2017-06-01', custody: 'full' },
      { id: 'm4', role: 'child', birthDate: '2010-09-01', custody: 'full' },
    ],
    resources: [
      {
        id: 'r1',
        type: 'salary',
        ownerMemberId: 'm1',
        amountCents: 200_000,
        frequency: 'monthly',
        regular: true,
      },
      {
        id: 'r2',
        type: 'salary',
        ownerMemberId: 'm2',
        amountCents: 90_000,
        frequency: 'monthly',
        regular: true,
      },
    ],
    charges: [
      { id: 'c1', type: 'rent', amountCents: 85_000, frequency: 'monthly', mode: 'real' },
      { id: 'c2', type: 'food_living', amountCents: 0, frequency: 'monthly', mode: 'forfait' },
      { id: 'c3', type: 'housing_costs', amountCents: 16_000, frequency: 'monthly', mode: 'real' },
      { id: 'c4', type: 'heating', amountCents: 12_000, frequency: 'monthly', mode: 'real' },
      { id: 'c5', type: 'mutuelle', amountCents: 9_000, frequency: 'monthly', mode: 'real' },
      { id: 'c6', type: 'school', amountCents: 6_000, frequency: 'monthly', mode: 'real' },
      {
        id: 'c7',
        type: 'work_transport',
        amountCents: 8_000,
        frequency: 'monthly',
        mode: 'capped_real',
        capMonthlyCents: 15_000,
      },
    ],
    assets: [],
    creditors: [
      { id: 'k1', name: 'Banque 1', category: 'credit_institution' },
      { id: 'k2', name: 'Banque 2', category: 'credit_institution' },
    ],
    debts: [
      debt('d1', 'k1', 'amortising_loan', 2_000_000, 0, 60_000),
      debt('d2', 'k2', 'amortising_loan', 1_500_000, 0, 40_000),
      debt('d3', 'k2', 'revolving_credit', 420_000, 0, 15_000),
    ],
  };
}

/** Example C: single person living on the RSA only. */
export function exampleC(): Household {
  return {
    ...exampleA(),
    id: 'hh-c',
    resources: [
      {
        id: 'r1',
        type: 'rsa',
        ownerMemberId: 'm1',
        amountCents: 64_652,
        frequency: 'monthly',
        regular: true,
      },
    ],
  };
}

function debt(
  id: string,
  creditorId: string,
  product: Household['debts'][number]['product'],
  capitalRemainingCents: number,
  arrearsCents: number,
  instalmentMonthlyCents: number,
): Household['debts'][number] {
  return {
    id,
    creditorId,
    product,
    capitalRemainingCents,
    arrearsCents,
    amountDueNowCents: arrearsCents,
    nominalRateBps: 0,
    instalmentMonthlyCents,
    insuranceMonthlyCents: 0,
    isJoint: false,
    enforcementInProgress: false,
  };
}
