import { signal } from '@preact/signals';

export type ServerState =
  | { kind: 'checking' }
  | { kind: 'reachable'; version: string }
  | { kind: 'unreachable' };

export interface ServerHealth {
  status: string;
  version: string;
}

/** What the settings page says about the sync server this app talks to. */
export function createServerModel(serverUrl: string, fetchHealth: () => Promise<ServerHealth>) {
  const state = signal<ServerState>({ kind: 'checking' });

  async function check(): Promise<void> {
    state.value = { kind: 'checking' };
    try {
      const health = await fetchHealth();
      state.value = { kind: 'reachable', version: health.version };
    } catch {
      state.value = { kind: 'unreachable' };
    }
  }

  return { url: serverUrl, state, check };
}

export type ServerModel = ReturnType<typeof createServerModel>;
