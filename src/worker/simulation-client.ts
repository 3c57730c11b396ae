/**
 * Main-thread side of the simulation worker. The worker starts on the first request and is
 * terminated after a quiet period. Only the newest compare request matters: when a newer one
 * is sent, the outdated call resolves at once as { status: 'cancelled' } and the worker drops
 * its work at the next scenario boundary.
 */
import * as Comlink from 'comlink';
import type { Comparison } from '../domain/rescheduling/compare-scenarios';
import type { CompareInput } from '../domain/rescheduling/scenario-input';
import type { Problem, SimulateResponse, SimulationApi } from './simulation-api';

export type CompareResult =
  | { readonly status: 'done'; readonly comparison: Comparison }
  | { readonly status: 'cancelled' }
  | { readonly status: 'invalid'; readonly problems: readonly Problem[] }
  | { readonly status: 'error'; readonly error: string; readonly message: string };

export interface SimulationConnection {
  readonly remote: Comlink.Remote<SimulationApi>;
  /** Ends the worker (or closes the test port). */
  readonly close: () => void;
}

export interface SimulationClientOptions {
  /** Opens the connection (default: the module worker; tests pass a MessageChannel). */
  readonly connect?: () => SimulationConnection;
  /** Terminate the worker after this long without a request, ms (default 60 000; 0 = never). */
  readonly idleTimeoutMs?: number;
}

export interface SimulationClient {
  compare(input: CompareInput): Promise<CompareResult>;
  simulate(input: unknown): Promise<SimulateResponse>;
  /** Resolves the pending call as cancelled and tells the worker to drop it. */
  cancel(): void;
  /** Whether a worker is running. */
  isConnected(): boolean;
  dispose(): void;
}

function connectWorker(): SimulationConnection {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<SimulationApi>(worker);
  return {
    remote,
    close: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Creates the client the Scenarios screen calls.
 * @param options - connection factory and idle timeout (ms)
 * @example const result = await createSimulationClient().compare(input); if (result.status === 'done') show(result.comparison);
 */
export function createSimulationClient(options: SimulationClientOptions = {}): SimulationClient {
  const connect = options.connect ?? connectWorker;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  let connection: SimulationConnection | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let lastId = 0;
  let inFlight = 0;
  let pending: { id: number; resolve: (result: CompareResult) => void } | null = null;

  const open = (): SimulationConnection => {
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
    connection ??= connect();
    return connection;
  };
  const close = () => {
    connection?.close();
    connection = null;
  };
  const settle = () => {
    inFlight -= 1;
    if (inFlight > 0 || idleTimeoutMs === 0) return;
    idleTimer = setTimeout(close, idleTimeoutMs);
  };
  const cancelPending = () => {
    pending?.resolve({ status: 'cancelled' });
    pending = null;
  };

  return {
    compare(input) {
      cancelPending();
      lastId += 1;
      const id = lastId;
      const { remote } = open();
      inFlight += 1;
      return new Promise<CompareResult>((resolve) => {
        pending = { id, resolve };
        remote.compare(id, input).then(
          (response) => {
            settle();
            if (pending?.id !== id) return;
            pending = null;
            const { requestId: _id, ...result } = response;
            resolve(result);
          },
          (error: unknown) => {
            settle();
            if (pending?.id !== id) return;
            pending = null;
            resolve({
              status: 'error',
              error: 'worker',
              message: error instanceof Error ? error.message : String(error),
            });
          },
        );
      });
    },
    async simulate(input) {
      const { remote } = open();
      inFlight += 1;
      try {
        return await remote.simulate(input);
      } finally {
        settle();
      }
    },
    cancel() {
      if (!pending) return;
      const id = pending.id;
      cancelPending();
      void connection?.remote.cancelUpTo(id);
    },
    isConnected: () => connection !== null,
    dispose() {
      cancelPending();
      if (idleTimer !== null) clearTimeout(idleTimer);
      close();
    },
  };
}
