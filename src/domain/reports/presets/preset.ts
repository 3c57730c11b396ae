/**
 * A funder's preset (RPT9): the CSV's columns renamed and combined, as data. Each column is the
 * sum of some of the report's indicators; `code` heads the column (stable, ASCII), `label` says
 * what it is in the funder's words (documentation and the page, not the CSV's header row).
 */
import { z } from 'zod';
import { ReportCodeSchema } from '../activity-report';

export const ReportPresetSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,50}$/),
  label: z.string().min(1),
  columns: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9_]{1,60}$/),
        label: z.string().min(1),
        sum: z.array(ReportCodeSchema).min(1),
      }),
    )
    .min(1),
});
export type ReportPreset = z.infer<typeof ReportPresetSchema>;
