/**
 * What the simulation worker exposes through Comlink: a plain object calling the domain. Its
 * input crosses a thread boundary from forms, so it is validated here with the domain's zod
 * schemas. A newer compare request makes older ones stale: between scenarios the worker yields
 * to its message queue, sees the newer request id and drops the outdated work.
 */
import type { z } from 'zod';
import { type Comparison, runScenario, suggestOrientation } from '../domain/rescheduling/compare-scenarios';
import { CompareInputSchema } from '../domain/rescheduling/scenario-input';
import type { ScenarioOutcome } from '../domain/rescheduling/scenario-outcome';
import {
  runSimulateCommand,
  type SimulateCommandOutput,
  SimulateCommandSchema,
} from '../domain/rescheduling/simulate-command';

export interface Problem {
  readonly path: string;
  readonly message: string;
}

export type CompareResponse =
  | { readonly status: 'done'; readonly requestId: number; readonly comparison: Comparison }
  | { readonly status: 'cancelled'; readonly requestId: number }
  | { readonly status: 'invalid'; readonly requestId: number; readonly problems: readonly Problem[] }
  | {
      readonly status: 'error';
      readonly requestId: number;
      readonly error: string;
      readonly message: string;
    };

export type SimulateResponse =
  | { readonly status: 'done'; readonly output: SimulateCommandOutput }
  | { readonly status: 'invalid'; readonly problems: readonly Problem[] };

export interface SimulationStats {
  readonly completed: number;
  readonly cancelled: number;
  readonly scenariosRun: number;
}

function problems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    path: issue.path
      .map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`))
      .join('')
      .replace(/^\./, ''),
    message: issue.message,
  }));
}

/** Lets messages already queued (a newer request) run before the next piece of work. */
function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Creates the API object (one per worker; tests create their own).
 * @example await createSimulationApi().compare(1, { startDate: '2026-03-01', capacity: { monthlyCents: 36_400 }, debts: [], scenarios: [{ kind: 'as-today' }] })
 */
export function createSimulationApi() {
  let latestRequestId = 0;
  let completed = 0;
  let cancelled = 0;
  let scenariosRun = 0;
  const stale = (requestId: number) => requestId < latestRequestId;
  const cancel = (requestId: number): CompareResponse => {
    cancelled += 1;
    return { status: 'cancelled', requestId };
  };

  return {
    /**
     * Compares up to 6 scenarios. A request with a higher id, received before this one ends,
     * makes it return { status: 'cancelled' }.
     * @param requestId - increasing per client
     * @param input - CompareInput (validated here)
     */
    async compare(requestId: number, input: unknown): Promise<CompareResponse> {
      latestRequestId = Math.max(latestRequestId, requestId);
      const parsed = CompareInputSchema.safeParse(input);
      if (!parsed.success) return { status: 'invalid', requestId, problems: problems(parsed.error) };
      const { scenarios, withSchedules, ...context } = parsed.data;
      try {
        const outcomes: ScenarioOutcome[] = [];
        for (const spec of scenarios) {
          await yieldToQueue();
          if (stale(requestId)) return cancel(requestId);
          outcomes.push(runScenario(context, spec, withSchedules ?? true));
          scenariosRun += 1;
        }
        await yieldToQueue();
        if (stale(requestId)) return cancel(requestId);
        const orientation = suggestOrientation(context);
        completed += 1;
        return { status: 'done', requestId, comparison: { outcomes, orientation } };
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        return {
          status: 'error',
          requestId,
          error: name,
          message: error instanceof Error ? error.message : String(error),
        };
      }
    },

    /** Marks every request up to `requestId` as outdated (e.g. the screen was left). */
    cancelUpTo(requestId: number): void {
      latestRequestId = Math.max(latestRequestId, requestId + 1);
    },

    /** One schedule with the `simulate` command's fields (docs/engine.md). */
    simulate(input: unknown): SimulateResponse {
      const parsed = SimulateCommandSchema.safeParse(input);
      if (!parsed.success) return { status: 'invalid', problems: problems(parsed.error) };
      return { status: 'done', output: runSimulateCommand(parsed.data) };
    },

    stats(): SimulationStats {
      return { completed, cancelled, scenariosRun };
    },

    /** Empty round trip (benchmarks, health check). */
    ping(): number {
      return latestRequestId;
    },
  };
}

export type SimulationApi = ReturnType<typeof createSimulationApi>;
