/**
 * INPUT1–INPUT4 (docs/sync-protocol.md) through the real routes, on SQLite and, with
 * DATABASE_URL, PostgreSQL: bad input is a 400 with its place, or a quarantined and acknowledged
 * mutation, never a 5xx that a device would retry forever; a row keeps only what its schema
 * parsed, within MAX_ROW_BYTES.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, MAX_ROW_BYTES } from '../../../src/domain/sync/input-rules';
import { PROTOCOL_VERSION, type PushResponse, type QuarantineItem } from '../../../src/domain/sync/protocol';
import {
  bearer,
  chargeFields,
  type Device,
  ENGINES,
  memberFields,
  PASSWORD,
  requireServerRow,
  serverRow,
  useSyncServer,
  WP_A,
} from './harness';

const NUL = '\u0000';
/** A JSON array nested `depth` deep, written as text: building it as a value and stringifying it would overflow the test's own stack. */
const deepJson = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

for (const engine of ENGINES) {
  describe(`input rules on ${engine.name}`, () => {
    const server = useSyncServer(engine);

    /** Pushes `mutations`, with each `"__DEEP__"` string in them replaced by a `depth`-deep array. */
    async function pushWithDeep(
      device: Device,
      mutations: unknown[],
      depth: number,
    ): Promise<LightMyRequestResponse> {
      const body = JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 2,
        appVersion: '0.1.0',
        deviceId: device.deviceId,
        mutations,
      }).replaceAll('"__DEEP__"', deepJson(depth));
      return server.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { ...bearer(device.account.token), 'content-type': 'application/json' },
        payload: body,
      });
    }

    async function quarantined(): Promise<QuarantineItem[]> {
      const response = await server.app.inject({
        method: 'GET',
        url: '/api/quarantine?status=all&limit=1000',
        headers: bearer(server.world.coordinator.token),
      });
      expect(response.statusCode).toBe(200);
      return (response.json() as { items: QuarantineItem[] }).items;
    }

    it('[INPUT2][QUAR1] a mutation nested 5,000 deep is quarantined and acknowledged; the rest of the batch applies, and a resend replays', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = device.createHousehold(WP_A);
      const deep = device.create('member', h.entityId, { ...memberFields(), lastName: '__DEEP__' });
      const charge = device.create('charge', h.entityId, chargeFields());
      const first = await pushWithDeep(device, [h, deep, charge], 5000);
      expect(first.statusCode, first.body).toBe(200);
      const response = first.json() as PushResponse;
      expect(response.ackSeq).toBe(3);
      expect(response.results.map((r) => [r.status, r.reason])).toEqual([
        ['applied', undefined],
        ['quarantined', 'invalid-mutation'],
        ['applied', undefined],
      ]);
      expect(await serverRow(server.store, 'member', deep.entityId)).toBeUndefined();
      expect(await serverRow(server.store, 'charge', charge.entityId)).toMatchObject({ amountCents: 45_000 });

      // The device's retry of the same batch (a lost response) is a replay, not a 503.
      const again = await pushWithDeep(device, [h, deep, charge], 5000);
      expect(again.statusCode, again.body).toBe(200);
      expect((again.json() as PushResponse).results.map((r) => r.status)).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
      ]);

      // Coordinators can list it: the payload is kept down to MAX_INPUT_DEPTH, then a marker.
      const item = (await quarantined()).find((i) => i.mutationId === deep.mutationId);
      expect(item?.detail).toMatch(/^INPUT2 at patch\.lastName(\.0)+: nested more than 32 levels deep$/);
      let value = (item?.payload as { patch: { lastName: unknown } } | undefined)?.patch.lastName;
      let levels = 2; // the payload and its patch, then one per array kept
      while (Array.isArray(value)) {
        value = value[0];
        levels += 1;
      }
      expect(levels).toBe(MAX_INPUT_DEPTH);
      expect(value).toMatch(/^\[INPUT2: /);
    });

    it('[INPUT1][QUAR1] a NUL in the hlc node, entityId, householdId, entity, a field or a field name is quarantined and acknowledged', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = device.createHousehold(WP_A);
      const withNul = (change: (m: Record<string, unknown>) => void) => {
        const m = device.create('charge', h.entityId, chargeFields()) as unknown as Record<string, unknown>;
        change(m);
        return m;
      };
      const poisoned = [
        withNul((m) => {
          m.hlc = `${m.hlc}${NUL}`;
        }),
        withNul((m) => {
          m.entityId = `c${NUL}1`;
        }),
        withNul((m) => {
          m.householdId = `${h.entityId}${NUL}`;
        }),
        withNul((m) => {
          m.entity = `charge${NUL}`;
        }),
        withNul((m) => {
          m.patch = { ...chargeFields(), label: `Loyer${NUL}` };
        }),
        withNul((m) => {
          m.patch = { ...chargeFields(), [`label${NUL}`]: 'Loyer' };
        }),
        // INPUT1 refuses the other C0 controls too (here a vertical tab pasted with a text).
        withNul((m) => {
          m.patch = { ...chargeFields(), label: 'Loyer\u000bmars' };
        }),
      ];
      const kept = device.create('charge', h.entityId, { ...chargeFields(), label: 'Loyer\tmars\r\navril' });
      // One push per place, so a failure shows each place that is not quarantined and acknowledged.
      const outcomes: string[] = [];
      let next = 1;
      for (const m of [h, ...poisoned, kept]) {
        // The next seq the server expects, so a place refused with a 5xx does not hide the next.
        const response = await device.pushRaw([{ ...m, seq: next }]);
        const body = response.json() as PushResponse;
        if (response.statusCode === 200) next = body.ackSeq + 1;
        outcomes.push(
          `${response.statusCode} ack ${body.ackSeq} ${body.results?.[0]?.reason ?? body.results?.[0]?.status}`,
        );
      }
      expect(outcomes).toEqual([
        '200 ack 1 applied',
        ...poisoned.map((_, i) => `200 ack ${i + 2} invalid-mutation`),
        '200 ack 9 applied',
      ]);
      // Tab and line breaks are kept as they were typed, on both engines.
      expect(await requireServerRow(server.store, 'charge', kept.entityId)).toMatchObject({
        label: 'Loyer\tmars\r\navril',
      });
      const items = await quarantined();
      const ids = new Set(poisoned.map((m) => m.mutationId));
      const mine = items.filter((i) => ids.has(i.mutationId));
      expect(mine).toHaveLength(poisoned.length);
      for (const item of mine) expect(item.detail).toMatch(/^INPUT1 at /);
      // A column never receives the refused string (PostgreSQL would refuse U+0000).
      const byId = new Map(mine.map((i) => [i.mutationId, i]));
      expect(byId.get(poisoned[2]?.mutationId as string)?.householdId).toBeNull();
      expect(byId.get(poisoned[3]?.mutationId as string)?.entity).toBeNull();
      // The payload is kept verbatim: the NUL is still there for a coordinator to see.
      expect(
        (byId.get(poisoned[0]?.mutationId as string)?.payload as { hlc: string } | undefined)?.hlc,
      ).toContain(NUL);
    });

    it('[INPUT1] a NUL in any request field, path or query is a 400 naming the place, never a 5xx', async () => {
      const admin = bearer(server.world.admin.token);
      const coordinator = bearer(server.world.coordinator.token);
      const device = await server.device(server.world.volunteerA);
      const mine = bearer(device.account.token);
      const login = { username: 'vol-a', password: PASSWORD, deviceId: 'dev-input-rules' };
      const sync = {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 2,
        appVersion: '0.1.0',
        deviceId: device.deviceId,
      };
      const cases: {
        method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
        url: string;
        headers?: Record<string, string>;
        payload?: Record<string, unknown>;
        place: string;
      }[] = [
        {
          method: 'POST',
          url: '/api/auth/login',
          payload: { ...login, username: `vol-a${NUL}` },
          place: 'body: INPUT1 at username',
        },
        {
          method: 'POST',
          url: '/api/auth/login',
          payload: { ...login, deviceId: `d${NUL}` },
          place: 'deviceId',
        },
        {
          method: 'POST',
          url: '/api/auth/login',
          payload: { ...login, deviceName: `Tablette${NUL}` },
          place: 'deviceName',
        },
        {
          method: 'POST',
          url: '/api/auth/login',
          payload: { ...login, previousDeviceId: `d${NUL}` },
          place: 'previousDeviceId',
        },
        {
          method: 'POST',
          url: '/api/auth/login',
          payload: { ...login, switchedFromDeviceId: `d${NUL}` },
          place: 'switchedFromDeviceId',
        },
        {
          method: 'POST',
          url: '/api/auth/login',
          payload: { ...login, password: `${PASSWORD}${NUL}` },
          place: 'password',
        },
        {
          method: 'POST',
          url: '/api/setup',
          payload: { username: 'second-admin', password: PASSWORD, displayName: `A${NUL}` },
          place: 'displayName',
        },
        {
          method: 'PATCH',
          url: '/api/auth/device',
          headers: mine,
          payload: { name: `T${NUL}` },
          place: 'name',
        },
        {
          method: 'POST',
          url: '/api/admin/welcome-points',
          headers: admin,
          payload: { id: `wp${NUL}`, name: 'Point C' },
          place: 'body: INPUT1 at id',
        },
        {
          method: 'POST',
          url: '/api/admin/welcome-points',
          headers: admin,
          payload: { name: `Point${NUL}C` },
          place: 'name',
        },
        {
          method: 'PATCH',
          url: `/api/admin/welcome-points/${WP_A}`,
          headers: admin,
          payload: { name: `A${NUL}` },
          place: 'name',
        },
        {
          method: 'PATCH',
          url: '/api/admin/welcome-points/wp%00a',
          headers: admin,
          payload: { name: 'A' },
          place: 'params: INPUT1 at id',
        },
        { method: 'DELETE', url: '/api/admin/welcome-points/wp%00a', headers: admin, place: 'params' },
        {
          method: 'POST',
          url: '/api/admin/users',
          headers: admin,
          payload: {
            username: 'newbie',
            displayName: `N${NUL}`,
            password: PASSWORD,
            role: 'volunteer',
            welcomePointIds: [WP_A],
          },
          place: 'displayName',
        },
        {
          method: 'POST',
          url: '/api/admin/users',
          headers: admin,
          payload: {
            username: 'newbie',
            displayName: 'N',
            password: PASSWORD,
            role: 'volunteer',
            welcomePointIds: [`wp${NUL}`],
          },
          place: 'welcomePointIds.0',
        },
        { method: 'GET', url: '/api/admin/users/u%00x', headers: admin, place: 'params' },
        {
          method: 'PATCH',
          url: `/api/admin/users/${server.world.volunteerA.userId}`,
          headers: admin,
          payload: { displayName: `V${NUL}` },
          place: 'displayName',
        },
        {
          method: 'PATCH',
          url: '/api/admin/users/u%00x',
          headers: admin,
          payload: { disabled: true },
          place: 'params',
        },
        { method: 'DELETE', url: '/api/admin/users/u%00x', headers: admin, place: 'params' },
        { method: 'GET', url: '/api/admin/users/u%00x/sessions', headers: admin, place: 'params' },
        { method: 'DELETE', url: '/api/admin/sessions/s%00', headers: admin, place: 'params' },
        { method: 'POST', url: '/api/quarantine/q%00/handled', headers: coordinator, place: 'params' },
        { method: 'POST', url: '/api/device-alerts/a%00/handled', headers: coordinator, place: 'params' },
        {
          method: 'GET',
          url: '/api/conflicts?householdId=h%00',
          headers: mine,
          place: 'querystring: INPUT1 at householdId',
        },
        {
          method: 'GET',
          url: `/api/sync/pull?protocolVersion=1&schemaVersion=2&appVersion=0.1.0&deviceId=d%00`,
          headers: mine,
          place: 'querystring',
        },
        {
          method: 'POST',
          url: '/api/sync/pull',
          headers: mine,
          payload: { ...sync, appVersion: `0.1${NUL}` },
          place: 'appVersion',
        },
        {
          method: 'POST',
          url: '/api/sync/push',
          headers: mine,
          payload: { ...sync, deviceId: `d${NUL}`, mutations: [] },
          place: 'body: INPUT1 at deviceId',
        },
      ];
      for (const c of cases) {
        const response = await server.app.inject(c);
        expect(
          response.statusCode,
          `${c.method} ${c.url} ${JSON.stringify(c.payload)}: ${response.body}`,
        ).toBe(400);
        const body = response.json() as { error: string; message: string };
        expect(body.error).toBe('bad_request');
        expect(body.message).toContain(c.place);
      }
    });

    it('[INPUT2] a request body nested 5,000 deep is a 400, never a 5xx', async () => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: `{"username":"vol-a","password":"x","deviceId":"d","deviceName":${deepJson(5000)}}`,
      });
      expect(response.statusCode).toBe(400);
      expect((response.json() as { message: string }).message).toMatch(/^Invalid body: INPUT2 at deviceName/);
    });

    it('[INPUT1] a JSON body that is not UTF-8 is a 400, not text silently turned into U+FFFD', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = device.createHousehold(WP_A);
      const text = JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 2,
        appVersion: '0.1.0',
        deviceId: device.deviceId,
        mutations: [h],
      }).replace('"tenant"', '"__BYTES__"');
      const [before, after] = text.split('__BYTES__') as [string, string];
      // 0xC3 0x28: a two-byte sequence cut short; 0xFF never appears in UTF-8.
      const payload = Buffer.concat([
        Buffer.from(before),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from(after),
      ]);
      const push = await server.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { ...bearer(device.account.token), 'content-type': 'application/json' },
        payload,
      });
      expect(push.statusCode).toBe(400);
      expect((push.json() as { message: string }).message).toBe(
        'Invalid body: INPUT1: the body is not valid UTF-8',
      );
      expect(await serverRow(server.store, 'household', h.entityId)).toBeUndefined();
      const login = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: Buffer.concat([
          Buffer.from('{"username":"vol-a'),
          Buffer.from([0xff]),
          Buffer.from('","password":"x","deviceId":"d"}'),
        ]),
      });
      expect(login.statusCode).toBe(400);
    });

    it('[INPUT3] fields the entity does not have are dropped: not stored, not in the field history, not pulled', async () => {
      const device = await server.device(server.world.counsellorA);
      const other = await server.device(server.world.volunteerA);
      const h = device.createHousehold(WP_A);
      const extra = 'x'.repeat(200 * 1024);
      const member = device.create('member', h.entityId, {
        ...memberFields(),
        extra,
        nested: { a: { b: [1, 2, 3] } },
      });
      const created = await device.push([h, member]);
      expect(created.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const row = await requireServerRow(server.store, 'member', member.entityId);
      expect(row).not.toHaveProperty('extra');
      expect(row).not.toHaveProperty('nested');
      expect(Object.keys(row.fieldVersions).sort()).toEqual(Object.keys(memberFields()).sort());

      // A patch of unknown fields alone changes nothing: same version, no history.
      const patch = device.patch('member', row, { extra: 'again', firstName: 'Aïcha' });
      const patched = await device.push([patch]);
      expect(patched.results[0]).toMatchObject({ status: 'applied', version: 1 });
      const history = await server.store.transaction((tx) => tx.listFieldHistory('member', member.entityId));
      expect(history.map((entry) => entry.field)).not.toContain('extra');

      const pulled = await other.pullAll();
      const seen = pulled.rows.get(`member:${member.entityId}`);
      expect(seen).toMatchObject({ firstName: 'Aïcha', lastName: 'Benali' });
      expect(seen).not.toHaveProperty('extra');
      expect(seen).not.toHaveProperty('nested');
    });

    it('[INPUT3][CONF2] a value that loses to a concurrent write is checked too: an invalid one is quarantined, never kept in a conflict or the history', async () => {
      const a = await server.device(server.world.counsellorA);
      const b = await server.device(server.world.volunteerA);
      const h = a.createHousehold(WP_A);
      const charge = a.create('charge', h.entityId, chargeFields());
      await a.push([h, charge]);
      const row = await requireServerRow(server.store, 'charge', charge.entityId);
      b.skewMs = -60_000; // B's stamp is older: its value loses (CONF1)
      const late = b.patch('charge', row, { amountCents: 'beaucoup' });
      const valid = b.patch('charge', row, { amountCents: 47_000 });
      await a.push([a.patch('charge', row, { amountCents: 50_000 })]);
      const response = await b.push([late, valid]);
      expect(response.results.map((r) => r.reason ?? r.status)).toEqual([
        'schema-invalid',
        'conflict-recorded',
      ]);
      const conflicts = await server.app.inject({
        method: 'GET',
        url: `/api/conflicts?householdId=${h.entityId}`,
        headers: bearer(a.account.token),
      });
      const values = (
        conflicts.json() as { conflicts: { values: { value: unknown }[] }[] }
      ).conflicts.flatMap((c) => c.values.map((v) => v.value));
      expect(values.sort()).toEqual([47_000, 50_000]);
      const history = await server.store.transaction((tx) => tx.listFieldHistory('charge', charge.entityId));
      expect(history.map((entry) => entry.value)).not.toContain('beaucoup');
      expect(await requireServerRow(server.store, 'charge', charge.entityId)).toMatchObject({
        amountCents: 50_000,
      });
    });

    it('[INPUT2][INPUT3] an unknown field holding a 3,000-deep array is quarantined, not stored', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = device.createHousehold(WP_A);
      const member = device.create('member', h.entityId, { ...memberFields(), extra: '__DEEP__' });
      const response = await pushWithDeep(device, [h, member], 3000);
      expect(response.statusCode).toBe(200);
      expect((response.json() as PushResponse).results.map((r) => r.reason ?? r.status)).toEqual([
        'applied',
        'invalid-mutation',
      ]);
      expect(await serverRow(server.store, 'member', member.entityId)).toBeUndefined();
    });

    it('[INPUT4] a row or a patch over MAX_ROW_BYTES is quarantined with its size, never stored', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = device.createHousehold(WP_A);
      // Each half fits under the bound; together they do not.
      const half = 'é'.repeat(Math.ceil((MAX_ROW_BYTES * 0.6) / 2)); // 2 UTF-8 bytes a character
      const scenario = device.create('scenario', h.entityId, {
        name: 'Médiation',
        savedAt: server.clock.ms,
        savedBy: 'engine',
        isChosen: false,
        parameters: { note: half },
        summary: { months: 84 },
      });
      const created = await device.push([h, scenario]);
      expect(created.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const row = await requireServerRow(server.store, 'scenario', scenario.entityId);

      const tooBig = device.patch('scenario', row, { summary: { months: 84, note: half } });
      const tooLongPatch = device.patch('scenario', row, {
        summary: { note: 'é'.repeat(Math.ceil(MAX_ROW_BYTES / 2) + 1) },
      });
      const response = await device.push([tooBig, tooLongPatch]);
      expect(response.results.map((r) => r.reason)).toEqual(['schema-invalid', 'invalid-patch']);
      const after = await requireServerRow(server.store, 'scenario', scenario.entityId);
      expect(after.summary).toEqual({ months: 84 });
      const details = new Map((await quarantined()).map((i) => [i.mutationId, i.detail]));
      expect(details.get(tooBig.mutationId)).toMatch(
        /^INPUT4: the row would take \d+ bytes, more than 131072$/,
      );
      expect(details.get(tooLongPatch.mutationId)).toMatch(
        /^INPUT4: the patch takes \d+ bytes, more than 131072$/,
      );
    });

    it('[INPUT1] a mutation id reused with another payload stays a duplicate; a new device id with a NUL never reaches a store', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = device.createHousehold(WP_A);
      await device.push([h]);
      const reused = { ...device.create('charge', h.entityId, chargeFields()), mutationId: h.mutationId };
      const response = await device.push([reused]);
      expect(response.results[0]?.status).toBe('duplicate');
      expect(await serverRow(server.store, 'charge', reused.entityId)).toBeUndefined();
      const fresh = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'couns-a', password: PASSWORD, deviceId: `${randomUUID()}${NUL}` },
      });
      expect(fresh.statusCode).toBe(400);
    });
  });
}
