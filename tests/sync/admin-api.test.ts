// @vitest-environment node
/**
 * The administration API client (src/sync/admin-api.ts) against the REAL server (SQLite;
 * PostgreSQL too when DATABASE_URL is set), signed in through a real device's session: every
 * call, the answers checked by the shared schemas, and each refusal as its typed error, field
 * errors included (user name taken, password too short, unknown welcome point).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AdminApi, AdminError, fieldOfPath } from '../../src/sync/admin-api';
import { DeviceWipeError } from '../../src/sync/sync-errors';
import { type Device, ENGINES, PASSWORD, useTestServer, WP_A } from './helpers';

async function refusal(promise: Promise<unknown>): Promise<AdminError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdminError);
  return error as AdminError;
}

function apiOf(device: Device): AdminApi {
  return new AdminApi({ fetch: device.transport.fetch, session: () => device.sessions.current() });
}

describe('fieldOfPath', () => {
  it('reads the field from a server issue path, and nothing from a path it does not know', () => {
    expect(fieldOfPath('/password')).toBe('password');
    expect(fieldOfPath('/welcomePointIds/0')).toBe('welcomePointIds');
    expect(fieldOfPath('welcomePointIds/1')).toBe('welcomePointIds');
    expect(fieldOfPath('/')).toBeUndefined();
    expect(fieldOfPath('/token')).toBeUndefined();
    expect(fieldOfPath(undefined)).toBeUndefined();
  });
});

for (const engine of ENGINES) {
  describe(`admin API client on ${engine.name}`, () => {
    const world = useTestServer(engine, [{ username: 'vol', role: 'volunteer' }]);
    let admin: Device;
    beforeEach(async () => {
      admin = await world.device('admin-tablet');
    });

    it('lists, creates, renames, archives and reopens welcome points', async () => {
      const api = apiOf(admin);
      expect(await api.listWelcomePoints()).toEqual([{ id: WP_A, name: 'Point A', archived: false }]);
      const created = await api.createWelcomePoint('Mairie de Vénissieux');
      expect(created).toMatchObject({ name: 'Mairie de Vénissieux', archived: false });
      expect(await api.updateWelcomePoint(created.id, { name: 'Mairie annexe' })).toEqual({
        id: created.id,
        name: 'Mairie annexe',
        archived: false,
      });
      await api.archiveWelcomePoint(created.id);
      const afterArchive = await api.listWelcomePoints();
      expect(afterArchive.find((wp) => wp.id === created.id)?.archived).toBe(true);
      expect((await api.updateWelcomePoint(created.id, { archived: false })).archived).toBe(false);
      const missing = await refusal(api.archiveWelcomePoint('no-such-point'));
      expect(missing.kind).toBe('not-found');
      expect(missing.status).toBe(404);
    });

    it('creates a user who can then sign in, changes role and welcome points, deactivates', async () => {
      const api = apiOf(admin);
      const wp = await api.createWelcomePoint('Point B');
      const user = await api.createUser({
        username: 'lea.martin',
        displayName: 'Léa Martin',
        role: 'volunteer',
        welcomePointIds: [wp.id],
        password: PASSWORD,
      });
      expect(user).toMatchObject({ username: 'lea.martin', role: 'volunteer', welcomePointIds: [wp.id] });
      expect((await api.listUsers()).map((u) => u.username).sort()).toEqual(['admin', 'lea.martin', 'vol']);

      const changed = await api.updateUser(user.id, { role: 'counsellor', welcomePointIds: [WP_A, wp.id] });
      expect(changed.role).toBe('counsellor');
      expect(changed.welcomePointIds).toEqual([WP_A, wp.id].sort());

      const lea = await world.device('lea-phone', { username: 'lea.martin' });
      expect(lea.sessions.current()?.user.role).toBe('counsellor');

      await api.deactivateUser(user.id);
      expect((await api.getUser(user.id)).disabled).toBe(true);
      // WIPE9: deactivation withdraws her devices at once: her next sync is told to send what it
      // holds and erase itself (docs/remote-wipe.md).
      const syncError = await lea.client.sync().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(syncError).toBeInstanceOf(DeviceWipeError);
      expect((syncError as DeviceWipeError).mode).toBe('withdrawn');
      expect((await api.updateUser(user.id, { disabled: false })).disabled).toBe(false);
    });

    it('revokes every open session of a user and says how many', async () => {
      const api = apiOf(admin);
      const phone = await world.device('vol-phone', { username: 'vol' });
      const tablet = await world.device('vol-tablet', { username: 'vol' });
      const vol = (await api.listUsers()).find((u) => u.username === 'vol');
      expect(vol).toBeDefined();
      expect(await api.revokeUserSessions(vol?.id ?? '')).toBe(2);
      expect((await api.listSessions(vol?.id ?? '')).every((s) => s.revokedAt !== null)).toBe(true);
      for (const device of [phone, tablet]) {
        await expect(device.client.sync()).rejects.toMatchObject({ kind: 'unauthorized' });
      }
      // Nothing left open: a second call revokes none.
      expect(await api.revokeUserSessions(vol?.id ?? '')).toBe(0);
    });

    it('turns the server’s 4xx refusals into typed errors with the field they are about', async () => {
      const api = apiOf(admin);
      const base = {
        displayName: 'Léa',
        role: 'volunteer' as const,
        welcomePointIds: [WP_A],
        password: PASSWORD,
      };

      const taken = await refusal(api.createUser({ ...base, username: 'vol' }));
      expect(taken.kind).toBe('invalid');
      expect(taken.status).toBe(409);
      expect(taken.fields).toEqual({ username: 'taken' });

      const short = await refusal(api.createUser({ ...base, username: 'lea', password: 'court' }));
      expect(short.status).toBe(400);
      expect(short.fields).toEqual({ password: 'invalid' });

      const badName = await refusal(api.createUser({ ...base, username: 'Léa Martin', password: 'court' }));
      expect(badName.fields).toEqual({ username: 'invalid', password: 'invalid' });

      const unknownPlace = await refusal(
        api.createUser({ ...base, username: 'lea', welcomePointIds: ['wp-zz'] }),
      );
      expect(unknownPlace.fields).toEqual({ welcomePointIds: 'unknown' });

      const emptyName = await refusal(api.createWelcomePoint(''));
      expect(emptyName.fields).toEqual({ name: 'invalid' });

      // Nothing was created by the refused requests.
      expect((await api.listUsers()).map((u) => u.username).sort()).toEqual(['admin', 'vol']);
    });

    it('says forbidden to a non-admin, offline when the server cannot be reached, not-logged-in without a session', async () => {
      const volunteer = await world.device('vol-phone', { username: 'vol' });
      const forbidden = await refusal(apiOf(volunteer).listUsers());
      expect(forbidden.kind).toBe('forbidden');

      admin.transport.offline = true;
      expect((await refusal(apiOf(admin).createWelcomePoint('Point C'))).kind).toBe('offline');
      admin.transport.offline = false;

      const nobody = new AdminApi({ fetch: world.server.fetch, session: () => undefined });
      expect((await refusal(nobody.listWelcomePoints())).kind).toBe('not-logged-in');

      await admin.client.logout();
      const stale = new AdminApi({
        fetch: world.server.fetch,
        session: () => ({ token: 'tok_revoked-or-made-up-token-value', expiresAt: 0 }) as never,
      });
      expect((await refusal(stale.listWelcomePoints())).kind).toBe('unauthorized');
    });

    it('refuses an answer that does not match the shared schema', async () => {
      const api = new AdminApi({
        fetch: async () =>
          new Response(JSON.stringify([{ id: 'x', name: '' }]), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
        session: () => admin.sessions.current(),
      });
      const error = await refusal(api.listWelcomePoints());
      expect(error.kind).toBe('server');
    });
  });
}
