/**
 * A new dossier defaults its welcome point to the signed-in person's first welcome point (so the
 * server shows the household to that point's team, not only to its creator); it stays editable,
 * and stays empty when nobody is signed in.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { createAppState } from '../../../src/state/app-state';
import { createSyncService } from '../../../src/sync/sync-service';
import { idleSchedulerEnv } from '../../sync/idle-scheduler-env';
import { makeTestState } from '../make-test-state';
import { choose, openAt, personBox, type } from './helpers';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

/** A test state whose sync service holds a saved session for a person of two welcome points. */
async function signedInState(welcomePointIds: string[]) {
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
      role: 'volunteer',
      welcomePointIds,
      disabled: false,
    } as never,
    deviceId: 'device-1',
    loggedInAt: Date.now(),
  });
  const state = createAppState({ ...base.deps, sync: service });
  await state.start();
  return { ...base, state };
}

function fillRequired() {
  type('Département', '59');
  choose('Logement', 'tenant');
  type(/^Prénom/, 'Aïcha', personBox(1));
  type(/^Nom/, 'Benali', personBox(1));
  type('Date de naissance', '1985-06-15', personBox(1));
}

async function createAndRead(repository: ReturnType<typeof makeTestState>['repository']) {
  fireEvent.click(screen.getByRole('button', { name: 'Créer le dossier' }));
  await waitFor(() => expect(window.location.pathname).toMatch(/^\/dossiers\/[^/]+\/intake$/));
  const householdId = window.location.pathname.split('/')[2] ?? '';
  return (await repository.getDossier(householdId))?.household;
}

describe('New dossier: default welcome point', () => {
  it('pre-fills the signed-in person’s first welcome point and stores it with the household', async () => {
    const test = await signedInState(['wp-lens', 'wp-arras']);
    openAt('/dossiers/new', test);
    const field = (await screen.findByLabelText(/^Point d’accueil/)) as HTMLInputElement;
    expect(field.value).toBe('wp-lens');
    fillRequired();
    expect((await createAndRead(test.repository))?.welcomePointId).toBe('wp-lens');
  });

  it('stays editable: another welcome point typed is the one stored', async () => {
    const test = await signedInState(['wp-lens', 'wp-arras']);
    openAt('/dossiers/new', test);
    await screen.findByLabelText(/^Point d’accueil/);
    fillRequired();
    type(/^Point d’accueil/, 'wp-arras');
    expect((await createAndRead(test.repository))?.welcomePointId).toBe('wp-arras');
  });

  it('stays empty without a signed-in person', async () => {
    const test = makeTestState();
    openAt('/dossiers/new', test);
    const field = (await screen.findByLabelText(/^Point d’accueil/)) as HTMLInputElement;
    expect(field.value).toBe('');
    fillRequired();
    expect((await createAndRead(test.repository))?.welcomePointId).toBeUndefined();
  });

  it('stays empty for a person of no welcome point', async () => {
    const test = await signedInState([]);
    openAt('/dossiers/new', test);
    const field = (await screen.findByLabelText(/^Point d’accueil/)) as HTMLInputElement;
    expect(field.value).toBe('');
  });
});
