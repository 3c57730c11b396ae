/**
 * Server-side reliability scenarios of sync-design §10.2, against the real Fastify app, on
 * SQLite and (with DATABASE_URL) PostgreSQL. Client-only scenarios (2–6, 29, 31–34) belong to the
 * device sync client.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../../src/domain/seeded-random';
import type { Mutation } from '../../../src/domain/sync/mutation';
import { MAX_PUSH_MUTATIONS } from '../../../src/domain/sync/protocol';
import { runAdminCli } from '../../../sync-server/src/cli/admin';
import { SqliteStore } from '../../../sync-server/src/stores/sqlite-store';
import { makeTempDir } from '../helpers';
import {
  bearer,
  chargeFields,
  Device,
  ENGINES,
  login,
  makeWorld,
  newDevice,
  openApp,
  requireServerRow,
  serverRow,
  TestClock,
  useSyncServer,
  WP_A,
} from './harness';

for (const engine of ENGINES) {
  describe(`reliability scenarios on ${engine.name}`, () => {
    /** The push transaction throws after this mutation index (crash injection), once set. */
    let failAt: number | undefined;
    beforeEach(() => {
      failAt = undefined;
    });
    const server = useSyncServer(engine, {
      perTest: true,
      app: {
        sync: {
          afterMutation: (index) => {
            if (index === failAt) throw new Error('injected crash inside the push transaction');
          },
        },
      },
    });
    const { clock } = server;

    const counts = async () =>
      server.store.transaction(async (tx) => ({
        applied: await tx.countApplied(),
        quarantined: (await tx.listQuarantine({ status: 'all', limit: 1000 })).length,
        seq: await tx.getCounter('change_seq'),
      }));

    it('[PUSH3] scenario 8: the response is lost after commit; the resent batch gets identical results marked duplicate', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      const batch = [
        h,
        ...Array.from({ length: 5 }, () => a.create('charge', h.entityId, chargeFields(10_000))),
      ];
      const first = await a.push(batch); // "lost"
      const before = await counts();
      const resent = await a.push(batch);
      expect(resent.ackSeq).toBe(first.ackSeq);
      expect(resent.results.map((r) => [r.seq, r.status, r.original?.status, r.original?.version])).toEqual(
        first.results.map((r) => [r.seq, 'duplicate', r.status, r.version]),
      );
      expect(await counts()).toEqual(before);
    });

    it('[PUSH6] scenario 9: the same batch delivered twice concurrently has one set of effects', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      const batch = [
        h,
        ...Array.from({ length: 20 }, () => a.create('charge', h.entityId, chargeFields(500))),
      ];
      const [r1, r2] = await Promise.all([a.push(batch), a.push(batch)]);
      expect(r1.ackSeq).toBe(21);
      expect(r2.ackSeq).toBe(21);
      const statuses = [...r1.results, ...r2.results].map((r) => r.status);
      expect(statuses.filter((s) => s === 'applied')).toHaveLength(21);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(21);
      expect((await counts()).applied).toBe(21);
      expect((await counts()).seq).toBe(21);
    });

    it('[PUSH7] scenario 11: a truncated or invalid body is 400 and acknowledges nothing', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      const truncated = await server.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { ...bearer(a.account.token), 'content-type': 'application/json' },
        payload: JSON.stringify({ protocolVersion: 1, deviceId: a.deviceId, mutations: [h] }).slice(0, 80),
      });
      expect(truncated.statusCode).toBe(400);
      const noSeq = await a.pushRaw([{ ...h, seq: undefined }]);
      expect(noSeq.statusCode).toBe(400);
      const tooMany = await a.pushRaw(
        Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => ({ seq: i + 1, mutationId: randomUUID() })),
      );
      expect(tooMany.statusCode).toBe(400);
      const newer = await a.pushRaw([h], { protocolVersion: 99 });
      expect(newer.statusCode).toBe(400);
      expect((await counts()).applied).toBe(0);
      expect((await a.push([h])).ackSeq).toBe(1);
    });

    it('[PUSH8] a body over 256 kB is refused with 413 before parsing', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      const response = await a.pushRaw([{ ...h, patch: { ...h.patch, trackReason: 'x'.repeat(300_000) } }]);
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: 'payload_too_large' });
    });

    it('[PUSH8] a gzip body is inflated: 500 mutations fit; over 256 kB compressed or a zip bomb is 413', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      const batch = [
        h,
        ...Array.from({ length: 499 }, () =>
          a.create('charge', h.entityId, {
            ...chargeFields(100),
            label: 'Loyer et charges locatives du logement',
          }),
        ),
      ];
      const send = (body: unknown, raw?: Buffer) =>
        server.app.inject({
          method: 'POST',
          url: '/api/sync/push',
          headers: {
            ...bearer(a.account.token),
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          },
          payload: raw ?? gzipSync(JSON.stringify(body)),
        });
      const envelope = (mutations: unknown[]) => ({
        protocolVersion: 1,
        schemaVersion: 2,
        appVersion: '0.1.0',
        deviceId: a.deviceId,
        mutations,
      });
      expect(JSON.stringify(envelope(batch)).length).toBeGreaterThan(256 * 1024);
      const ok = await send(envelope(batch));
      expect(ok.statusCode).toBe(200);
      expect((ok.json() as { ackSeq: number }).ackSeq).toBe(500);
      const noise = randomBytes(400_000).toString('base64');
      expect((await send(envelope([{ seq: 501, mutationId: randomUUID(), noise }]))).statusCode).toBe(413);
      const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 32));
      expect((await send(undefined, bomb)).statusCode).toBe(413);
      const deflate = await server.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { ...bearer(a.account.token), 'content-type': 'application/json', 'content-encoding': 'br' },
        payload: '{}',
      });
      expect(deflate.statusCode).toBe(415);
    });

    it('[PUSH9] scenario 14: a crash inside the push transaction leaves nothing; the retry applies the batch once', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      const batch = [
        h,
        ...Array.from({ length: 5 }, () => a.create('charge', h.entityId, chargeFields(900))),
      ];
      failAt = 3;
      const crashed = await a.pushRaw(batch);
      expect(crashed.statusCode).toBe(503);
      expect(await counts()).toEqual({ applied: 0, quarantined: 0, seq: 0 });
      expect(await serverRow(server.store, 'household', h.entityId)).toBeUndefined();
      expect((await server.store.transaction((tx) => tx.getDevice(a.deviceId)))?.lastSeq).toBe(0);
      failAt = undefined;
      const retried = await a.push(batch);
      expect(retried.results.every((r) => r.status === 'applied')).toBe(true);
      expect(await counts()).toEqual({ applied: 6, quarantined: 0, seq: 6 });
    });

    it('[PUSH10] scenario 13: 30 days offline, 500 mutations across 20 households over a lossy link → all applied once', async () => {
      const seed = 20261127;
      const random = prng(seed);
      const a = new Device(server.app, server.world.counsellorA, clock);
      const other = new Device(server.app, server.world.volunteerA, clock);
      const outbox: Mutation[] = [];
      const households = Array.from({ length: 20 }, () => a.createHousehold(WP_A));
      outbox.push(...households);
      const charges = households.map((h) => a.create('charge', h.entityId, chargeFields(30_000)));
      outbox.push(...charges);
      // Sync the starting point, then the other device edits the rent of households 0..4.
      await a.push([...outbox]);
      outbox.length = 0;
      for (const c of charges.slice(0, 5)) {
        const row = await requireServerRow(server.store, 'charge', c.entityId);
        await other.push([other.patch('charge', row, { amountCents: 31_000 })]);
      }
      clock.advance(25 * 86_400_000); // (a session unused for 30 days expires: AUTH5)
      const bases = new Map<string, Awaited<ReturnType<typeof serverRow>>>();
      for (const c of charges) bases.set(c.entityId, await serverRow(server.store, 'charge', c.entityId));
      while (outbox.length < 500) {
        const i = outbox.length % 20;
        const c = charges[i];
        const base = c === undefined ? undefined : bases.get(c.entityId);
        if (c === undefined || base === undefined) throw new Error('setup');
        // Device A's first offline edit of each rent was based on the version it had (1).
        const pre = { ...base, version: 1, fieldVersions: { ...base.fieldVersions, amountCents: 1 } };
        outbox.push(
          outbox.length < 40
            ? a.patch('charge', pre, { amountCents: 32_000 + outbox.length })
            : a.patch('charge', pre, { label: `ligne ${outbox.length}` }),
        );
      }
      let acked = 40; // seqs 1..40 were acknowledged before going offline
      let attempts = 0;
      while (acked < a.seq) {
        attempts += 1;
        if (attempts > 500) throw new Error(`no progress (seed ${seed})`);
        const batch = outbox.filter((m) => m.seq > acked).slice(0, 100);
        const fate = random();
        if (fate < 0.1) continue; // request lost
        const response = await a.push(batch);
        if (fate < 0.2) continue; // response lost after commit
        acked = response.ackSeq;
      }
      const applied = await server.store.transaction((tx) => tx.countApplied(a.deviceId));
      expect(applied).toBe(a.seq);
      const conflicts = await server.store.transaction((tx) =>
        tx.openConflictsOf(charges.map((c) => c.entityId)),
      );
      expect(new Set(conflicts.map((c) => c.entityId))).toEqual(
        new Set(charges.slice(0, 5).map((c) => c.entityId)),
      );
      expect(conflicts.every((c) => c.field === 'amountCents')).toBe(true);
    });

    it('[PUSH9] scenario 18: with the database unavailable, push answers 503; nothing is applied or quarantined', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      await server.store.close();
      const response = await a.pushRaw([h]);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: 'service_unavailable' });
    });

    it('[PUSH11] scenario 35: unsynced changes exported and pushed from another tablet with the same device id apply once', async () => {
      const a = new Device(server.app, server.world.counsellorA, clock);
      const h = a.createHousehold(WP_A);
      const rows = Array.from({ length: 10 }, () => a.create('charge', h.entityId, chargeFields(700)));
      await a.push([h, ...rows.slice(0, 4)]); // the first 5 reached the server before the tablet broke
      const exported = JSON.parse(JSON.stringify([h, ...rows])) as Mutation[];
      // The same user logs in on a new tablet with the device id from the export file.
      const session = await login(server.app, server.world.counsellorA.username, a.deviceId);
      const tablet = new Device(
        server.app,
        { ...server.world.counsellorA, token: (session.json() as { token: string }).token },
        clock,
      );
      const response = await tablet.push(exported);
      expect(response.results.map((r) => r.status)).toEqual([
        ...Array(5).fill('duplicate'),
        ...Array(6).fill('applied'),
      ]);
      expect(await server.store.transaction((tx) => tx.countApplied(a.deviceId))).toBe(11);
    });
  });
}

describe('scenario 16: server restored from an older backup (SQLite file)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('[PUSH12] the device re-pushes from its sent-log starting at ackSeq + 1; [PULL6] pulls reset; no duplicates', async () => {
    const path = join(temp.dir, 'relais.sqlite');
    const backup = join(temp.dir, 'backup.sqlite');
    const clock = new TestClock();
    let store = new SqliteStore({ path });
    await store.migrate();
    let app = await openApp(store, clock);
    const world = await makeWorld(app);
    const device = new Device(app, world.counsellorA, clock);
    const h = device.createHousehold(WP_A);
    const sentLog: Mutation[] = [
      h,
      ...Array.from({ length: 79 }, () => device.create('charge', h.entityId, chargeFields(1))),
    ];
    await device.push(sentLog.slice(0, 60));
    const reader = new Device(app, await newDevice(app, world.counsellorA), clock);
    const db = new Database(path);
    await db.backup(backup);
    db.close();
    expect((await device.push(sentLog.slice(60, 80))).ackSeq).toBe(80);
    const cursor = (await reader.pullAll()).last.nextCursor;
    await app.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    copyFileSync(backup, path);
    // The operator's restore procedure ends with `admin.ts mark-restored`.
    const cli = await runAdminCli(['mark-restored'], { DATA_DIR: temp.dir }, process.stdin);
    expect(cli.code).toBe(0);

    store = new SqliteStore({ path });
    await store.migrate();
    app = await openApp(store, clock);
    const restored = new Device(app, world.counsellorA, clock);
    restored.seq = device.seq;
    const next = restored.create('charge', h.entityId, chargeFields(2));
    const first = await restored.push([next]);
    expect(first).toMatchObject({ ackSeq: 60, results: [], expectedSeq: 61 });
    const refeed = await restored.push([...sentLog.slice(60), next]);
    expect(refeed.ackSeq).toBe(81);
    expect(refeed.results.every((r) => r.status === 'applied')).toBe(true);
    expect(await store.transaction((tx) => tx.countApplied(device.deviceId))).toBe(81);
    const rereader = new Device(app, reader.account, clock);
    const restarted = await rereader.pull(cursor);
    expect(restarted.resetRequired).toBe(true);
    expect((await rereader.pullAll(null)).rows.size).toBe(81);
    await app.close();
  });
});

it('scenario ids are unique per device even across many households (sanity)', () => {
  expect(new Set(Array.from({ length: 100 }, () => randomUUID())).size).toBe(100);
});
