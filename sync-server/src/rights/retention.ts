/**
 * Retention (docs/household-rights.md RIGHT8–RIGHT11): closed dossiers whose closing is older than
 * the association's retention period are anonymised, a batch of households per sequenced
 * transaction. Each changed row is written as a server write (like a merge's, MERGE5) at a new
 * change seq, so every device pulls the anonymised version; the old values leave the field
 * history, the recorded payloads and the quarantine. A household is logged once per closing, so a
 * second run finds nothing to do (idempotent) and a dossier reopened and closed again is due again.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { IsoDate } from '../../../src/domain/dates';
import { anonymisedFields } from '../../../src/domain/rights/anonymise';
import { retentionCutoff } from '../../../src/domain/rights/retention';
import type { EntityName } from '../../../src/domain/sync/entities';
import { SeqCounter, serverHlc } from '../merges/merge-command';
import { ServerWrite } from '../merges/server-write';
import type { RelaisStore } from '../stores/store';
import type { StoreTx } from '../stores/store-tx';

/** Households per transaction: short transactions, so pushes are not held up behind one. */
export const RETENTION_BATCH = 50;

/** The user id the anonymisation's writes carry in their field metadata. */
export const RETENTION_WRITER = 'retention';

/** What replaces the payloads of the household's recorded mutations and quarantine entries. */
const ANONYMISED_PAYLOAD = JSON.stringify({ redacted: 'household-anonymised' });

export interface RetentionReport {
  runId: string;
  cutoff: IsoDate;
  households: number;
  rows: number;
}

/** Anonymises one household's rows; returns the fields replaced by entity, and the rows written. */
async function anonymiseHousehold(
  tx: StoreTx,
  seqs: SeqCounter,
  householdId: string,
  now: number,
): Promise<{ fields: Record<string, string[]>; rows: number }> {
  const fields: Record<string, Set<string>> = {};
  let rows = 0;
  const hlc = serverHlc(now);
  for (const existing of await tx.rowsOfHousehold(householdId)) {
    const changes = anonymisedFields(existing.entity as EntityName, existing.data);
    if (Object.keys(changes).length === 0) continue;
    const write = new ServerWrite(existing, { userId: RETENTION_WRITER, now }, hlc);
    for (const [field, value] of Object.entries(changes)) {
      write.set(field, value);
      await tx.anonymiseFieldHistory(existing.entity, existing.id, field, value);
      const set = fields[existing.entity] ?? new Set<string>();
      set.add(field);
      fields[existing.entity] = set;
    }
    if (!write.changed) continue;
    await tx.upsertRow({ ...write.row, seq: seqs.next() });
    rows += 1;
  }
  await tx.redactAppliedMutations([householdId], ANONYMISED_PAYLOAD);
  await tx.anonymiseSupervisionOf(householdId, ANONYMISED_PAYLOAD);
  // Match profiles and report facts are derived again from the anonymised rows (DUP1c, RPT8).
  await tx.queueHouseholds([householdId], now);
  await tx.queueRoots([householdId], now);
  const sorted = Object.fromEntries(
    Object.entries(fields)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([entity, set]) => [entity, [...set].sort()]),
  );
  return { fields: sorted, rows };
}

/** One run: every due household, in batches. A CLI run is logged even when nothing was due; a job run only when it anonymised something. */
export async function anonymiseDueDossiers(
  store: RelaisStore,
  options: { today: IsoDate; now: number; origin: 'job' | 'cli'; batch?: number },
): Promise<RetentionReport> {
  const runId = randomUUID();
  const batchSize = options.batch ?? RETENTION_BATCH;
  const cutoff = await store.transaction(async (tx) => {
    const { years } = await tx.getRetention();
    const at = retentionCutoff(options.today, years);
    await tx.insertAnonymisationRun({ runId, origin: options.origin, startedAt: options.now, cutoff: at });
    return at;
  });
  const report: RetentionReport = { runId, cutoff, households: 0, rows: 0 };
  let after = '';
  for (;;) {
    const done = await store.transaction(
      async (tx) => {
        const { due, exhausted } = await tx.dueForAnonymisation(cutoff, after, batchSize);
        const seqs = await SeqCounter.open(tx);
        let rows = 0;
        for (const household of due) {
          const result = await anonymiseHousehold(tx, seqs, household.id, options.now);
          rows += result.rows;
          await tx.insertAnonymisationLog({
            householdId: household.id,
            closedOn: household.closedOn,
            runId,
            anonymisedAt: options.now,
            fields: result.fields,
          });
        }
        await seqs.save();
        return { ids: due.map((h) => h.id), rows, exhausted };
      },
      { sequenced: true },
    );
    report.households += done.ids.length;
    report.rows += done.rows;
    const last = done.ids.at(-1);
    if (done.exhausted || last === undefined) break;
    after = last;
  }
  await store.transaction(async (tx) => {
    if (options.origin === 'job' && report.households === 0) await tx.deleteAnonymisationRun(runId);
    else await tx.finishAnonymisationRun(runId, options.now, report.households);
  });
  return report;
}

/** Runs one anonymisation at a time; a request during one asks for one more round (the plan recheck's pattern). */
export class RetentionJob {
  #running: Promise<void> = Promise.resolve();
  #pending = false;
  #busy = false;
  #closed = false;

  constructor(
    private readonly store: RelaisStore,
    private readonly clock: { now: () => number; today: () => IsoDate },
    private readonly log: FastifyBaseLogger,
    /** After a run that anonymised something: drain the match and derived queues. */
    private readonly afterRun: () => void,
  ) {}

  schedule(): void {
    if (this.#closed) return;
    this.#pending = true;
    if (this.#busy) return;
    this.#busy = true;
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    try {
      while (this.#pending && !this.#closed) {
        this.#pending = false;
        try {
          const report = await anonymiseDueDossiers(this.store, {
            today: this.clock.today(),
            now: this.clock.now(),
            origin: 'job',
          });
          if (report.households > 0) {
            this.log.info({ households: report.households, rows: report.rows }, 'closed dossiers anonymised');
            this.afterRun();
          }
        } catch (error) {
          this.log.warn(
            { errorType: error instanceof Error ? error.name : typeof error },
            'anonymisation failed; the dossiers stay due for the next run',
          );
        }
      }
    } finally {
      this.#busy = false;
    }
  }

  async idle(): Promise<void> {
    while (this.#busy) await this.#running;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }
}
