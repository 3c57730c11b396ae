/**
 * The words every document shares, in French (the reference) and English: the names of the
 * dossier's kinds (resources, charges, debts, housing, roles, savings, debt documents) and the
 * common words. The documents are built in the pure domain (so they can be tested and produced
 * anywhere), so their wording lives in this folder and not in the screen catalogues (src/i18n):
 * the screen's language and the document's language may differ (an English-speaking counsellor
 * printing a French letter). docs/decisions/0021-document-wording-home.md.
 * Plain words: the client documents are read by fragile readers.
 */
import type { DebtDocument } from '../../dossier/debt-documents';
import type { SavingsProduct } from '../../household/asset';
import type { ChargeType } from '../../household/charge';
import type { DebtProduct } from '../../household/debt';
import type { MemberRole } from '../../household/member';
import type { ResourceType } from '../../household/resource';
import type { HousingStatus } from '../../household/territory';
import type { DocumentLocale } from '../document-model';

/** French savings products keep their own names in every language (there is no English PEL). */
const FRENCH_SAVINGS_PRODUCTS = {
  livret_a: 'Livret A',
  ldd: 'LDD',
  lep: 'LEP',
  pel: 'PEL',
  cel: 'CEL',
  pea: 'PEA',
  pee: 'PEE',
  perp_perco: 'PERP, PERCO',
} as const satisfies Partial<Record<SavingsProduct, string>>;

const fr = {
  resource: {
    salary: 'Salaire',
    pension: 'Retraite',
    alimony_received: 'Pension alimentaire reçue',
    other_pension: 'Autre pension',
    unemployment_benefit: 'Allocations chômage',
    housing_benefit: 'Aide au logement (APL)',
    family_benefits: 'Allocations familiales',
    ass: 'Allocation de solidarité (ASS)',
    rsa: 'RSA',
    activity_bonus: 'Prime d’activité',
    other_benefits: 'Autres allocations',
    life_annuity: 'Rente viagère',
    other_annuity: 'Autre rente',
    daily_allowances: 'Indemnités journalières',
    rental_income: 'Revenus fonciers',
    capital_income: 'Revenus de placements',
    other: 'Autres ressources',
  } satisfies Record<ResourceType, string>,
  charge: {
    rent: 'Loyer',
    co_ownership: 'Charges de copropriété',
    care_home: 'Maison de retraite',
    income_tax: 'Impôt sur le revenu',
    housing_tax: 'Taxe d’habitation',
    property_tax: 'Taxe foncière',
    alimony_paid: 'Pension alimentaire versée',
    home_insurance: 'Assurance habitation',
    other_insurance: 'Autres assurances',
    mutuelle: 'Mutuelle',
    energy: 'Électricité et gaz',
    heating: 'Chauffage',
    water: 'Eau',
    telecom: 'Téléphone et internet',
    childcare: 'Garde d’enfants',
    school: 'Frais de scolarité',
    work_transport: 'Transport pour le travail',
    transport: 'Transport',
    food_living: 'Nourriture et vie courante',
    housing_costs: 'Frais de logement',
    other: 'Autres charges',
  } satisfies Record<ChargeType, string>,
  product: {
    mortgage: 'Crédit immobilier',
    amortising_loan: 'Prêt personnel',
    revolving_credit: 'Crédit renouvelable',
    overdraft: 'Découvert bancaire',
    lease: 'Location avec option d’achat (LOA, LLD)',
    rent_arrears: 'Loyers impayés',
    current_charge_arrears: 'Factures impayées',
    energy_arrears: 'Énergie impayée',
    tax_debt: 'Impôts',
    tax_fraud_debt: 'Dette fiscale (fraude)',
    alimony_arrears: 'Pension alimentaire due',
    criminal_fine: 'Amende pénale',
    victim_damages: 'Réparation due à une victime',
    social_fraud_debt: 'Trop-perçu (fraude)',
    guarantee_called: 'Caution appelée',
    family_loan: 'Prêt familial',
    micro_credit: 'Microcrédit',
    other: 'Autre dette',
  } satisfies Record<DebtProduct, string>,
  housing: {
    tenant: 'Locataire',
    owner: 'Propriétaire',
    owner_with_mortgage: 'Propriétaire avec un crédit en cours',
    hosted_free: 'Hébergé gratuitement',
    homeless: 'Sans domicile',
    care_home: 'En établissement',
    other: 'Autre',
  } satisfies Record<HousingStatus, string>,
  role: {
    applicant: 'Déposant',
    co_applicant: 'Co-déposant',
    non_filing_spouse: 'Conjoint (ne dépose pas)',
    child: 'Enfant',
    other_dependent: 'Autre personne à charge',
  } satisfies Record<MemberRole, string>,
  savings: {
    current_account: 'Compte courant',
    ...FRENCH_SAVINGS_PRODUCTS,
    life_insurance: 'Assurance vie',
    sci_shares: 'Parts de SCI',
    other: 'Autre épargne',
  } satisfies Record<SavingsProduct, string>,
  debtDocument: {
    contract: 'Contrat',
    amortisation_table: 'Tableau d’amortissement',
    last_statement: 'Dernier relevé',
    lease: 'Bail',
    arrears_statement: 'Décompte des impayés',
    last_bill: 'Dernière facture',
    tax_notice: 'Avis d’imposition ou de mise en recouvrement',
    court_decision: 'Décision de justice',
    overpayment_notice: 'Notification de trop-perçu',
    guarantee_call: 'Courrier d’appel de la caution',
    acknowledgement_of_debt: 'Reconnaissance de dette',
    proof_of_debt: 'Justificatif de la dette',
  } satisfies Record<DebtDocument, string>,
  common: {
    yes: 'oui',
    no: 'non',
    toComplete: 'à compléter',
    page: 'Page {n} sur {total}',
    madeOn: 'Document préparé le {date}',
    perMonth: 'par mois',
    total: 'Total',
    month: 'Mois',
    unnamed: 'Ménage sans nom',
    and: 'et',
  },
} as const;

type Wording = {
  [K in keyof typeof fr]: { [L in keyof (typeof fr)[K]]: string };
};

const en: Wording = {
  resource: {
    salary: 'Salary',
    pension: 'Retirement pension',
    alimony_received: 'Maintenance received',
    other_pension: 'Other pension',
    unemployment_benefit: 'Unemployment benefit',
    housing_benefit: 'Housing benefit (APL)',
    family_benefits: 'Family benefits',
    ass: 'Solidarity allowance (ASS)',
    rsa: 'RSA (minimum income)',
    activity_bonus: 'Activity bonus',
    other_benefits: 'Other benefits',
    life_annuity: 'Life annuity',
    other_annuity: 'Other annuity',
    daily_allowances: 'Sick-pay allowances',
    rental_income: 'Rental income',
    capital_income: 'Savings income',
    other: 'Other resources',
  },
  charge: {
    rent: 'Rent',
    co_ownership: 'Service charges',
    care_home: 'Care home',
    income_tax: 'Income tax',
    housing_tax: 'Housing tax',
    property_tax: 'Property tax',
    alimony_paid: 'Maintenance paid',
    home_insurance: 'Home insurance',
    other_insurance: 'Other insurance',
    mutuelle: 'Health insurance (mutuelle)',
    energy: 'Electricity and gas',
    heating: 'Heating',
    water: 'Water',
    telecom: 'Phone and internet',
    childcare: 'Childcare',
    school: 'School costs',
    work_transport: 'Travel to work',
    transport: 'Transport',
    food_living: 'Food and daily life',
    housing_costs: 'Housing costs',
    other: 'Other charges',
  },
  product: {
    mortgage: 'Mortgage',
    amortising_loan: 'Personal loan',
    revolving_credit: 'Revolving credit',
    overdraft: 'Bank overdraft',
    lease: 'Car lease (LOA, LLD)',
    rent_arrears: 'Unpaid rent',
    current_charge_arrears: 'Unpaid bills',
    energy_arrears: 'Unpaid energy',
    tax_debt: 'Taxes',
    tax_fraud_debt: 'Tax debt (fraud)',
    alimony_arrears: 'Maintenance owed',
    criminal_fine: 'Criminal fine',
    victim_damages: 'Damages owed to a victim',
    social_fraud_debt: 'Benefit overpayment (fraud)',
    guarantee_called: 'Guarantee called in',
    family_loan: 'Loan from family',
    micro_credit: 'Micro-credit',
    other: 'Other debt',
  },
  housing: {
    tenant: 'Tenant',
    owner: 'Owner',
    owner_with_mortgage: 'Owner with a mortgage',
    hosted_free: 'Housed free of charge',
    homeless: 'Homeless',
    care_home: 'In a care home',
    other: 'Other',
  },
  role: {
    applicant: 'Filer',
    co_applicant: 'Co-filer',
    non_filing_spouse: 'Spouse (not filing)',
    child: 'Child',
    other_dependent: 'Other dependant',
  },
  savings: {
    current_account: 'Current account',
    ...FRENCH_SAVINGS_PRODUCTS,
    life_insurance: 'Life insurance',
    sci_shares: 'SCI shares',
    other: 'Other savings',
  },
  debtDocument: {
    contract: 'Contract',
    amortisation_table: 'Repayment table',
    last_statement: 'Last statement',
    lease: 'Tenancy agreement',
    arrears_statement: 'Statement of arrears',
    last_bill: 'Last bill',
    tax_notice: 'Tax notice',
    court_decision: 'Court decision',
    overpayment_notice: 'Overpayment notice',
    guarantee_call: 'Letter calling the guarantee',
    acknowledgement_of_debt: 'Acknowledgement of debt',
    proof_of_debt: 'Proof of the debt',
  },
  common: {
    yes: 'yes',
    no: 'no',
    toComplete: 'to be completed',
    page: 'Page {n} of {total}',
    madeOn: 'Document prepared on {date}',
    perMonth: 'a month',
    total: 'Total',
    month: 'Month',
    unnamed: 'Unnamed household',
    and: 'and',
  },
};

export const WORDING: Record<DocumentLocale, Wording> = { fr, en };

/** Replaces `{name}` in a wording with params. */
export function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
