// @vitest-environment node
/**
 * The device session keeps the person's welcome points by name (AUTH10), refreshed at each
 * login; a session saved by an older app has none and falls back to the person's ids. The
 * client never reads /auth/me, so login is the only refresh. Against the REAL server (SQLite;
 * PostgreSQL too when DATABASE_URL is set).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { SYNC_META, writeMeta } from '../../src/db/sync-apply';
import { createSyncModel } from '../../src/state/sync-model';
import { SessionStore, sessionWelcomePoints } from '../../src/sync/session-store';
import { createSyncService } from '../../src/sync/sync-service';
import { DATABASE_URL, type Device, type Engine, makeDevice, PASSWORD, TestServer, WP_A } from './helpers';
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

const ENGINES: Engine[] = DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

for (const engine of ENGINES) {
  describe(`session welcome points from the server on ${engine}`, () => {
    let server: TestServer;
    let adminToken: string;
    const devices: Device[] = [];

    beforeEach(async () => {
      server = await TestServer.start(engine);
      adminToken = await server.makeWorld([
        { username: 'vol', role: 'volunteer' },
        { username: 'coord', role: 'coordinator' },
      ]);
      const other = await server.inject(
        'POST',
        '/api/admin/welcome-points',
        { id: 'wp-other', name: 'Point B' },
        adminToken,
      );
      expect(other.status).toBe(201);
    });
    afterEach(async () => {
      for (const d of devices.splice(0)) d.db.close();
      await server.close();
    });

    it('a volunteer’s login keeps their own welcome points by name; a new login refreshes them', async () => {
      const d = await makeDevice(server, 'vol', { username: 'vol' });
      devices.push(d);
      expect(d.sessions.current()?.welcomePoints).toEqual([{ id: WP_A, name: 'Point A', archived: false }]);
      const renamed = await server.inject(
        'PATCH',
        `/api/admin/welcome-points/${WP_A}`,
        { name: 'Mairie de Lens' },
        adminToken,
      );
      expect(renamed.status).toBe(200);
      await d.client.login('vol', PASSWORD);
      expect(sessionWelcomePoints(d.sessions.current())).toEqual([
        { id: WP_A, name: 'Mairie de Lens', archived: false },
      ]);
    });

    it('a coordinator’s login keeps every welcome point', async () => {
      const d = await makeDevice(server, 'coord', { username: 'coord' });
      devices.push(d);
      expect(d.sessions.current()?.welcomePoints?.map((wp) => wp.id)).toEqual([WP_A, 'wp-other']);
    });
  });
}
