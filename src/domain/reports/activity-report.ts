/**
 * The activity report (issue 15, docs/reports-and-plans.md RPT1–RPT9): the network's figures for a
 * period and a set of welcome points, computed on the server from synced data. Counts only: no
 * name, no contact, no date of birth, no household id leaves in it.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';

/** The indicators, in report order. These codes are stable: CSV columns and funders' presets use them. */
export const REPORT_CODES = [
  'consultations',
  'diagnoses',
  'bdf_dossiers',
  'prp',
  'grace_periods',
  'bank_mediations',
  'tax_relief',
  'liquidations',
  'plans_followed',
  'microcredit_requests',
  'microcredit_instructed',
  'microcredit_granted',
  'training_hours',
  'households_new',
  'households_followed',
] as const;
export const ReportCodeSchema = z.enum(REPORT_CODES);
export type ReportCode = z.infer<typeof ReportCodeSchema>;

/**
 * How an indicator is measured from its facts (RPT3):
 * - `events`: facts dated in the period (a month: dated in that month);
 * - `spans`: facts whose span overlaps the period (a month: overlaps that month);
 * - `minutes`: the sum of the facts' quantity (participant-minutes) dated in the period, given in
 *   hours by `reportHours`, the one rounding of this report.
 */
export type ReportMeasure = 'events' | 'spans' | 'minutes';
export const REPORT_MEASURES: Readonly<Record<ReportCode, ReportMeasure>> = {
  consultations: 'events',
  diagnoses: 'events',
  bdf_dossiers: 'events',
  prp: 'events',
  grace_periods: 'events',
  bank_mediations: 'events',
  tax_relief: 'events',
  liquidations: 'events',
  plans_followed: 'spans',
  microcredit_requests: 'events',
  microcredit_instructed: 'events',
  microcredit_granted: 'events',
  training_hours: 'minutes',
  households_new: 'events',
  households_followed: 'spans',
};

/**
 * One countable fact of a root (a household or a workshop), derived by `reportFacts`
 * (report-facts.ts) and stored by the server in `report_facts`.
 */
export const ReportFactSchema = z.object({
  /** Unique within its root: the source row's id, or the household's own id for its spans. */
  factId: z.string().min(1).max(200),
  code: ReportCodeSchema,
  startsOn: IsoDateSchema,
  /** events: equal to startsOn; spans: the last day, or null while it runs. */
  endsOn: IsoDateSchema.nullable(),
  /** 1, or participant-minutes for training_hours. */
  quantity: z.number().int().min(0),
});
export type ReportFact = z.infer<typeof ReportFactSchema>;

export const ActivityReportQuerySchema = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    /** None: every welcome point of the caller's scope. */
    welcomePoint: z.array(EntityIdSchema).max(500).optional(),
    format: z.enum(['json', 'csv']).default('json'),
    /** A funder's column mapping (reports/presets), CSV only. */
    preset: z.string().max(50).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must be on or before to', path: ['to'] })
  .refine((q) => q.to.slice(0, 4) <= String(Number(q.from.slice(0, 4)) + 5), {
    message: 'a report covers at most five years',
    path: ['to'],
  });
export type ActivityReportQuery = z.infer<typeof ActivityReportQuerySchema>;

const ValueSchema = z.number().min(0);

/** A figure that differs from the one last exported for the same period and welcome points. */
export const RestatementSchema = z.object({
  previousTotal: ValueSchema,
  exportedAt: z.number().int(),
  /** Merges and unmerges recorded since that export (a likely cause; corrections are the other). */
  mergesSince: z.number().int().min(0),
});

export const IndicatorSchema = z.object({
  code: ReportCodeSchema,
  unit: z.enum(['count', 'hours']),
  total: ValueSchema,
  /** Every month of the period, 'YYYY-MM', in order, zeros included. */
  byMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), value: ValueSchema })),
  /** Every welcome point of the report, zeros included; `null` = households with no welcome point. */
  byWelcomePoint: z.array(z.object({ welcomePointId: EntityIdSchema.nullable(), value: ValueSchema })),
  restated: RestatementSchema.optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const ActivityReportSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  welcomePoints: z.array(z.object({ id: EntityIdSchema, name: z.string() })),
  generatedAt: z.number().int(),
  indicators: z.array(IndicatorSchema),
  /** The last export of this period and these welcome points, if any. */
  lastExportedAt: z.number().int().optional(),
});
export type ActivityReport = z.infer<typeof ActivityReportSchema>;

/**
 * Participant-minutes to hours of training, to the tenth, half up (RPT6: hours of training =
 * duration × participants). The only rounding of the report: each cell is rounded from its own
 * minutes, so months may not add up to the total by a tenth.
 * @example reportHours(90) // 1.5
 */
export function reportHours(participantMinutes: number): number {
  return Math.floor((participantMinutes * 10) / 60 + 0.5) / 10;
}
