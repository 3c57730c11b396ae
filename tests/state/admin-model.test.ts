// @vitest-environment node
/**
 * The Administration model (src/state/admin-model.ts) against the REAL server: lists loaded,
 * actions applied and reflected in the lists, each action's pending and error signals, the
 * server's field errors (user name taken), the checks made before sending, and online only.
 */
import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminModelFor, createAdminModel, type Role } from '../../src/state/admin-model';
import { type Device, makeDevice, PASSWORD, TestServer, WP_A } from '../sync/helpers';

describe('admin model against the real server', () => {
  let server: TestServer;
  let device: Device;
  const online = signal(true);
  const role = signal<Role | null>('admin');
  let requests: string[];

  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld([{ username: 'vol', role: 'volunteer' }]);
    device = await makeDevice(server, 'admin-tablet');
    online.value = true;
    role.value = 'admin';
    requests = [];
  });
  afterEach(async () => {
    device.db.close();
    await server.close();
  });

  function model() {
    return createAdminModel(
      {
        fetch: (input, init) => {
          requests.push(`${init?.method ?? 'GET'} ${new URL(input, 'http://x').pathname}`);
          return device.transport.fetch(input, init);
        },
        session: () => device.sessions.current(),
      },
      online,
      role,
    );
  }

  it('loads both lists, sorted by name, and keeps them current after each action', async () => {
    const admin = model();
    expect(admin.loaded.value).toBe(false);
    const loading = admin.load();
    expect(admin.actions.load.pending.value).toBe('');
    expect((await loading).ok).toBe(true);
    expect(admin.actions.load.pending.value).toBeNull();
    expect(admin.loaded.value).toBe(true);
    expect(admin.welcomePoints.value.map((wp) => wp.name)).toEqual(['Point A']);
    expect(admin.users.value.map((u) => u.username)).toEqual(['admin', 'vol']);

    const created = await admin.createWelcomePoint('  Centre social Arc-en-ciel  ');
    expect(created.ok && created.value.name).toBe('Centre social Arc-en-ciel');
    expect(admin.welcomePoints.value.map((wp) => wp.name)).toEqual(['Centre social Arc-en-ciel', 'Point A']);
    const id = created.ok ? created.value.id : '';
    await admin.setWelcomePointArchived(id, true);
    expect(admin.activeWelcomePoints.value.map((wp) => wp.id)).toEqual([WP_A]);
    expect(admin.welcomePoints.value.find((wp) => wp.id === id)?.archived).toBe(true);

    const user = await admin.createUser({
      username: 'zoe',
      displayName: 'Zoé Bénévole',
      role: 'volunteer',
      welcomePointIds: [WP_A],
      password: PASSWORD,
    });
    expect(user.ok).toBe(true);
    expect(admin.users.value.map((u) => u.username)).toEqual(['admin', 'vol', 'zoe']);
    const zoeId = user.ok ? user.value.id : '';
    const promoted = await admin.updateUser(zoeId, { role: 'coordinator', welcomePointIds: [] });
    expect(promoted.ok && promoted.value.role).toBe('coordinator');
    expect(admin.users.value.find((u) => u.id === zoeId)?.role).toBe('coordinator');
    const off = await admin.setUserDisabled(zoeId, true);
    expect(off.ok && off.value.disabled).toBe(true);
    expect(admin.users.value.find((u) => u.id === zoeId)?.disabled).toBe(true);

    // A fresh model sees the same on the server.
    const again = model();
    await again.load();
    expect(again.users.value.find((u) => u.id === zoeId)).toMatchObject({
      role: 'coordinator',
      disabled: true,
    });
  });

  it('shows the server’s refusal next to the field: user name taken', async () => {
    const admin = model();
    await admin.load();
    const outcome = await admin.createUser({
      username: 'vol',
      displayName: 'Autre Vol',
      role: 'volunteer',
      welcomePointIds: [WP_A],
      password: PASSWORD,
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'invalid', fields: { username: 'taken' } });
    expect(admin.actions.createUser.error.value).toEqual({
      target: '',
      kind: 'invalid',
      fields: { username: 'taken' },
    });
    expect(requests).toContain('POST /api/admin/users');
    admin.actions.createUser.clearError();
    expect(admin.actions.createUser.error.value).toBeNull();
  });

  it('checks with the server’s rules before sending: nothing leaves for a short password or a bad user name', async () => {
    const admin = model();
    const outcome = await admin.createUser({
      username: 'Zoé B',
      displayName: ' ',
      role: 'volunteer',
      welcomePointIds: [],
      password: 'court',
    });
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'invalid',
      fields: { username: 'invalid', password: 'invalid' },
    });
    expect((await admin.createWelcomePoint('   ')).ok).toBe(false);
    expect(admin.actions.createWelcomePoint.error.value?.fields).toEqual({ name: 'invalid' });
    expect(requests).toEqual([]);
  });

  it('is online only: offline, every action says so at once and sends nothing', async () => {
    const admin = model();
    online.value = false;
    expect(await admin.load()).toMatchObject({ ok: false, kind: 'offline' });
    expect(await admin.createWelcomePoint('Point C')).toMatchObject({ ok: false, kind: 'offline' });
    expect(admin.actions.createWelcomePoint.error.value?.kind).toBe('offline');
    expect(requests).toEqual([]);
    // Online but the server cannot be reached: the same answer.
    online.value = true;
    device.transport.offline = true;
    expect(await admin.revokeSessions('someone')).toMatchObject({
      ok: false,
      kind: 'offline',
      target: 'someone',
    });
    expect(admin.actions.revokeSessions.pending.value).toBeNull();
  });

  it('refuses every action to a signed-in person who is not an admin, without asking the server', async () => {
    const admin = model();
    role.value = 'coordinator';
    expect(admin.isAdmin.value).toBe(false);
    expect(await admin.load()).toMatchObject({ ok: false, kind: 'not-admin' });
    expect(requests).toEqual([]);
  });

  it('adminModelFor makes one model per app state', () => {
    const state = { adminDeps: { transport: undefined, isOnline: online, role } };
    expect(adminModelFor(state)).toBe(adminModelFor(state));
    expect(adminModelFor({ adminDeps: { ...state.adminDeps } })).not.toBe(adminModelFor(state));
  });
});
