/**
 * What every document reads from a dossier: the live rows (tombstones left out), the
 * household's name (the applicant's first and last names, as typed at intake), its address,
 * the filers, and each debt with its creditor.
 */
import { outstandingCents } from '../budget/debt-summary';
import type { Dossier } from '../dossier/dossier';
import type { CreditorRow, DebtRow, MemberRow } from '../dossier/rows';
import type { DocumentLocale } from './document-model';
import { WORDING } from './templates/wording';

export function live<T extends { deleted: boolean }>(rows: readonly T[]): T[] {
  return rows.filter((r) => !r.deleted);
}

export function memberName(member: MemberRow): string {
  return [member.firstName, member.lastName].filter((p) => p && p.trim() !== '').join(' ');
}

/** The applicant (or the first member), or undefined when the dossier has no one yet. */
export function applicantOf(dossier: Dossier): MemberRow | undefined {
  const members = live(dossier.members);
  return members.find((m) => m.role === 'applicant') ?? members[0];
}

export function coApplicantOf(dossier: Dossier): MemberRow | undefined {
  return live(dossier.members).find((m) => m.role === 'co_applicant');
}

/**
 * The household's name on documents: "Awa Diallo", or "Awa Diallo et Marc Diallo" for a
 * couple filing together.
 */
export function householdDisplayName(dossier: Dossier, locale: DocumentLocale): string {
  const applicant = applicantOf(dossier);
  const co = coApplicantOf(dossier);
  const first = applicant ? memberName(applicant) : '';
  const second = co ? memberName(co) : '';
  if (first && second) return `${first} ${WORDING[locale].common.and} ${second}`;
  return first || second || WORDING[locale].common.unnamed;
}

/** The postal address as lines, or [] when none was typed. */
export function addressLines(dossier: Dossier): string[] {
  const a = dossier.household.address;
  if (!a) return [];
  return [a.line1, ...(a.line2 ? [a.line2] : []), `${a.postcode} ${a.city}`];
}

export interface DebtWithCreditor {
  readonly debt: DebtRow;
  readonly creditor: CreditorRow | undefined;
  /** Capital remaining + arrears + accrued interest and fees, cents (the engine's liability). */
  readonly outstandingCents: number;
}

export function debtsWithCreditors(dossier: Dossier): DebtWithCreditor[] {
  const creditors = new Map(live(dossier.creditors).map((c) => [c.id, c]));
  return live(dossier.debts).map((debt) => ({
    debt,
    creditor: creditors.get(debt.creditorId),
    outstandingCents: outstandingCents(debt),
  }));
}

/** A debt's short description: its label, else its product. */
export function debtLabel(debt: DebtRow, locale: DocumentLocale): string {
  return debt.label?.trim() || WORDING[locale].product[debt.product];
}
