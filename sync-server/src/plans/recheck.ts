/**
 * The daily recheck (docs/reports-and-plans.md PLAN6): a plan's status changes with time alone
 * (a grace ends, a formal notice runs out, a review falls due), on the day planState gave as
 * `recheckOn`. Every plan whose day has come is recomputed, by household, in short transactions.
 * The plan monitoring plugin runs it at start and every hour; a change of thresholds marks every
 * state for today and runs it too (PLAN5).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { IsoDate } from '../../../src/domain/dates';
import type { RelaisStore } from '../stores/store';
import { refreshPlanStates } from './plan-states-refresher';

/** Households per recheck transaction. */
export const RECHECK_BATCH = 200;

export interface RecheckReport {
  households: number;
  plans: number;
}

/**
 * Recomputes the plan states whose recheck day is on or before `today`. A recomputed state's next
 * recheck is after `today` (planState), so each household is taken once and the loop ends.
 */
export async function recheckDuePlans(
  store: RelaisStore,
  today: IsoDate,
  now: number,
): Promise<RecheckReport> {
  const done = new Set<string>();
  const report: RecheckReport = { households: 0, plans: 0 };
  for (;;) {
    const batch = await store.transaction(async (tx) => {
      const due = (await tx.householdsToRecheck(today, RECHECK_BATCH + done.size)).filter(
        (id) => !done.has(id),
      );
      const ids = due.slice(0, RECHECK_BATCH);
      if (ids.length === 0) return { ids, written: 0 };
      const { written } = await refreshPlanStates(tx, ids, { now, today });
      return { ids, written };
    });
    if (batch.ids.length === 0) return report;
    for (const id of batch.ids) done.add(id);
    report.households += batch.ids.length;
    report.plans += batch.written;
  }
}

/** Runs rechecks one at a time; a request during one asks for one more round. */
export class PlanRecheck {
  #running: Promise<void> = Promise.resolve();
  #pending = false;
  #busy = false;
  #closed = false;

  constructor(
    private readonly store: RelaisStore,
    private readonly clock: { now: () => number; today: () => IsoDate },
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Asks for a recheck on the clock's today; returns at once. Failures are logged, counts only. */
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
          await recheckDuePlans(this.store, this.clock.today(), this.clock.now());
        } catch (error) {
          this.log.warn(
            { errorType: error instanceof Error ? error.name : typeof error },
            'plan recheck failed; the states stay due for the next one',
          );
        }
      }
    } finally {
      this.#busy = false;
    }
  }

  /** Resolves when no recheck runs or is asked for. */
  async idle(): Promise<void> {
    while (this.#busy) await this.#running;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }
}
