/**
 * The transfer file (issue 5 item 4): dossiers exported to JSON on one device and imported on
 * another without network. Rows travel with their sync metadata, tombstones included, so the
 * importing device can tell which side is newer and the server can later dedupe.
 */
import { z } from 'zod';
import { DossierSchema } from './dossier';
import { MicrocreditRowSchema, PlanPaymentRowSchema, PlanRowSchema } from './rows';

export const TRANSFER_FORMAT = 'relais-dossiers' as const;
// DO NOT CHANGE THE SHAPE WITHOUT BUMPING THIS and keeping a reader for the older version.
export const TRANSFER_FORMAT_VERSION = 1 as const;

/**
 * A dossier as a transfer file carries it. The collections issue 15 added (plans, their payments,
 * micro-credits) default to empty: a file exported before them is still a version 1 file.
 */
const TransferredDossierSchema = DossierSchema.extend({
  plans: z.array(PlanRowSchema).default([]),
  planPayments: z.array(PlanPaymentRowSchema).default([]),
  microcredits: z.array(MicrocreditRowSchema).default([]),
});

export const TransferDocumentSchema = z
  .object({
    format: z.literal(TRANSFER_FORMAT),
    formatVersion: z.literal(TRANSFER_FORMAT_VERSION),
    /** ISO 8601 instant. */
    exportedAt: z.iso.datetime({ offset: true }),
    appVersion: z.string().min(1).max(50),
    /** The exporting device. */
    deviceId: z.string().min(1).max(100),
    households: z.array(TransferredDossierSchema),
  })
  .superRefine((doc, ctx) => {
    doc.households.forEach((dossier, index) => {
      const householdId = dossier.household.id;
      for (const [key, rows] of Object.entries(dossier)) {
        if (!Array.isArray(rows)) continue;
        rows.forEach((row: { householdId: string }, rowIndex) => {
          if (row.householdId !== householdId) {
            ctx.addIssue({
              code: 'custom',
              message: 'row of another household',
              path: ['households', index, key, rowIndex, 'householdId'],
            });
          }
        });
      }
    });
  });
export type TransferDocument = z.infer<typeof TransferDocumentSchema>;
