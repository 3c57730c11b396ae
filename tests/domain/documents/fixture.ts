/**
 * A dossier for the documents tests, as the repository returns it (rows with sync metadata):
 * Awa Diallo (optionally with Marc Diallo as co-filer), a salary and housing benefit, rent and
 * energy, three creditors (a revolving credit, rent arrears, a tax debt) and a saved scenario.
 */
import { diagnose } from '../../../src/domain/budget/diagnose';
import type { IsoDate } from '../../../src/domain/dates';
import { type Dossier, toHouseholdDocument } from '../../../src/domain/dossier/dossier';
import type { LegalProtection, ScenarioRow } from '../../../src/domain/dossier/rows';
import { HouseholdSchema } from '../../../src/domain/household/household';

export const TODAY = '2026-11-27' as IsoDate;
export const HOUSEHOLD_ID = 'hh-1';

export function meta(id: string) {
  return {
    id,
    householdId: HOUSEHOLD_ID,
    version: 0,
    fieldVersions: {},
    deleted: false,
    updatedHlc: '1764230400000-0000-device1',
    updatedAt: 1_764_230_400_000,
    origin: { deviceId: 'device1', userId: 'user1' },
  };
}

export interface FixtureOptions {
  readonly couple?: boolean;
  readonly withScenario?: boolean;
}

export function scenarioRow(overrides: Partial<ScenarioRow> = {}, totalPaidCents?: number): ScenarioRow {
  return {
    ...meta('sc-1'),
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
        monthsUsedByEarlierPlans: 0,
        rateBps: 0,
        moratoriumMonths: 0,
        policy: { name: 'pro-rata' },
      },
      startDate: '2026-12-01',
      capacity: { monthlyCents: 30_000 },
      incomeMayRecover: false,
      debtIds: ['debt-credit', 'debt-rent', 'debt-tax'],
    },
    summary: totalPaidCents === undefined ? {} : { totalPaidCents },
    ...overrides,
  } as ScenarioRow;
}

export function makeDossier(options: FixtureOptions = {}): Dossier {
  const members = [
    {
      ...meta('m-awa'),
      role: 'applicant' as const,
      firstName: 'Awa',
      lastName: 'Diallo',
      birthDate: '1985-04-12',
    },
    ...(options.couple
      ? [
          {
            ...meta('m-marc'),
            role: 'co_applicant' as const,
            firstName: 'Marc',
            lastName: 'Lefèvre',
            birthDate: '1983-09-30',
          },
        ]
      : []),
    {
      ...meta('m-child'),
      role: 'child' as const,
      firstName: 'Inès',
      birthDate: '2015-06-01',
      custody: 'full' as const,
    },
  ];
  return {
    household: {
      ...meta(HOUSEHOLD_ID),
      schemaVersion: 1,
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      evictionProcedure: false,
      status: 'active',
      openedOn: '2026-10-01',
      reference: 'RL-2026-0042',
      phone: '06 12 34 56 78',
      address: { line1: '12 rue de la Paix', postcode: '69003', city: 'Lyon' },
    },
    members,
    resources: [
      {
        ...meta('r-salary'),
        type: 'salary',
        ownerMemberId: 'm-awa',
        amountCents: 145_000,
        frequency: 'monthly',
        regular: true,
      },
      ...(options.couple
        ? [
            {
              ...meta('r-marc'),
              type: 'unemployment_benefit' as const,
              ownerMemberId: 'm-marc',
              amountCents: 98_000,
              frequency: 'monthly' as const,
              regular: true,
            },
          ]
        : []),
      { ...meta('r-apl'), type: 'housing_benefit', amountCents: 21_000, frequency: 'monthly', regular: true },
    ],
    charges: [
      { ...meta('c-rent'), type: 'rent', amountCents: 65_000, frequency: 'monthly', mode: 'real' },
      { ...meta('c-energy'), type: 'energy', amountCents: 9_000, frequency: 'monthly', mode: 'real' },
      { ...meta('c-food'), type: 'food_living', amountCents: 40_000, frequency: 'monthly', mode: 'forfait' },
    ],
    assets: [{ ...meta('a-livret'), kind: 'savings', product: 'livret_a', balanceCents: 12_000 }],
    creditors: [
      { ...meta('cr-cofidis'), name: 'Cofidis', category: 'credit_institution' },
      { ...meta('cr-landlord'), name: 'Habitat Rhône', category: 'landlord' },
      { ...meta('cr-tax'), name: 'SIP Lyon 3e', category: 'tax' },
    ],
    debts: [
      {
        ...meta('debt-credit'),
        creditorId: 'cr-cofidis',
        product: 'revolving_credit',
        capitalRemainingCents: 420_000,
        arrearsCents: 60_000,
        amountDueNowCents: 60_000,
        nominalRateBps: 1_890,
        instalmentMonthlyCents: 18_000,
        insuranceMonthlyCents: 0,
        isJoint: false,
        enforcementInProgress: false,
        documentsProvided: ['contract'],
      },
      {
        ...meta('debt-rent'),
        creditorId: 'cr-landlord',
        product: 'rent_arrears',
        capitalRemainingCents: 0,
        arrearsCents: 130_000,
        amountDueNowCents: 130_000,
        nominalRateBps: 0,
        instalmentMonthlyCents: 0,
        insuranceMonthlyCents: 0,
        isJoint: false,
        enforcementInProgress: true,
        documentsProvided: ['lease', 'arrears_statement'],
      },
      {
        ...meta('debt-tax'),
        creditorId: 'cr-tax',
        product: 'tax_debt',
        capitalRemainingCents: 85_000,
        arrearsCents: 0,
        amountDueNowCents: 85_000,
        nominalRateBps: 0,
        instalmentMonthlyCents: 0,
        insuranceMonthlyCents: 0,
        isJoint: false,
        enforcementInProgress: false,
      },
    ],
    notes: [],
    actions: [],
    scenarios: options.withScenario === false ? [] : [scenarioRow()],
    appointments: [],
    consents: [],
    plans: [],
    planPayments: [],
    microcredits: [],
  } as Dossier;
}

export function diagnosisOf(dossier: Dossier) {
  return diagnose({ on: TODAY, household: HouseholdSchema.parse(toHouseholdDocument(dossier)) });
}

/**
 * The dossier with what the Debts and Documents screens store on the rows: the Cofidis address
 * and file reference, the revolving credit's contract reference and first unpaid date.
 */
export function withStoredDetails(
  dossier: Dossier,
  details: { firstUnpaidOn?: string; creditorAddress?: string; debtReference?: string } = {},
): Dossier {
  return {
    ...dossier,
    creditors: dossier.creditors.map((c) =>
      c.id === 'cr-cofidis'
        ? {
            ...c,
            address: details.creditorAddress ?? 'Service recouvrement\nTSA 12345\n59000 Lille',
            reference: 'CLI-42',
          }
        : c,
    ),
    debts: dossier.debts.map((d) =>
      d.id === 'debt-credit'
        ? {
            ...d,
            reference: details.debtReference ?? 'RC-778899',
            ...(details.firstUnpaidOn ? { firstUnpaidOn: details.firstUnpaidOn } : {}),
          }
        : d,
    ),
  };
}

/** The dossier with a legal protection measure stored on one member row. */
export function protect(dossier: Dossier, memberId: string, measure: LegalProtection): Dossier {
  return {
    ...dossier,
    members: dossier.members.map((m) => (m.id === memberId ? { ...m, legalProtection: measure } : m)),
  };
}
