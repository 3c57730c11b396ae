import * as Comlink from 'comlink';
import { RelaisDb } from '../../src/db/app-db';
import { DossierRepository } from '../../src/db/repository';
import { createSettingsStore } from '../../src/db/settings-store';
import type { IsoDate } from '../../src/domain/dates';
import { type AppDeps, createAppState } from '../../src/state/app-state';
import { createSimulationApi, type SimulationApi } from '../../src/worker/simulation-api';
import { createSimulationClient } from '../../src/worker/simulation-client';

let counter = 0;

/**
 * A real app state over a fresh (fake-indexeddb) settings database, with controllable connectivity.
 * `now` is the repository's wall clock (Unix ms; default the real one).
 */
export function makeTestState(overrides: Partial<AppDeps> = {}, clock: { now?: () => number } = {}) {
  counter += 1;
  const listeners = new Set<(online: boolean) => void>();
  let online = true;
  const settings = createSettingsStore(`relais-settings-test-${counter}-${Math.random()}`);
  const db = new RelaisDb(`relais-test-${counter}-${Math.random()}`);
  const repository = new DossierRepository(db, {
    appVersion: '1.2.3',
    ...(clock.now === undefined ? {} : { now: clock.now }),
  });
  // The real simulation API over a MessageChannel: the same code the worker runs.
  const simulation = createSimulationClient({
    idleTimeoutMs: 0,
    connect: () => {
      const { port1, port2 } = new MessageChannel();
      Comlink.expose(createSimulationApi(), port1);
      const remote = Comlink.wrap<SimulationApi>(port2);
      return {
        remote,
        close: () => {
          port1.close();
          port2.close();
        },
      };
    },
  });
  const deps: AppDeps = {
    settings,
    storage: undefined,
    connectivity: {
      isOnline: () => online,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    serverUrl: 'http://127.0.0.1:8080',
    fetchHealth: async () => ({ status: 'ok', version: '9.9.9' }),
    appVersion: '1.2.3',
    buildId: 'test-build',
    workspace: { repository, today: () => '2026-11-27' as IsoDate, simulation: () => simulation },
    ...overrides,
  };
  const state = createAppState(deps);
  const setOnline = (next: boolean) => {
    online = next;
    for (const listener of listeners) listener(next);
  };
  return { state, deps, settings, setOnline, db, repository };
}
