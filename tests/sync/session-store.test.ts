// @vitest-environment node
/**
 * The device session keeps the person's welcome points by name (AUTH10), refreshed at each
 * login and at the start of each sync run from GET /auth/me (a rename, a new welcome point or a
 * new role shows without a new login); a failure of /auth/me never stops the run, and its 401
 * is the run's 401. A session saved by an older app has none and falls back to the person's
 * ids. Against the REAL server (SQLite; PostgreSQL too when DATABASE_URL is set).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { SYNC_META, writeMeta } from '../../src/db/sync-apply/meta';
import { createSyncModel } from '../../src/state/sync-model';
import { SessionStore, sessionWelcomePoints } from '../../src/sync/session-store';
import { SyncClient } from '../../src/sync/sync-client';
import { SyncError } from '../../src/sync/sync-errors';
import type { FetchLike } from '../../src/sync/sync-http';
import { createSyncService } from '../../src/sync/sync-service';
import { ENGINES, householdFields, PASSWORD, useTestServer, WP_A } from './helpers';
import { idleSchedulerEnv } from './idle-scheduler-env';

const OLD_SESSION = {
  token: 'tok_abcdefghijklmnopqrstuvwxyz',
  expiresAt: Date.UTC(2026, 11, 27),
  user: {
    id: 'user-1',
    username: 'marie',
    displayName: 'Marie',
    role: 'volunteer' as const,
    welcomePointIds: ['wp-8', 'wp-9'],
    disabled: false,
  },
  deviceId: 'device-1',
  loggedInAt: Date.UTC(2026, 10, 27),
};

describe('session store: welcome points', () => {
  const dbs: RelaisDb[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });
  const freshDb = () => {
    const db = new RelaisDb(`session-wp-${Math.random().toString(36).slice(2)}`);
    dbs.push(db);
    return db;
  };

  it('a session saved by an older app (no names) loads, and its welcome points are its ids', async () => {
    const db = freshDb();
    await writeMeta(db, SYNC_META.session, OLD_SESSION);
    const sessions = new SessionStore(db);
    const loaded = await sessions.load();
    expect(loaded?.welcomePoints).toBeUndefined();
    expect(sessionWelcomePoints(loaded)).toEqual([
      { id: 'wp-8', name: 'wp-8', archived: false },
      { id: 'wp-9', name: 'wp-9', archived: false },
    ]);
    expect(sessionWelcomePoints(undefined)).toEqual([]);
  });

  it('keeps the names across a restart of the app', async () => {
    const db = freshDb();
    const welcomePoints = [{ id: 'wp-8', name: 'Mairie de Lens', archived: false }];
    await new SessionStore(db).save({ ...OLD_SESSION, welcomePoints });
    const again = new SessionStore(db);
    expect(sessionWelcomePoints(await again.load())).toEqual(welcomePoints);
  });

  it('the sync model names a welcome point, or shows its id when the name is unknown', async () => {
    const db = freshDb();
    await writeMeta(db, SYNC_META.session, {
      ...OLD_SESSION,
      welcomePoints: [{ id: 'wp-8', name: 'Mairie de Lens', archived: false }],
    });
    const service = createSyncService({
      db,
      fetch: async () => new Response('{}', { status: 503 }),
      appVersion: '1.0.0',
      env: idleSchedulerEnv,
    });
    const model = createSyncModel(service);
    await model.start();
    expect(model.welcomePoints.value.map((wp) => wp.name)).toEqual(['Mairie de Lens']);
    expect(model.welcomePointName('wp-8')).toBe('Mairie de Lens');
    expect(model.welcomePointName('wp-9')).toBe('wp-9');
    model.stop();
  });
});

for (const engine of ENGINES) {
  describe(`session welcome points from the server on ${engine.name}`, () => {
    const world = useTestServer(engine, [
      { username: 'vol', role: 'volunteer' },
      { username: 'coord', role: 'coordinator' },
    ]);

    beforeEach(async () => {
      const other = await world.server.inject(
        'POST',
        '/api/admin/welcome-points',
        { id: 'wp-other', name: 'Point B' },
        world.adminToken,
      );
      expect(other.status).toBe(201);
    });

    it('a volunteer’s login keeps their own welcome points by name; a new login refreshes them', async () => {
      const d = await world.device('vol', { username: 'vol' });
      expect(d.sessions.current()?.welcomePoints).toEqual([{ id: WP_A, name: 'Point A', archived: false }]);
      const renamed = await world.server.inject(
        'PATCH',
        `/api/admin/welcome-points/${WP_A}`,
        { name: 'Mairie de Lens' },
        world.adminToken,
      );
      expect(renamed.status).toBe(200);
      await d.client.login('vol', PASSWORD);
      expect(sessionWelcomePoints(d.sessions.current())).toEqual([
        { id: WP_A, name: 'Mairie de Lens', archived: false },
      ]);
    });

    it('a sync run refreshes the session from /auth/me: a renamed and a new welcome point, a new role', async () => {
      const d = await world.device('vol', { username: 'vol' });
      const loggedIn = d.sessions.current();
      const vol = loggedIn?.user.id ?? '';
      expect(
        (
          await world.server.inject(
            'PATCH',
            `/api/admin/welcome-points/${WP_A}`,
            { name: 'Mairie de Lens' },
            world.adminToken,
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await world.server.inject(
            'PATCH',
            `/api/admin/users/${vol}`,
            { role: 'counsellor', welcomePointIds: [WP_A, 'wp-other'] },
            world.adminToken,
          )
        ).status,
      ).toBe(200);
      // Before the run the device still has what the login said.
      expect(sessionWelcomePoints(d.sessions.current())).toEqual([
        { id: WP_A, name: 'Point A', archived: false },
      ]);

      await d.client.sync();
      const expected = [
        { id: WP_A, name: 'Mairie de Lens', archived: false },
        { id: 'wp-other', name: 'Point B', archived: false },
      ];
      const refreshed = d.sessions.current();
      expect(refreshed?.welcomePoints).toEqual(expected);
      expect(refreshed?.user.role).toBe('counsellor');
      expect(refreshed?.user.welcomePointIds).toEqual([WP_A, 'wp-other']);
      // The same session (no new login), kept for offline use.
      expect(refreshed?.token).toBe(loggedIn?.token);
      expect(refreshed?.loggedInAt).toBe(loggedIn?.loggedInAt);
      expect((await new SessionStore(d.db).load())?.welcomePoints).toEqual(expected);
    });

    it('the sync model (intake select, dossier list names) shows a rename after the next run', async () => {
      const db = new RelaisDb(`session-refresh-${Math.random().toString(36).slice(2)}`);
      const service = createSyncService({
        db,
        fetch: world.server.fetch,
        appVersion: '1.0.0',
        env: idleSchedulerEnv,
        now: world.server.clock.now,
      });
      const model = createSyncModel(service);
      await model.start();
      expect((await model.login('vol', PASSWORD)).ok).toBe(true);
      expect(model.welcomePointName(WP_A)).toBe('Point A');
      await world.server.inject(
        'PATCH',
        `/api/admin/welcome-points/${WP_A}`,
        { name: 'Mairie de Lens' },
        world.adminToken,
      );
      expect(await model.syncNow()).toBe(true);
      expect(model.welcomePointName(WP_A)).toBe('Mairie de Lens');
      expect(model.welcomePoints.value.map((wp) => wp.name)).toEqual(['Mairie de Lens']);
      model.stop();
    });

    it('a failing /auth/me leaves the session as it was, logs nothing, and the run goes on', async () => {
      const d = await world.device('vol', { username: 'vol' });
      await world.server.inject(
        'PATCH',
        `/api/admin/welcome-points/${WP_A}`,
        { name: 'Mairie de Lens' },
        world.adminToken,
      );
      const before = d.sessions.current();
      const { household } = await d.repository.createHousehold(householdFields(), []);
      const logged = [
        vi.spyOn(console, 'log'),
        vi.spyOn(console, 'info'),
        vi.spyOn(console, 'warn'),
        vi.spyOn(console, 'error'),
      ];
      try {
        for (const failure of [
          async () => new Response('{"error":"boom"}', { status: 503 }),
          async () => new Response('not json', { status: 200 }),
          async (): Promise<Response> => {
            throw new TypeError('Failed to fetch');
          },
        ]) {
          const client = new SyncClient({
            db: d.db,
            sessions: d.sessions,
            fetch: meFails(world.server.fetch, failure),
            appVersion: '1.0.0',
            now: world.server.clock.now,
          });
          await client.sync();
          expect(d.sessions.current()).toEqual(before);
        }
        for (const spy of logged) expect(spy).not.toHaveBeenCalled();
      } finally {
        for (const spy of logged) spy.mockRestore();
      }
      // The runs pushed the household.
      expect(await d.db.outbox.count()).toBe(0);
      const observer = await world.device('observer');
      await observer.client.sync();
      expect(await observer.db.households.get(household.id)).toBeDefined();
    });

    it('a 401 from /auth/me is the run’s 401, before anything is pushed', async () => {
      const d = await world.device('vol', { username: 'vol' });
      await d.repository.createHousehold(householdFields(), []);
      const token = d.sessions.current()?.token ?? '';
      expect((await world.server.inject('POST', '/api/auth/logout', undefined, token)).status).toBe(204);
      const requested: string[] = [];
      const client = new SyncClient({
        db: d.db,
        sessions: d.sessions,
        fetch: async (input, init) => {
          requested.push(new URL(input, 'http://127.0.0.1').pathname);
          return world.server.fetch(input, init);
        },
        appVersion: '1.0.0',
        now: world.server.clock.now,
      });
      const error = await client.sync().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).kind).toBe('unauthorized');
      expect((error as SyncError).status).toBe(401);
      expect(requested).toEqual(['/api/auth/me']);
      expect(await d.db.outbox.count()).toBe(1);
      // As with any 401, the device keeps its session (and the outbox) until the person logs in.
      expect(d.sessions.current()?.token).toBe(token);
    });

    it('a coordinator’s login keeps every welcome point', async () => {
      const d = await world.device('coord', { username: 'coord' });
      expect(d.sessions.current()?.welcomePoints?.map((wp) => wp.id)).toEqual([WP_A, 'wp-other']);
    });
  });
}

/** A fetch where GET /api/auth/me gets `failure` and every other request reaches the server. */
function meFails(fetch: FetchLike, failure: () => Promise<Response>): FetchLike {
  return (input, init) => (input.endsWith('/api/auth/me') ? failure() : fetch(input, init));
}
