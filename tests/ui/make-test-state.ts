import { createSettingsStore } from '../../src/db/settings-store';
import { type AppDeps, createAppState } from '../../src/state/app-state';

let counter = 0;

/** A real app state over a fresh (fake-indexeddb) settings database, with controllable connectivity. */
export function makeTestState(overrides: Partial<AppDeps> = {}) {
  counter += 1;
  const listeners = new Set<(online: boolean) => void>();
  let online = true;
  const settings = createSettingsStore(`relais-settings-test-${counter}-${Math.random()}`);
  const state = createAppState({
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
    ...overrides,
  });
  const setOnline = (next: boolean) => {
    online = next;
    for (const listener of listeners) listener(next);
  };
  return { state, settings, setOnline };
}
