// @vitest-environment node
/**
 * Deterministic simulation (sync-design §10.1): several devices (each its own fake-indexeddb
 * database, real DossierRepository, real SyncClient) against the real Fastify app, with injected
 * faults: dropped requests, dropped responses, duplicate deliveries, stale (reordered) pushes, a
 * server crash inside the push transaction, a server restart, a server restored from an older
 * backup (SQLite), and clock skew. Each seed drives one random run; at quiescence the invariants
 * are checked:
 *
 * - I1/I2 nothing lost: every outbox is empty, every seq a device wrote is in its sent-log and
 *   acknowledged by the server (deviceLastSeq), every row a device created is on the server;
 * - I3 nothing applied twice: a row's server version never exceeds the number of mutations
 *   aimed at it; each note appended exists exactly once;
 * - I5 no mutation quarantined (the random operations are all valid): a push for a household a
 *   coordinator merged meanwhile is redirected to its survivor, never refused (MERGE9);
 * - merges and unmerges (MERGE1–MERGE6) run between the devices' steps, as the console sends them:
 *   a repeated merge command gets the identical answer (MERGE2), an unmerge out of order is refused
 *   (LIFO, MERGE6), and an unmerge right after its merge gives back both households exactly (the
 *   data of every row, its household and tombstone, as before the merge);
 * - I8 convergence: every device's rows equal the server's (fields, tombstones, versions), and
 *   every device mirrors exactly the server's open conflicts.
 *
 * SYNC_SIM_SEEDS (default 100) sets the number of seeds, SYNC_SIM_SEED runs one seed, and
 * DATABASE_URL adds the same run on PostgreSQL. A failure prints the seed and the trace.
 */
import { describe, expect, it } from 'vitest';
import type { ServerConflictRecord } from '../../src/db/sync-apply/conflicts';
import { uuidv7 } from '../../src/domain/ids';
import {
  type MergeCommand,
  MergePreviewSchema,
  MergeRefusalSchema,
  MergeResultSchema,
} from '../../src/domain/sync/coordination-protocol';
import type { OutboxEntry } from '../../src/domain/sync/mutation';
import type { Conflict } from '../../src/domain/sync/protocol';
import {
  applicantFields,
  DATABASE_URL,
  type Device,
  deviceView,
  type Engine,
  householdFields,
  makeDevice,
  NO_FAULTS,
  postgresEngine,
  prng,
  rentFields,
  serverView,
  sqliteEngine,
  TestServer,
} from './helpers';

const SEEDS = Number(process.env.SYNC_SIM_SEEDS ?? 100);
const ONE_SEED = process.env.SYNC_SIM_SEED === undefined ? undefined : Number(process.env.SYNC_SIM_SEED);
const STEPS = Number(process.env.SYNC_SIM_STEPS ?? 40);

interface Run {
  trace: string[];
  notesAppended: Set<string>;
  rowsCreated: Set<string>;
  /** Active merges, oldest first: only the last may be undone (LIFO, MERGE6). */
  merges: ActiveMerge[];
  /** Merge and unmerge commands applied: each writes a row at most twice (I3's allowance). */
  commands: number;
  /** Every merge ever made, [merged, survivor]: pushes for the merged one land on the survivor. */
  mergedPairs: [string, string][];
  /** The step being run, to know whether anything happened between a merge and its unmerge. */
  step: number;
}

interface ActiveMerge {
  command: MergeCommand;
  step: number;
  /** Both households' rows on the server just before the merge. */
  before: Record<string, unknown>[];
}

type View = Record<string, Record<string, unknown>[]>;

/** The rows of these households (the household rows included), comparable without versions. */
function rowsOf(view: View, householdIds: readonly string[]): Record<string, unknown>[] {
  const ids = new Set(householdIds);
  return Object.entries(view)
    .flatMap(([entity, rows]) =>
      rows
        .filter((r) => ids.has(String(r.householdId)))
        .map(({ version: _v, ...r }): Record<string, unknown> => ({ entity, ...r })),
    )
    .sort((a, b) => `${String(a.entity)}${String(a.id)}`.localeCompare(`${String(b.entity)}${String(b.id)}`));
}

function adminToken(devices: readonly Device[]): string | undefined {
  return devices[0]?.sessions.current()?.token;
}

/**
 * A coordinator merges two live households as the console does: preview, a random pick for each
 * differing field and each child duplicate, one mergeId (sometimes sent twice, MERGE2).
 */
async function mergeStep(
  random: () => number,
  server: TestServer,
  devices: Device[],
  run: Run,
): Promise<void> {
  const view = await serverView(server);
  const live = (view.household ?? []).filter((h) => h.deleted !== true).map((h) => String(h.id));
  const survivorId = pick(random, live);
  const mergedId = pick(
    random,
    live.filter((id) => id !== survivorId),
  );
  if (survivorId === undefined || mergedId === undefined) return;
  const token = adminToken(devices);
  const preview = await server.inject(
    'GET',
    `/api/coordination/merge-preview?survivorId=${survivorId}&mergedId=${mergedId}`,
    undefined,
    token,
  );
  expect(preview.status, 'merge preview').toBe(200);
  const { differences, childDuplicates } = MergePreviewSchema.parse(preview.body);
  const bytes = new Uint8Array(8).map(() => Math.floor(random() * 256));
  const command: MergeCommand = {
    mergeId: uuidv7(server.clock.now(), Math.floor(random() * 4096), bytes),
    survivorId,
    mergedId,
    reason: 'simulation',
    fieldChoices: Object.fromEntries(
      differences.map((d) => [d.field, random() < 0.5 ? 'survivor' : 'merged'] as const),
    ),
    childChoices: childDuplicates.map((d) => ({
      entity: d.entity,
      survivorChildId: d.survivorChildId,
      mergedChildId: d.mergedChildId,
      keep: random() < 0.5 ? ('both' as const) : ('survivor' as const),
    })),
  };
  const first = await server.inject('POST', '/api/coordination/merges', command, token);
  expect(first.status, `merge ${JSON.stringify(first.body)}`).toBe(200);
  MergeResultSchema.parse(first.body);
  if (random() < 0.3) {
    const again = await server.inject('POST', '/api/coordination/merges', command, token);
    expect(again, 'MERGE2: the same mergeId gets the same answer').toEqual(first);
  }
  run.commands += 1;
  run.mergedPairs.push([mergedId, survivorId]);
  run.merges.push({ command, step: run.step, before: rowsOf(view, [survivorId, mergedId]) });
  run.trace.push(
    `coordinator: merge ${mergedId.slice(-6)} into ${survivorId.slice(-6)} (${differences.length} fields, ${childDuplicates.length} child duplicates)`,
  );
}

/** A coordinator undoes the last merge; an older one is refused first, sometimes (LIFO, MERGE6). */
async function unmergeStep(
  random: () => number,
  server: TestServer,
  devices: Device[],
  run: Run,
): Promise<void> {
  const last = run.merges.at(-1);
  if (last === undefined) return;
  const token = adminToken(devices);
  const older = run.merges.at(-2);
  const involves = (m: ActiveMerge, id: string) => m.command.survivorId === id || m.command.mergedId === id;
  if (
    older !== undefined &&
    random() < 0.5 &&
    (involves(last, older.command.survivorId) || involves(last, older.command.mergedId))
  ) {
    const refused = await server.inject(
      'POST',
      `/api/coordination/merges/${older.command.mergeId}/undo`,
      { reason: 'simulation' },
      token,
    );
    expect(refused.status, 'MERGE6: an older merge waits for the later one').toBe(409);
    expect(MergeRefusalSchema.parse(refused.body).reason).toBe('merge-superseded');
  }
  const undone = await server.inject(
    'POST',
    `/api/coordination/merges/${last.command.mergeId}/undo`,
    { reason: 'simulation' },
    token,
  );
  expect(undone.status, `unmerge ${JSON.stringify(undone.body)}`).toBe(200);
  run.merges.pop();
  run.commands += 1;
  run.trace.push(`coordinator: unmerge ${last.command.mergedId.slice(-6)}`);
  if (last.step === run.step - 1) {
    // Nothing happened since the merge: both households are back exactly as they were.
    const after = rowsOf(await serverView(server), [last.command.survivorId, last.command.mergedId]);
    expect(after, 'MERGE6: an unmerge right after its merge restores exactly').toEqual(last.before);
  }
}

function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

async function liveIds(d: Device, table: 'households' | 'charges'): Promise<string[]> {
  const rows = (await d.db.table(table).toArray()) as { id: string; deleted: boolean }[];
  return rows.filter((r) => !r.deleted).map((r) => r.id);
}

async function randomStep(
  random: () => number,
  server: TestServer,
  devices: Device[],
  run: Run,
  allowRestore: boolean,
): Promise<void> {
  const d = pick(random, devices);
  if (d === undefined) return;
  const r = random();
  const log = (what: string) => run.trace.push(`${d.name}: ${what}`);
  try {
    if (r < 0.1) {
      const { household, members } = await d.repository.createHousehold(householdFields(), [
        applicantFields(),
      ]);
      run.rowsCreated.add(household.id);
      for (const m of members) run.rowsCreated.add(m.id);
      log(`create household ${household.id.slice(-6)}`);
    } else if (r < 0.22) {
      const h = pick(random, await liveIds(d, 'households'));
      if (h === undefined) return;
      const charge = await d.repository.addRow(
        'charge',
        h,
        rentFields(30_000 + Math.floor(random() * 400) * 100),
      );
      run.rowsCreated.add(charge.id);
      log(`add charge ${charge.id.slice(-6)}`);
    } else if (r < 0.4) {
      const c = pick(random, await liveIds(d, 'charges'));
      if (c === undefined) return;
      const cents = 30_000 + Math.floor(random() * 400) * 100;
      await d.repository.updateFields('charge', c, { amountCents: cents });
      log(`rent ${c.slice(-6)} = ${cents}`);
    } else if (r < 0.52) {
      const h = pick(random, await liveIds(d, 'households'));
      if (h === undefined) return;
      const phone = `06 ${String(Math.floor(random() * 1e8))
        .padStart(8, '0')
        .replace(/(\d\d)(?=\d)/g, '$1 ')}`;
      await d.repository.updateFields('household', h, { phone });
      log(`phone ${h.slice(-6)} = ${phone}`);
    } else if (r < 0.57) {
      const c = pick(random, await liveIds(d, 'charges'));
      if (c === undefined) return;
      await d.repository.removeRow('charge', c);
      log(`delete charge ${c.slice(-6)}`);
    } else if (r < 0.63) {
      const h = pick(random, await liveIds(d, 'households'));
      if (h === undefined) return;
      const note = await d.repository.appendNote(h, `note ${run.notesAppended.size + 1}`);
      run.notesAppended.add(note.id);
      run.rowsCreated.add(note.id);
      log(`note ${note.id.slice(-6)}`);
    } else if (r < 0.68) {
      // Settle a conflict this device knows about, keeping one of the values (CONF4).
      const open = (await d.db.conflicts.where('status').equals('open').toArray()) as ServerConflictRecord[];
      const conflict = pick(random, open);
      if (conflict === undefined) return;
      const value = pick(random, conflict.server.values)?.value;
      await d.client.resolveConflict(conflict.id, value);
      log(`resolve ${conflict.server.field} of ${conflict.entityId.slice(-6)} = ${JSON.stringify(value)}`);
    } else if (r < 0.9) {
      // A sync over a faulty network.
      const f = random();
      d.transport.faults =
        f < 0.5
          ? { ...NO_FAULTS }
          : {
              dropRequest: random() < 0.5 ? 0.3 : 0,
              dropResponse: random() < 0.5 ? 0.3 : 0,
              duplicate: random() < 0.3 ? 0.5 : 0,
              reorder: random() < 0.3 ? 0.5 : 0,
            };
      const outcome = await d.client.sync().then(
        () => 'ok',
        (e: unknown) => `failed (${e instanceof Error ? e.message : String(e)})`,
      );
      log(`sync ${JSON.stringify(d.transport.faults)} → ${outcome}`);
      d.transport.faults = { ...NO_FAULTS };
    } else if (r < 0.94) {
      server.crashAfterMutation = random() < 0.7 ? 0 : 1;
      const outcome = await d.client.sync().then(
        () => 'ok',
        () => 'failed',
      );
      server.crashAfterMutation = undefined;
      await server.restart();
      log(`sync with a server crash inside the push transaction → ${outcome}; server restarted`);
    } else if (r < 0.97 && allowRestore) {
      // The server loses this device's last pushes: backup, edits pushed, restore.
      const backup = await server.backup();
      const h = pick(random, await liveIds(d, 'households'));
      if (h !== undefined) await d.repository.updateFields('household', h, { phone: '07 00 00 00 00' });
      const outcome = await d.client.sync().then(
        () => 'ok',
        () => 'failed',
      );
      await server.restore(backup);
      log(`backup, sync (${outcome}), server restored from the backup`);
    } else if (r < 0.985) {
      await mergeStep(random, server, devices, run);
    } else if (r < 0.995) {
      await unmergeStep(random, server, devices, run);
    } else {
      server.clock.advance(Math.floor(random() * 3 * 24 * 3600 * 1000));
      log('time passes');
    }
  } catch (error) {
    log(`local write refused: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function quiesce(devices: Device[]): Promise<void> {
  for (const d of devices) d.transport.faults = { ...NO_FAULTS };
  for (let round = 0; round < 3; round += 1) {
    for (const d of devices) await d.client.sync();
  }
}

async function checkInvariants(server: TestServer, devices: Device[], run: Run): Promise<void> {
  const view = await serverView(server);
  const mutationsPerRow = new Map<string, number>();
  for (const d of devices) {
    // I1/I2: nothing waits, nothing was forgotten before the server had it.
    expect(await d.db.outbox.count(), `${d.name} outbox`).toBe(0);
    const nextSeq = ((await d.db.meta.get('nextSeq'))?.value as number | undefined) ?? 1;
    const log = (await d.db.sentLog.toArray()) as OutboxEntry[];
    expect(
      log.map((e) => e.seq),
      `${d.name} sent-log`,
    ).toEqual(Array.from({ length: nextSeq - 1 }, (_, i) => i + 1));
    for (const e of log) mutationsPerRow.set(e.entityId, (mutationsPerRow.get(e.entityId) ?? 0) + 1);
    // I8: the device's view of its scope equals the server's.
    expect(await deviceView(d.db), `${d.name} view`).toEqual(view);
  }
  // I3: no row has more versions than mutations aimed at it (plus what merge and unmerge commands
  // wrote: at most two writes of a row each, its household and a reference); each note exists once.
  // A household also takes the mutations pushed for the households ever merged into it (MERGE9).
  const aimedAt = (id: string, seen: Set<string> = new Set()): number => {
    if (seen.has(id)) return 0;
    seen.add(id);
    const merged = run.mergedPairs.filter(([, survivor]) => survivor === id).map(([m]) => m);
    return (mutationsPerRow.get(id) ?? 0) + merged.reduce((n, m) => n + aimedAt(m, seen), 0);
  };
  for (const [entity, rows] of Object.entries(view)) {
    for (const row of rows) {
      const id = String(row.id);
      const mutations = entity === 'household' ? aimedAt(id) : (mutationsPerRow.get(id) ?? 0);
      expect(Number(row.version), `version of ${id}`).toBeLessThanOrEqual(mutations + 2 * run.commands);
    }
  }
  // MERGE5: no live row is left on a merged household.
  const merged = new Set((view.household ?? []).filter((h) => h.mergedInto !== undefined).map((h) => h.id));
  for (const [entity, rows] of Object.entries(view)) {
    if (entity === 'household') continue;
    const orphans = rows.filter((r) => r.deleted !== true && merged.has(r.householdId));
    expect(orphans, `${entity} rows left on a merged household`).toEqual([]);
  }
  const serverIds = new Set(Object.values(view).flatMap((rows) => rows.map((r) => String(r.id))));
  for (const id of run.rowsCreated) expect(serverIds.has(id), `row ${id} on the server`).toBe(true);
  expect((view.note ?? []).length).toBe(run.notesAppended.size);
  // The server acknowledged every seq of every device.
  const adminToken = devices[0]?.sessions.current()?.token;
  const quarantine = await server.inject('GET', '/api/quarantine', undefined, adminToken);
  expect((quarantine.body as { items: unknown[] }).items, 'quarantine').toEqual([]);
  // Conflicts: every device mirrors the server's open conflicts.
  const open = await server.inject('GET', '/api/conflicts', undefined, adminToken);
  const serverConflicts = ((open.body as { conflicts: Conflict[] }).conflicts ?? []).map((c) => c.id).sort();
  for (const d of devices) {
    const local = (await d.db.conflicts.where('status').equals('open').toArray()).map((c) => c.id).sort();
    expect(local, `${d.name} conflicts`).toEqual(serverConflicts);
  }
  const rows = Object.values(view).reduce((n, list) => n + list.length, 0);
  run.trace.push(`quiescent: ${rows} rows, ${serverConflicts.length} open conflicts`);
}

async function simulate(engine: Engine, seed: number): Promise<void> {
  const random = prng(seed);
  const server = await TestServer.start(engine);
  const run: Run = {
    trace: [],
    notesAppended: new Set(),
    rowsCreated: new Set(),
    merges: [],
    commands: 0,
    mergedPairs: [],
    step: 0,
  };
  const devices: Device[] = [];
  try {
    await server.makeWorld([
      { username: 'couns-1', role: 'counsellor' },
      { username: 'vol-1', role: 'volunteer' },
    ]);
    const skew = (random() - 0.5) * 2 * 365 * 24 * 3600 * 1000;
    devices.push(await makeDevice(server, 'admin', { seed: seed * 7 + 1 }));
    devices.push(await makeDevice(server, 'couns', { seed: seed * 7 + 2, username: 'couns-1' }));
    devices.push(
      await makeDevice(server, 'vol-skewed', {
        seed: seed * 7 + 3,
        username: 'vol-1',
        skewMs: Math.round(skew),
      }),
    );
    run.trace.push(`seed ${seed} on ${engine.name}; vol clock skew ${Math.round(skew / 3600_000)} h`);
    // Shared dossiers every device starts from, so that edits meet (conflicts, rebases).
    const first = devices[0];
    if (first !== undefined) {
      for (let i = 0; i < 2; i += 1) {
        const { household, members } = await first.repository.createHousehold(householdFields(), [
          applicantFields(),
        ]);
        const rent = await first.repository.addRow('charge', household.id, rentFields(45_000 + i * 1000));
        for (const id of [household.id, rent.id, ...members.map((m) => m.id)]) run.rowsCreated.add(id);
      }
    }
    for (const d of devices) await d.client.sync();
    for (let step = 0; step < STEPS; step += 1) {
      run.step = step;
      // An unmerge right after its merge is checked for exactness: give it a fair chance.
      if (run.merges.at(-1)?.step === step - 1 && random() < 0.3)
        await unmergeStep(random, server, devices, run);
      else await randomStep(random, server, devices, run, engine.name === 'sqlite');
    }
    await quiesce(devices);
    await checkInvariants(server, devices, run);
    if (process.env.SYNC_SIM_TRACE !== undefined) console.log(run.trace.join('\n'));
  } catch (error) {
    console.error(
      `SYNC SIMULATION FAILED — seed ${seed} (${engine.name}); rerun with SYNC_SIM_SEED=${seed}\n${run.trace.join('\n')}`,
    );
    throw error;
  } finally {
    for (const d of devices) d.db.close();
    await server.close();
  }
}

const seeds = ONE_SEED === undefined ? Array.from({ length: SEEDS }, (_, i) => i + 1) : [ONE_SEED];

describe('sync simulation on SQLite', () => {
  it(`keeps I1–I8 over ${seeds.length} seeded runs with faults`, { timeout: 30 * 60_000 }, async () => {
    for (const seed of seeds) await simulate(sqliteEngine, seed);
  });
});

describe.skipIf(DATABASE_URL === undefined)('sync simulation on PostgreSQL', () => {
  it(`keeps I1–I8 over ${seeds.length} seeded runs with faults`, { timeout: 30 * 60_000 }, async () => {
    for (const seed of seeds) await simulate(postgresEngine, seed);
  });
});
