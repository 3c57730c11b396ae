/**
 * Households for the layout tests (issue 12, points 17 and 18): a usual household (6 debts and
 * 12 budget lines, long creditor names), 20 debts with long creditor names and addresses, and
 * an empty budget. Built from the documents fixture (makeDossier) so every row is valid.
 */
import type { Dossier } from '../../src/domain/dossier/dossier';
import type { ChargeType } from '../../src/domain/household/charge';
import type { CreditorCategory } from '../../src/domain/household/creditor';
import type { DebtProduct } from '../../src/domain/household/debt';
import type { ResourceType } from '../../src/domain/household/resource';
import { makeDossier } from '../domain/documents/fixture';

/** Long creditor names as counsellors type them (hyphens, initials, département names). */
export const LONG_CREDITORS: readonly { name: string; category: CreditorCategory; address: string }[] = [
  {
    name: 'Caisse d’Allocations Familiales du Pas-de-Calais',
    category: 'social_body',
    address: 'Service des indus\n11 rue Alfred-de-Musset\n62000 Arras',
  },
  {
    name: 'Société Générale de Financement et de Recouvrement Amiable',
    category: 'credit_institution',
    address: 'Direction du contentieux\nImmeuble Le Méridien-Sud\n92800 Puteaux',
  },
  {
    name: 'Office Public de l’Habitat Seine-Saint-Denis Habitat',
    category: 'landlord',
    address: 'Agence de Saint-Ouen-sur-Seine\n5 boulevard Victor-Hugo\n93400 Saint-Ouen-sur-Seine',
  },
  {
    name: 'Électricité de France Service Clients Solidarité',
    category: 'utility',
    address: 'TSA 21941\n62978 Arras Cedex 9',
  },
  {
    name: 'Direction Générale des Finances Publiques Service des Impôts des Particuliers',
    category: 'tax',
    address: 'Centre des finances publiques\n3 place du Maréchal-Leclerc\n69002 Lyon',
  },
  {
    name: 'Banque Populaire Auvergne-Rhône-Alpes Recouvrement',
    category: 'credit_institution',
    address: 'Pôle recouvrement amiable\n4 boulevard Eugène-Deruelle\n69003 Lyon',
  },
];

/** Creditor names of a usual household, as counsellors type them. */
export const USUAL_CREDITORS: readonly { name: string; category: CreditorCategory; address: string }[] = [
  { name: 'CAF du Pas-de-Calais', category: 'social_body', address: '11 rue Alfred-de-Musset\n62000 Arras' },
  { name: 'Cofidis', category: 'credit_institution', address: 'TSA 12345\n59000 Lille' },
  {
    name: 'Seine-Saint-Denis Habitat',
    category: 'landlord',
    address: '5 boulevard Victor-Hugo\n93400 Saint-Ouen-sur-Seine',
  },
  { name: 'EDF Service Clients', category: 'utility', address: 'TSA 21941\n62978 Arras Cedex 9' },
  { name: 'SIP Lyon 3e', category: 'tax', address: '3 place du Maréchal-Leclerc\n69002 Lyon' },
  {
    name: 'Banque Populaire Auvergne-Rhône-Alpes',
    category: 'credit_institution',
    address: '4 boulevard Eugène-Deruelle\n69003 Lyon',
  },
];

const PRODUCTS: readonly DebtProduct[] = [
  'current_charge_arrears',
  'amortising_loan',
  'rent_arrears',
  'energy_arrears',
  'tax_debt',
  'revolving_credit',
];

function meta(id: string, base: Dossier) {
  const { id: _id, ...rest } = base.household;
  return {
    id,
    householdId: base.household.id,
    version: rest.version,
    fieldVersions: {},
    deleted: false,
    updatedHlc: rest.updatedHlc,
    updatedAt: rest.updatedAt,
    origin: rest.origin,
  };
}

/**
 * A dossier with `count` debts, each with its own creditor (long names and addresses, cycling
 * through LONG_CREDITORS, numbered beyond six), owing 9 200,00 € and more.
 */
export function withDebts(base: Dossier, count: number, names = LONG_CREDITORS): Dossier {
  const creditors = Array.from({ length: count }, (_, i) => {
    const model = names[i % names.length];
    if (!model) throw new Error('no creditor model');
    const suffix = i < names.length ? '' : ` ${Math.floor(i / names.length) + 1}`;
    return {
      ...meta(`cr-${i}`, base),
      name: `${model.name}${suffix}`,
      category: model.category,
      address: model.address,
      reference: `REF-${1000 + i}`,
    };
  });
  const debts = creditors.map((c, i) => {
    const product = PRODUCTS[i % PRODUCTS.length] ?? 'other';
    const instalment = product.endsWith('arrears') || product === 'tax_debt' ? 0 : 12_345 + i * 100;
    return {
      ...meta(`debt-${i}`, base),
      creditorId: c.id,
      product,
      capitalRemainingCents: 920_000 + i * 111_111,
      arrearsCents: i % 2 === 0 ? 45_678 : 0,
      amountDueNowCents: 45_678,
      nominalRateBps: instalment > 0 ? 590 : 0,
      instalmentMonthlyCents: instalment,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: i % 3 === 0,
    };
  });
  return { ...base, creditors, debts, scenarios: [] } as Dossier;
}

const RESOURCES: readonly [ResourceType, number][] = [
  ['salary', 145_000],
  ['unemployment_benefit', 98_000],
  ['housing_benefit', 21_000],
  ['family_benefits', 14_218],
  ['activity_bonus', 12_050],
];

const CHARGES: readonly [ChargeType, number][] = [
  ['rent', 65_000],
  ['energy', 9_000],
  ['home_insurance', 2_100],
  ['mutuelle', 6_500],
  ['telecom', 4_999],
  ['water', 3_000],
  ['work_transport', 7_500],
];

/**
 * The usual household of the budget sheet: a couple with 5 resources and 7 fixed charges
 * (12 budget lines) and 6 debts (names with hyphens, up to 37 characters).
 */
export function usualHousehold(): Dossier {
  const base = withDebts(makeDossier({ couple: true }), 6, USUAL_CREDITORS);
  return {
    ...base,
    resources: RESOURCES.map(([type, amountCents], i) => ({
      ...meta(`r-${i}`, base),
      type,
      ...(type === 'salary' ? { ownerMemberId: 'm-awa' } : {}),
      ...(type === 'unemployment_benefit' ? { ownerMemberId: 'm-marc' } : {}),
      amountCents,
      frequency: 'monthly',
      regular: true,
    })),
    charges: CHARGES.map(([type, amountCents], i) => ({
      ...meta(`c-${i}`, base),
      type,
      amountCents,
      frequency: 'monthly',
      mode: 'real',
    })),
  } as Dossier;
}

const MORE_CHARGES: readonly [ChargeType, number][] = [
  ...CHARGES,
  ['childcare', 18_000],
  ['school', 4_500],
  ['other_insurance', 3_200],
  ['transport', 5_600],
];

/**
 * A usual household at its heaviest for the budget sheet: 12 budget lines all but one on the
 * "what goes out" side (1 resource, 11 charges: the in/out table has 11 rows), and its 6 debts.
 */
export function lopsidedHousehold(): Dossier {
  const base = usualHousehold();
  return {
    ...base,
    resources: base.resources.slice(0, 1),
    charges: MORE_CHARGES.map(([type, amountCents], i) => ({
      ...meta(`c-${i}`, base),
      type,
      amountCents,
      frequency: 'monthly',
      mode: 'real',
    })),
  } as Dossier;
}

/** A household with nothing typed in its budget: no resources, no charges, no debts. */
export function emptyBudget(): Dossier {
  const base = makeDossier({ withScenario: false });
  return { ...base, resources: [], charges: [], debts: [], creditors: [], assets: [] };
}
