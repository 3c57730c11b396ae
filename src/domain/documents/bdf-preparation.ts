/**
 * Size: over 450 lines, deliberately not split in issue 12, which changed behaviour here;
 * issue 13 splits it along its seam, with behaviour unchanged:
 * its text goes to templates and its checklist to a module of its own.
 *
 * The Banque de France dossier preparation: the dossier's data laid out in the order of the
 * declaration form (Cerfa 13594*02, domain-rules §1.2: identity of the filer and co-filer,
 * family, housing, professional situation, resources, charges, assets, debts by category with
 * creditor address and reference, cause of the over-indebtedness), for one filer or a couple;
 * the supporting documents with what is still missing; and the cases the online filing does
 * not accept (a co-filer, a person under guardianship: domain-rules §1.2 "Online filing").
 *
 * Everything comes from the stored dossier: the creditor's address and reference (creditor row),
 * the debt's reference (debt row), each filer's legal protection (member row), the cause and the
 * household-level document ticks (household row). What it does not hold (place of birth,
 * profession…) is printed "à compléter" so the counsellor and the client fill it on the form.
 */

import { EXCLUDED_FROM_PLAN } from '../budget/debt-summary';
import { toMonthlyCents } from '../budget/monthly-amount';
import type { IsoDate } from '../dates';
import { documentChecklist } from '../dossier/debt-documents';
import type { Dossier } from '../dossier/dossier';
import { type HouseholdDocument, HouseholdDocumentSchema } from '../dossier/dossier-meta';
import type { LegalProtection, MemberRow } from '../dossier/rows';
import type { DebtProduct } from '../household/debt';
import type { Cents } from '../money';
import { plural } from '../plural';
import { type Block, type DocumentDescription, type DocumentLocale, fileNameOf } from './document-model';
import {
  addressLines,
  applicantOf,
  coApplicantOf,
  debtLabel,
  debtsWithCreditors,
  householdDisplayName,
  live,
  memberName,
} from './dossier-facts';
import { longDate, money, shortDate } from './format';
import { fill, WORDING } from './wording';

/** The debt categories of the form, in page order (Cerfa 13594*02 p.6 to p.11). */
export const CERFA_DEBT_CATEGORIES = [
  'housing',
  'current_charges',
  'miscellaneous',
  'alimony_fines_fraud',
  'overdrafts',
  'leases',
  'mortgages',
  'consumer_credits',
  'other_loans',
  'guarantees',
] as const;
export type CerfaDebtCategory = (typeof CERFA_DEBT_CATEGORIES)[number];

const CATEGORY_OF: Readonly<Record<DebtProduct, CerfaDebtCategory>> = {
  rent_arrears: 'housing',
  current_charge_arrears: 'current_charges',
  energy_arrears: 'current_charges',
  tax_debt: 'current_charges',
  other: 'miscellaneous',
  alimony_arrears: 'alimony_fines_fraud',
  criminal_fine: 'alimony_fines_fraud',
  victim_damages: 'alimony_fines_fraud',
  social_fraud_debt: 'alimony_fines_fraud',
  tax_fraud_debt: 'alimony_fines_fraud',
  overdraft: 'overdrafts',
  lease: 'leases',
  mortgage: 'mortgages',
  amortising_loan: 'consumer_credits',
  revolving_credit: 'consumer_credits',
  micro_credit: 'consumer_credits',
  family_loan: 'other_loans',
  guarantee_called: 'guarantees',
};

/**
 * The form's category of a debt.
 * @example cerfaDebtCategory('revolving_credit') // 'consumer_credits'
 */
export function cerfaDebtCategory(product: DebtProduct): CerfaDebtCategory {
  return CATEGORY_OF[product];
}

/** The household-level supporting documents (debt documents come from debt-documents.ts). */
export const GENERAL_DOCUMENTS: readonly HouseholdDocument[] = HouseholdDocumentSchema.options;
export type GeneralDocument = HouseholdDocument;

export type OnlineFilingWarning = 'couple' | 'guardianship' | 'non_filing_spouse' | 'professional_debts';

/** The filers: the applicant and the co-applicant (the people who sign the declaration). */
export function filersOf(dossier: Dossier): MemberRow[] {
  return live(dossier.members).filter((m) => m.role === 'applicant' || m.role === 'co_applicant');
}

/** A measure that makes the person file with a guardian (anything but none or not given). */
export function isProtected(protection: LegalProtection | undefined): boolean {
  return protection !== undefined && protection !== 'none';
}

/** A filer is under a legal protection measure (stored on the member row). */
export function underGuardianship(dossier: Dossier): boolean {
  return filersOf(dossier).some((m) => isProtected(m.legalProtection));
}

const SALARY_TYPES = new Set(['salary', 'daily_allowances']);

/**
 * The general documents this household needs (always: bank statements, tax notice, cause
 * letter, the filer's ID; the others when the dossier shows the need).
 */
export function neededGeneralDocuments(dossier: Dossier): GeneralDocument[] {
  const members = live(dossier.members);
  const resources = live(dossier.resources);
  const needs = new Set<GeneralDocument>(['id_filer', 'bank_statements', 'tax_notice', 'cause_letter']);
  if (coApplicantOf(dossier)) needs.add('id_cofiler');
  if (members.some((m) => m.role !== 'applicant')) needs.add('family_book');
  if (resources.some((r) => SALARY_TYPES.has(r.type))) needs.add('payslips');
  if (resources.some((r) => !SALARY_TYPES.has(r.type))) needs.add('benefit_notices');
  if (dossier.household.housingStatus === 'tenant') needs.add('rent_receipt');
  if (live(dossier.assets).some((a) => a.kind === 'real_estate')) needs.add('property_deed');
  if (underGuardianship(dossier)) needs.add('guardianship_judgment');
  return GENERAL_DOCUMENTS.filter((d) => needs.has(d));
}

export interface ChecklistEntry {
  /** 'general' or the debt's id. */
  readonly scope: string;
  readonly document: string;
  readonly provided: boolean;
}

/**
 * The whole checklist: general documents (ticks stored on the household row), then each debt's
 * documents (ticks stored on the debt row); both `documentsProvided`.
 */
export function bdfChecklist(dossier: Dossier): ChecklistEntry[] {
  const provided = new Set(dossier.household.documentsProvided ?? []);
  const general = neededGeneralDocuments(dossier).map((document) => ({
    scope: 'general',
    document,
    provided: provided.has(document),
  }));
  const perDebt = live(dossier.debts).flatMap((debt) =>
    documentChecklist(debt.product, debt.documentsProvided ?? []).map((item) => ({
      scope: debt.id,
      document: item.kind,
      provided: item.provided,
    })),
  );
  return [...general, ...perDebt];
}

/**
 * Why the online filing (Banque de France personal space) would not accept the case, and the
 * other points to settle before filing.
 * @example onlineFilingWarnings(coupleDossier) // ['couple']
 */
export function onlineFilingWarnings(dossier: Dossier): OnlineFilingWarning[] {
  const out: OnlineFilingWarning[] = [];
  if (coApplicantOf(dossier)) out.push('couple');
  if (underGuardianship(dossier)) out.push('guardianship');
  if (live(dossier.members).some((m) => m.role === 'non_filing_spouse')) out.push('non_filing_spouse');
  if (live(dossier.debts).some((d) => d.isProfessional)) out.push('professional_debts');
  return out;
}

/** Online filing is possible: no co-filer and nobody under guardianship. */
export function onlineFilingPossible(warnings: readonly OnlineFilingWarning[]): boolean {
  return !warnings.includes('couple') && !warnings.includes('guardianship');
}

const TEXT = {
  fr: {
    title: 'Préparation du dossier de surendettement',
    subtitle: '{name} · formulaire Cerfa 13594*02',
    intro:
      'Ce document reprend les informations du dossier dans l’ordre du formulaire de déclaration de surendettement. Les mentions « à compléter » sont à remplir sur le formulaire.',
    filingTitle: 'Dépôt du dossier',
    online:
      'Le dépôt en ligne (espace personnel Banque de France, avec FranceConnect) est possible pour ce dossier.',
    paper:
      'Dépôt sur papier : au guichet de la Banque de France, ou par courrier à BANQUE DE FRANCE Surendettement TSA 41217 75035 PARIS CEDEX 01.',
    warning: {
      couple: 'Dépôt en ligne impossible : le dossier a un co-déposant. Il faut déposer sur papier.',
      guardianship:
        'Dépôt en ligne impossible : une personne est sous tutelle ou curatelle. Il faut déposer sur papier, avec le tuteur ou le curateur.',
      non_filing_spouse:
        'Le conjoint ne dépose pas : joindre ses ressources ou la répartition des charges du couple (la commission calcule la part du déposant).',
      professional_debts:
        'Le dossier contient des dettes professionnelles : un entrepreneur individuel doit d’abord s’adresser au tribunal (article L711-3).',
    },
    identity: '1. Identité (page 1)',
    filer: 'Déposant',
    cofiler: 'Co-déposant',
    name: 'Nom et prénom',
    birthDate: 'Date de naissance',
    protection: 'Mesure de protection',
    protectionKind: {
      none: 'Aucune',
      curatelle: 'Curatelle',
      tutelle: 'Tutelle',
      sauvegarde_de_justice: 'Sauvegarde de justice',
    },
    birthPlace: 'Lieu de naissance',
    address: 'Adresse',
    contact: 'Coordonnées',
    phone: 'Téléphone',
    email: 'Courriel',
    socialWorker: 'Travailleur social qui suit le ménage',
    family: '2. Situation familiale et personnes au foyer (page 2)',
    familyLine: 'Situation familiale : {situation}',
    couple: 'En couple',
    single: 'Seul ou seule',
    colPerson: 'Personne',
    colRole: 'Lien',
    colBirth: 'Née le',
    colCustody: 'Garde',
    custody: {
      full: 'au foyer',
      shared: 'garde alternée',
      elsewhere_alimony_paid: 'vit ailleurs, pension versée',
    },
    housing: '3. Logement (page 2)',
    housingStatus: 'Situation',
    eviction: 'Procédure d’expulsion en cours',
    work: '4. Situation professionnelle (page 3)',
    workLine:
      '{todo} : profession, qualification, statut (CDI, CDD, intérim, retraite, demandeur d’emploi…) et date de début.',
    resources: '5. Ressources mensuelles (page 3)',
    household: 'Foyer',
    charges: '6. Charges mensuelles (page 4)',
    assets: '7. Patrimoine (page 5)',
    noAssets: 'Aucun patrimoine déclaré.',
    colAsset: 'Bien',
    colValue: 'Valeur estimée',
    colNote: 'Précisions',
    mainResidence: 'Résidence principale',
    realEstate: 'Bien immobilier',
    vehicle: 'Véhicule',
    otherAsset: 'Autre bien',
    share: 'part {share} %',
    indivision: 'en indivision',
    leased: 'en location (LOA, LLD)',
    debts: '8. Dettes par catégorie (pages 6 à 11)',
    category: {
      housing: 'Dettes de logement (page 6)',
      current_charges: 'Dettes de charges courantes : impôts, énergie, factures (page 6)',
      miscellaneous: 'Dettes diverses (page 7)',
      alimony_fines_fraud: 'Pensions alimentaires, amendes, condamnations, fraudes (page 7)',
      overdrafts: 'Découverts bancaires (page 8)',
      leases: 'Locations avec option d’achat, LOA, LLD (page 8)',
      mortgages: 'Crédits immobiliers (page 9)',
      consumer_credits: 'Crédits à la consommation (page 10)',
      other_loans: 'Autres prêts : famille, employeur, CAF (page 11)',
      guarantees: 'Cautions (page 11)',
    },
    colCreditor: 'Créancier',
    colAddress: 'Adresse du créancier',
    colReference: 'Référence',
    colArrears: 'Impayés',
    colRemaining: 'Restant dû',
    colInstalment: 'Mensualité',
    colEnforcement: 'Poursuites',
    totalDebts:
      'Total des dettes : {total}, dont {excluded} hors plan (pensions, amendes, fraudes : article L711-4).',
    cause: '9. Cause du surendettement (page 11)',
    causeMissing: 'À rédiger avec le déposant : ce qui s’est passé, avec les dates.',
    procedures: '10. Procédures en cours (article R721-3)',
    enforcement: 'Saisies ou poursuites en cours',
    documents: '11. Pièces justificatives',
    documentsMissing: { one: '{count} pièce manquante.', other: '{count} pièces manquantes.' },
    documentsComplete: 'Toutes les pièces sont réunies.',
    missing: 'manquante',
    general: {
      id_filer: 'Pièce d’identité du déposant',
      id_cofiler: 'Pièce d’identité du co-déposant',
      family_book: 'Livret de famille',
      payslips: 'Trois derniers bulletins de salaire',
      benefit_notices: 'Dernières attestations de prestations (CAF, France Travail, retraite)',
      bank_statements: 'Relevés de compte des trois derniers mois',
      tax_notice: 'Dernier avis d’imposition',
      rent_receipt: 'Bail et dernière quittance de loyer',
      property_deed: 'Titre de propriété et estimation du bien',
      guardianship_judgment: 'Jugement de tutelle ou de curatelle',
      cause_letter: 'Lettre signée expliquant les causes du surendettement',
    } satisfies Record<GeneralDocument, string>,
    debtDocuments: '{creditor} · {debt}',
    footer: '{name} · Préparation Banque de France · {date}',
  },
  en: {
    title: 'Over-indebtedness file preparation',
    subtitle: '{name} · form Cerfa 13594*02',
    intro:
      'This document sets out the case’s information in the order of the over-indebtedness declaration form. Items marked “to be completed” must be filled in on the form.',
    filingTitle: 'Filing',
    online: 'Online filing (Banque de France personal space, with FranceConnect) is possible for this case.',
    paper:
      'Paper filing: at a Banque de France counter, or by post to BANQUE DE FRANCE Surendettement TSA 41217 75035 PARIS CEDEX 01.',
    warning: {
      couple: 'Online filing is not possible: the case has a co-filer. File on paper.',
      guardianship:
        'Online filing is not possible: a person is under guardianship (tutelle or curatelle). File on paper, with the guardian.',
      non_filing_spouse:
        'The spouse is not filing: attach the spouse’s income or how the couple shares its costs (the commission computes the filer’s share).',
      professional_debts:
        'The case includes professional debts: a sole trader must first go to the court (article L711-3).',
    },
    identity: '1. Identity (page 1)',
    filer: 'Filer',
    cofiler: 'Co-filer',
    name: 'Name',
    birthDate: 'Date of birth',
    protection: 'Legal protection',
    protectionKind: {
      none: 'None',
      curatelle: 'Curatelle (partial guardianship)',
      tutelle: 'Tutelle (guardianship)',
      sauvegarde_de_justice: 'Sauvegarde de justice (temporary protection)',
    },
    birthPlace: 'Place of birth',
    address: 'Address',
    contact: 'Contact details',
    phone: 'Phone',
    email: 'E-mail',
    socialWorker: 'Social worker following the household',
    family: '2. Family and people at home (page 2)',
    familyLine: 'Family situation: {situation}',
    couple: 'Couple',
    single: 'Single',
    colPerson: 'Person',
    colRole: 'Relationship',
    colBirth: 'Born on',
    colCustody: 'Custody',
    custody: {
      full: 'at home',
      shared: 'shared custody',
      elsewhere_alimony_paid: 'lives elsewhere, maintenance paid',
    },
    housing: '3. Housing (page 2)',
    housingStatus: 'Situation',
    eviction: 'Eviction procedure under way',
    work: '4. Work (page 3)',
    workLine:
      '{todo}: occupation, qualification, status (permanent, fixed-term, temping, retired, job-seeker…) and start date.',
    resources: '5. Monthly income (page 3)',
    household: 'Household',
    charges: '6. Monthly costs (page 4)',
    assets: '7. Assets (page 5)',
    noAssets: 'No assets declared.',
    colAsset: 'Asset',
    colValue: 'Estimated value',
    colNote: 'Details',
    mainResidence: 'Main residence',
    realEstate: 'Property',
    vehicle: 'Vehicle',
    otherAsset: 'Other asset',
    share: '{share}% share',
    indivision: 'jointly owned (indivision)',
    leased: 'leased (LOA, LLD)',
    debts: '8. Debts by category (pages 6 to 11)',
    category: {
      housing: 'Housing debts (page 6)',
      current_charges: 'Current-charge debts: taxes, energy, bills (page 6)',
      miscellaneous: 'Miscellaneous debts (page 7)',
      alimony_fines_fraud: 'Maintenance, fines, convictions, fraud (page 7)',
      overdrafts: 'Bank overdrafts (page 8)',
      leases: 'Leases, LOA, LLD (page 8)',
      mortgages: 'Mortgages (page 9)',
      consumer_credits: 'Consumer credits (page 10)',
      other_loans: 'Other loans: family, employer, CAF (page 11)',
      guarantees: 'Guarantees (page 11)',
    },
    colCreditor: 'Creditor',
    colAddress: 'Creditor’s address',
    colReference: 'Reference',
    colArrears: 'Arrears',
    colRemaining: 'Still owed',
    colInstalment: 'Instalment',
    colEnforcement: 'Enforcement',
    totalDebts:
      'Total debts: {total}, of which {excluded} outside a plan (maintenance, fines, fraud: article L711-4).',
    cause: '9. Cause of the over-indebtedness (page 11)',
    causeMissing: 'To be written with the filer: what happened, with dates.',
    procedures: '10. Proceedings under way (article R721-3)',
    enforcement: 'Seizures or enforcement under way',
    documents: '11. Supporting documents',
    documentsMissing: { one: '{count} document missing.', other: '{count} documents missing.' },
    documentsComplete: 'All documents are in.',
    missing: 'missing',
    general: {
      id_filer: 'Filer’s identity document',
      id_cofiler: 'Co-filer’s identity document',
      family_book: 'Family record book (livret de famille)',
      payslips: 'Last three payslips',
      benefit_notices: 'Latest benefit statements (CAF, France Travail, pension)',
      bank_statements: 'Bank statements for the last three months',
      tax_notice: 'Latest tax notice',
      rent_receipt: 'Tenancy agreement and latest rent receipt',
      property_deed: 'Title deed and valuation of the property',
      guardianship_judgment: 'Guardianship judgment (tutelle or curatelle)',
      cause_letter: 'Signed letter explaining the causes of the over-indebtedness',
    },
    debtDocuments: '{creditor} · {debt}',
    footer: '{name} · Banque de France preparation · {date}',
  },
} as const;

export interface BdfPreparationInput {
  readonly dossier: Dossier;
  readonly locale: DocumentLocale;
  readonly today: IsoDate;
}

/**
 * The Banque de France preparation document.
 * @example buildBdfPreparation({ dossier, locale: 'fr', today }).kind // 'bdf_preparation'
 */
export function buildBdfPreparation(input: BdfPreparationInput): DocumentDescription {
  const { dossier, locale, today } = input;
  const x = TEXT[locale];
  const w = WORDING[locale];
  const todo = w.common.toComplete;
  const m = (cents: Cents) => money(cents, locale);
  const yesNo = (value: boolean | undefined) =>
    value === undefined ? todo : value ? w.common.yes : w.common.no;
  const name = householdDisplayName(dossier, locale);
  const applicant = applicantOf(dossier);
  const co = coApplicantOf(dossier);
  const members = live(dossier.members);
  const isCouple = members.some((mem) => mem.role === 'co_applicant' || mem.role === 'non_filing_spouse');
  const h = dossier.household;

  const warnings = onlineFilingWarnings(dossier);
  const filing: Block[] = [
    ...warnings.map((warning): Block => ({ kind: 'paragraph', tone: 'warning', text: x.warning[warning] })),
    { kind: 'paragraph', text: onlineFilingPossible(warnings) ? x.online : x.paper },
  ];

  const personRows = (person: typeof applicant) => [
    [x.name, person ? memberName(person) || todo : todo],
    [x.birthDate, person ? shortDate(person.birthDate) : todo],
    [x.birthPlace, todo],
    [x.protection, person?.legalProtection ? x.protectionKind[person.legalProtection] : todo],
  ];
  const address = addressLines(dossier);
  const contactRows = [
    [x.address, address.length > 0 ? address.join(', ') : todo],
    [x.phone, h.phone ?? todo],
    [x.email, h.email ?? todo],
    [x.socialWorker, todo],
  ];
  const twoCols = [
    { label: '', align: 'left' as const, weight: 1.2 },
    { label: '', align: 'left' as const, weight: 2 },
  ];

  const others = members.filter((mem) => mem.role !== 'applicant' && mem.role !== 'co_applicant');
  const family: Block[] = [
    { kind: 'paragraph', text: fill(x.familyLine, { situation: isCouple ? x.couple : x.single }) },
    ...(others.length > 0
      ? [
          {
            kind: 'table' as const,
            columns: [
              { label: x.colPerson, align: 'left' as const, weight: 1.5 },
              { label: x.colRole, align: 'left' as const, weight: 1.3 },
              { label: x.colBirth, align: 'left' as const },
              { label: x.colCustody, align: 'left' as const, weight: 1.5 },
            ],
            rows: others.map((mem) => [
              memberName(mem) || '—',
              w.role[mem.role],
              shortDate(mem.birthDate),
              mem.custody ? x.custody[mem.custody] : x.custody.full,
            ]),
          },
        ]
      : []),
  ];

  // Resources: one column per filer, and the household's (benefits, other members).
  const resourceColumns = co ? [x.filer, x.cofiler, x.household] : [x.filer, x.household];
  const columnOf = (owner: string | undefined) => {
    if (owner !== undefined && owner === applicant?.id) return 0;
    if (co && owner !== undefined && owner === co.id) return 1;
    return resourceColumns.length - 1;
  };
  const resourceTotals = new Map<string, number[]>();
  const columnTotals = resourceColumns.map(() => 0);
  for (const r of live(dossier.resources)) {
    if ((r.endDate && r.endDate < today) || (r.startDate && r.startDate > today)) continue;
    const monthly = toMonthlyCents(r.amountCents, r.frequency);
    const row = resourceTotals.get(r.type) ?? resourceColumns.map(() => 0);
    const col = columnOf(r.ownerMemberId);
    row[col] = (row[col] ?? 0) + monthly;
    columnTotals[col] = (columnTotals[col] ?? 0) + monthly;
    resourceTotals.set(r.type, row);
  }
  const resourceRows = [...resourceTotals].map(([type, amounts]) => [
    w.resource[type as keyof typeof w.resource],
    ...amounts.map((a) => (a > 0 ? m(a) : '')),
  ]);

  const chargeTotals = new Map<string, number>();
  for (const c of live(dossier.charges)) {
    chargeTotals.set(c.type, (chargeTotals.get(c.type) ?? 0) + toMonthlyCents(c.amountCents, c.frequency));
  }
  const chargeRows = [...chargeTotals].map(([type, cents]) => [
    w.charge[type as keyof typeof w.charge],
    m(cents),
  ]);
  const chargeTotal = [...chargeTotals.values()].reduce((a, b) => a + b, 0);

  const assetRows = live(dossier.assets).map((a) => {
    switch (a.kind) {
      case 'real_estate':
        return [
          a.label || (a.isMainResidence ? x.mainResidence : x.realEstate),
          m(a.valueCents),
          [fill(x.share, { share: a.shareBps / 100 }), ...(a.isIndivision ? [x.indivision] : [])].join(', '),
        ];
      case 'savings':
        return [w.savings[a.product], m(a.balanceCents), ''];
      case 'vehicle':
        return [a.label || x.vehicle, m(a.valueCents), a.isLeased ? x.leased : ''];
      default:
        return [a.label || x.otherAsset, m(a.valueCents), ''];
    }
  });

  const entries = debtsWithCreditors(dossier);
  const debtBlocks: Block[] = CERFA_DEBT_CATEGORIES.flatMap((category): Block[] => {
    const inCategory = entries.filter((e) => cerfaDebtCategory(e.debt.product) === category);
    if (inCategory.length === 0) return [];
    return [
      { kind: 'heading', text: x.category[category] },
      {
        kind: 'table',
        columns: [
          { label: x.colCreditor, align: 'left', weight: 1.5 },
          { label: x.colAddress, align: 'left', weight: 1.8 },
          { label: x.colReference, align: 'left', weight: 1.2 },
          { label: x.colArrears, align: 'right' },
          { label: x.colRemaining, align: 'right' },
          { label: x.colInstalment, align: 'right' },
          { label: x.colEnforcement, align: 'left', weight: 0.8 },
        ],
        rows: inCategory.map((e) => [
          `${e.creditor?.name ?? todo} (${debtLabel(e.debt, locale)})`,
          e.creditor?.address?.trim().replace(/\s*\n\s*/g, ', ') || todo,
          e.debt.reference?.trim() || e.creditor?.reference?.trim() || todo,
          m(e.debt.arrearsCents),
          m(e.outstandingCents),
          m(e.debt.instalmentMonthlyCents + e.debt.insuranceMonthlyCents),
          yesNo(e.debt.enforcementInProgress),
        ]),
      },
    ];
  });
  const total = entries.reduce((s, e) => s + e.outstandingCents, 0);
  const excluded = entries
    .filter((e) => EXCLUDED_FROM_PLAN.has(e.debt.product))
    .reduce((s, e) => s + e.outstandingCents, 0);

  const checklist = bdfChecklist(dossier);
  const missingCount = checklist.filter((c) => !c.provided).length;
  const general = checklist.filter((c) => c.scope === 'general');
  const documentBlocks: Block[] = [
    {
      kind: 'paragraph',
      tone: missingCount > 0 ? 'warning' : 'normal',
      text: missingCount > 0 ? plural(x.documentsMissing, locale, missingCount) : x.documentsComplete,
    },
    {
      kind: 'checklist',
      items: general.map((c) => ({
        text: x.general[c.document as GeneralDocument],
        done: c.provided,
        ...(c.provided ? {} : { note: x.missing }),
      })),
    },
    ...entries.flatMap((e): Block[] => {
      const items = checklist.filter((c) => c.scope === e.debt.id);
      if (items.length === 0) return [];
      return [
        {
          kind: 'heading',
          text: fill(x.debtDocuments, {
            creditor: e.creditor?.name ?? todo,
            debt: debtLabel(e.debt, locale),
          }),
        },
        {
          kind: 'checklist',
          items: items.map((c) => ({
            text: w.debtDocument[c.document as keyof typeof w.debtDocument],
            done: c.provided,
            ...(c.provided ? {} : { note: x.missing }),
          })),
        },
      ];
    }),
  ];

  return {
    kind: 'bdf_preparation',
    locale,
    audience: 'counsellor',
    title: x.title,
    subtitle: fill(x.subtitle, { name }),
    footer: fill(x.footer, { name, date: longDate(today, locale) }),
    fileName: fileNameOf(['banque-de-france', name, today]),
    sections: [
      { blocks: [{ kind: 'paragraph', text: x.intro }] },
      { title: x.filingTitle, blocks: filing },
      {
        title: x.identity,
        blocks: [
          { kind: 'table', caption: x.filer, columns: twoCols, rows: personRows(applicant) },
          ...(co
            ? [{ kind: 'table' as const, caption: x.cofiler, columns: twoCols, rows: personRows(co) }]
            : []),
          { kind: 'table', caption: x.contact, columns: twoCols, rows: contactRows },
        ],
      },
      { title: x.family, blocks: family },
      {
        title: x.housing,
        blocks: [
          {
            kind: 'table',
            columns: twoCols,
            rows: [
              [x.housingStatus, w.housing[h.housingStatus]],
              [x.eviction, yesNo(h.evictionProcedure)],
            ],
          },
        ],
      },
      { title: x.work, blocks: [{ kind: 'paragraph', text: fill(x.workLine, { todo }) }] },
      {
        title: x.resources,
        blocks: [
          {
            kind: 'table',
            columns: [
              { label: '', align: 'left', weight: 2 },
              ...resourceColumns.map((label) => ({ label, align: 'right' as const })),
            ],
            rows: resourceRows,
            footer: [w.common.total, ...columnTotals.map((c) => m(c))],
          },
        ],
      },
      {
        title: x.charges,
        blocks: [
          {
            kind: 'table',
            columns: [
              { label: '', align: 'left', weight: 2 },
              { label: w.common.perMonth, align: 'right' },
            ],
            rows: chargeRows,
            footer: [w.common.total, m(chargeTotal)],
          },
        ],
      },
      {
        title: x.assets,
        blocks:
          assetRows.length === 0
            ? [{ kind: 'paragraph', text: x.noAssets }]
            : [
                {
                  kind: 'table',
                  columns: [
                    { label: x.colAsset, align: 'left', weight: 1.5 },
                    { label: x.colValue, align: 'right' },
                    { label: x.colNote, align: 'left', weight: 1.5 },
                  ],
                  rows: assetRows,
                },
              ],
      },
      {
        title: x.debts,
        blocks: [
          ...debtBlocks,
          {
            kind: 'paragraph',
            tone: 'strong',
            text: fill(x.totalDebts, { total: m(total), excluded: m(excluded) }),
          },
        ],
      },
      {
        title: x.cause,
        blocks: [{ kind: 'paragraph', text: h.indebtednessCause?.trim() || x.causeMissing }],
      },
      {
        title: x.procedures,
        blocks: [
          {
            kind: 'table',
            columns: twoCols,
            rows: [
              [x.enforcement, yesNo(entries.some((e) => e.debt.enforcementInProgress))],
              [x.eviction, yesNo(h.evictionProcedure)],
              [x.socialWorker, todo],
            ],
          },
        ],
      },
      { title: x.documents, blocks: documentBlocks },
    ],
  };
}
