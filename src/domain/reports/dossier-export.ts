/**
 * The anonymised dossier-level export (docs/reports-and-plans.md RPT10): one line per household
 * followed in the period, for an association's own analysis. What it carries is listed in
 * DOSSIER_EXPORT_COLUMNS and nothing else: no name, no contact, no address line or postcode (the
 * département only), no exact birth date (an age band), no household id (a salted hash, computed
 * by the server). Pure: the server passes the rows it holds.
 */

import { outstandingCents } from '../budget/debt-summary';
import { toMonthlyCents } from '../budget/monthly-amount';
import { ageOn, type IsoDate } from '../dates';
import { type CerfaDebtCategory, cerfaDebtCategory } from '../documents/cerfa-debt-categories';
import { HouseholdEntitySchema } from '../dossier/rows';
import { ChargeSchema } from '../household/charge';
import { DebtSchema } from '../household/debt';
import { MemberSchema } from '../household/member';
import { ResourceSchema } from '../household/resource';
import { MicrocreditSchema, microcreditStage } from '../plans/microcredit';
import { CSV_BOM, CSV_LINE_END, CSV_SEPARATOR, csvText } from './activity-csv';
import { REPORT_CODES, REPORT_MEASURES, type ReportCode, type ReportFact } from './activity-report';
import type { RootRow } from './report-facts';

/** The debt groups of the export: the Banque de France's statistics' nomenclature. */
export const DEBT_GROUPS = ['logement', 'credit_conso', 'decouvert', 'charges_courantes', 'autres'] as const;
export type DebtGroup = (typeof DEBT_GROUPS)[number];

/** Each category of the Cerfa form (cerfa-debt-categories.ts) in its group. */
export const DEBT_GROUP_OF: Readonly<Record<CerfaDebtCategory, DebtGroup>> = {
  housing: 'logement',
  consumer_credits: 'credit_conso',
  leases: 'credit_conso',
  overdrafts: 'decouvert',
  current_charges: 'charges_courantes',
  mortgages: 'autres',
  miscellaneous: 'autres',
  alimony_fines_fraud: 'autres',
  other_loans: 'autres',
  guarantees: 'autres',
};

/** Counted per household: every indicator but training hours, which belong to workshops. */
export const DOSSIER_INDICATORS = REPORT_CODES.filter((code) => code !== 'training_hours');

export const DOSSIER_EXPORT_COLUMNS = [
  'dossier',
  'point_accueil_id',
  'departement',
  'parcours',
  'statut',
  'mois_ouverture',
  'mois_cloture',
  'adultes',
  'enfants',
  'tranche_age_demandeur',
  'logement',
  ...DEBT_GROUPS.map((group) => `dettes_${group}`),
  'ressources_mensuelles',
  'charges_mensuelles',
  ...DOSSIER_INDICATORS,
  'plan_statut',
  'microcredit_etape',
] as const;

/** The applicant's age band on a day: no exact age, still less a birth date. */
export function ageBand(birthDate: IsoDate, on: IsoDate): string {
  const age = ageOn(birthDate, on);
  if (age < 25) return '<25';
  if (age >= 65) return '65+';
  const low = 25 + Math.floor((age - 25) / 10) * 10;
  return `${low}-${low + 9}`;
}

/** Cents as euros with a decimal comma (a French spreadsheet's number). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export interface DossierExportInput {
  /** The salted hash that stands for the household (server-side secret, stable per server). */
  pseudonym: string;
  welcomePointId: string | null;
  /** The household's rows as stored (its own row and its children). */
  rows: readonly RootRow[];
  /** Its report facts. */
  facts: readonly ReportFact[];
  /** The status of its plan that comes first in PLAN_STATUSES, if it has one. */
  planStatus?: string;
  from: IsoDate;
  to: IsoDate;
}

function live<T>(
  rows: readonly RootRow[],
  entity: string,
  schema: { safeParse(d: unknown): { success: boolean; data?: T } },
): T[] {
  return rows.flatMap((row) => {
    if (row.entity !== entity || row.deleted) return [];
    const parsed = schema.safeParse({ ...row.data, id: row.id });
    return parsed.success && parsed.data !== undefined ? [parsed.data] : [];
  });
}

/** How many of the household's facts of `code` count in the period (RPT3; a span counts once). */
export function countInPeriod(
  facts: readonly ReportFact[],
  code: ReportCode,
  from: IsoDate,
  to: IsoDate,
): number {
  return facts.filter((f) => {
    if (f.code !== code) return false;
    if (REPORT_MEASURES[code] === 'spans') return f.startsOn <= to && (f.endsOn === null || f.endsOn >= from);
    return f.startsOn >= from && f.startsOn <= to;
  }).length;
}

/** One line of the export, by column. */
export function dossierExportRow(
  input: DossierExportInput,
): Record<(typeof DOSSIER_EXPORT_COLUMNS)[number], string> {
  const { rows, to } = input;
  const household = live(rows, 'household', HouseholdEntitySchema.partial())[0] ?? {};
  const members = live(rows, 'member', MemberSchema);
  const adults = members.filter((m) => ageOn(m.birthDate, to) >= 18).length;
  const applicant = members.find((m) => m.role === 'applicant');
  const debts = Object.fromEntries(DEBT_GROUPS.map((g) => [g, 0])) as Record<DebtGroup, number>;
  for (const debt of live(rows, 'debt', DebtSchema)) {
    debts[DEBT_GROUP_OF[cerfaDebtCategory(debt.product)]] += outstandingCents(debt);
  }
  const monthly = (
    list: readonly { amountCents: number; frequency: Parameters<typeof toMonthlyCents>[1] }[],
  ) => list.reduce((sum, line) => sum + toMonthlyCents(line.amountCents, line.frequency), 0);
  const microcredits = live(rows, 'microcredit', MicrocreditSchema).sort((a, b) =>
    a.requestedOn.localeCompare(b.requestedOn),
  );
  const latest = microcredits.at(-1);
  return {
    dossier: input.pseudonym,
    point_accueil_id: input.welcomePointId ?? '',
    departement: household.departement ?? '',
    parcours: household.track ?? '',
    statut: household.status ?? '',
    mois_ouverture: household.openedOn?.slice(0, 7) ?? '',
    mois_cloture: household.closedOn?.slice(0, 7) ?? '',
    adultes: String(adults),
    enfants: String(members.length - adults),
    tranche_age_demandeur: applicant === undefined ? '' : ageBand(applicant.birthDate, to),
    logement: household.housingStatus ?? '',
    ...(Object.fromEntries(DEBT_GROUPS.map((g) => [`dettes_${g}`, euros(debts[g])])) as Record<
      `dettes_${DebtGroup}`,
      string
    >),
    ressources_mensuelles: euros(monthly(live(rows, 'resource', ResourceSchema))),
    charges_mensuelles: euros(monthly(live(rows, 'charge', ChargeSchema))),
    ...(Object.fromEntries(
      DOSSIER_INDICATORS.map((code) => [code, String(countInPeriod(input.facts, code, input.from, to))]),
    ) as Record<(typeof DOSSIER_INDICATORS)[number], string>),
    plan_statut: input.planStatus ?? '',
    microcredit_etape: latest === undefined ? '' : microcreditStage(latest),
  };
}

/** The header line of the export, CRLF-terminated, BOM first (RPT9's format). */
export function dossierExportHeader(): string {
  return CSV_BOM + DOSSIER_EXPORT_COLUMNS.join(CSV_SEPARATOR) + CSV_LINE_END;
}

/** One data line, CRLF-terminated. */
export function dossierExportLine(row: ReturnType<typeof dossierExportRow>): string {
  return (
    DOSSIER_EXPORT_COLUMNS.map((column) => csvText(row[column] ?? '')).join(CSV_SEPARATOR) + CSV_LINE_END
  );
}
