/**
 * What the Banque de France filing needs before it goes: the supporting documents this
 * household must join (general ones from the dossier's situation, then each debt's), with the
 * ticks stored on the rows, and the cases the online filing does not accept (a co-filer, a
 * person under guardianship: domain-rules §1.2 "Online filing") or that need a word first.
 * The preparation document (bdf-preparation.ts) prints both; the Documents screen shows them.
 */
import { documentChecklist } from '../dossier/debt-documents';
import type { Dossier } from '../dossier/dossier';
import { type HouseholdDocument, HouseholdDocumentSchema } from '../dossier/dossier-meta';
import type { LegalProtection, MemberRow } from '../dossier/rows';
import { coApplicantOf, live } from './dossier-facts';

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
