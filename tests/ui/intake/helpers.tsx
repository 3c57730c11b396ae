import { fireEvent, render, screen, within } from '@testing-library/preact';
import type { NewHousehold } from '../../../src/db/repository';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import type { Role, WelcomePoint } from '../../../src/domain/sync/protocol';
import { createAppState } from '../../../src/state/app-state';
import { createSyncService } from '../../../src/sync/sync-service';
import { App } from '../../../src/ui/app';
import { idleSchedulerEnv } from '../../sync/idle-scheduler-env';
import { makeTestState } from '../make-test-state';

export type TestContext = ReturnType<typeof makeTestState>;

export function openAt(path: string, test: TestContext = makeTestState()): TestContext {
  window.history.replaceState(null, '', path);
  render(<App state={test.state} />);
  return test;
}

export function type(label: string | RegExp, value: string, container: HTMLElement = document.body): void {
  fireEvent.input(within(container).getByLabelText(label), { target: { value } });
}

export function choose(label: string | RegExp, value: string, container: HTMLElement = document.body): void {
  fireEvent.change(within(container).getByLabelText(label), { target: { value } });
}

/** The fieldset of the n-th person of the new-dossier form (1-based). */
export function personBox(n: number): HTMLElement {
  const legend = screen.getByRole('heading', { level: 3, name: `Personne ${n}` });
  const box = legend.closest('fieldset');
  if (!box) throw new Error(`no fieldset for person ${n}`);
  return box;
}

export const lyonHousehold: NewHousehold = {
  territory: 'metropole',
  departement: '69',
  housingStatus: 'tenant',
  track: 'mediation',
  status: 'active',
  welcomePointId: 'Mairie de Lyon 8e',
  reference: 'RL-2026-0042',
  referralSource: 'social_worker',
  phone: '06 12 34 56 78',
};

export const zoe: FieldsOf<'member'> = {
  role: 'applicant',
  firstName: 'Zoé',
  lastName: 'Martin',
  birthDate: '1980-02-01',
};

/**
 * A test state whose sync service holds a saved session. `welcomePoints` undefined: a session
 * saved by an older app (no names), which falls back to the user's ids.
 */
export async function signedInState(
  role: Role,
  welcomePointIds: string[],
  welcomePoints: WelcomePoint[] | undefined,
  /** When given, the app reads the saved session only once this resolves (a slow device). */
  sessionReadGate?: Promise<void>,
) {
  const base = makeTestState();
  const service = createSyncService({
    db: base.deps.workspace.repository.db,
    fetch: async () => new Response('{}', { status: 503 }),
    appVersion: '1.0.0',
    env: idleSchedulerEnv,
  });
  await service.sessions.save({
    token: 'tok_abcdefghijklmnopqrstuvwxyz',
    expiresAt: Date.now() + 86_400_000,
    user: {
      id: 'user-1',
      username: 'marie',
      displayName: 'Marie Curie',
      role,
      welcomePointIds,
      disabled: false,
    },
    deviceId: 'device-1',
    loggedInAt: Date.now(),
    ...(welcomePoints === undefined ? {} : { welcomePoints }),
  });
  if (sessionReadGate !== undefined) {
    const load = service.load.bind(service);
    service.load = async () => {
      await sessionReadGate;
      return load();
    };
  }
  const state = createAppState({ ...base.deps, sync: service });
  const started = state.start();
  if (sessionReadGate === undefined) await started;
  return { ...base, state, started };
}
