/**
 * Initial pull into a fresh device (issue 6, Benchmarks): 2,000 synthetic households (about
 * 80,000 rows) on the server, pulled by the real SyncClient into a fresh RelaisDb in Chromium.
 * Target (issue 17): at most 1.5× a raw Dexie bulkPut of the same rows, and at most 5 s (issue 6
 * asked for 2× and 10 s).
 *
 * - The real server (tests/e2e/harness.ts: SQLite in a temp DATA_DIR, 127.0.0.1) is seeded, not
 *   measured, through the real push endpoint: first admin (POST /api/setup), a session, then one
 *   'create' mutation per row (built as seedDatabase's `asLocalChanges` does), 500 per request,
 *   gzipped like sync-push.bench.ts.
 * - Measured, in a page of the app's origin bundled from the real src/sync + src/db code: a new
 *   device logs in (not measured), then `SyncClient.sync()` (push of an empty outbox, the pull page
 *   by page, each page applied in one transaction by applyPullPage) until the device holds every row;
 *   the count of rows on the device is checked against what the seeding wrote. As in the app
 *   (src/boot.tsx), pull pages are written through `openPullConnection(db)`: RELAXED durability
 *   (ADR 0008); everything else the run writes is strict.
 * - Issue 16: the pulled device seals every row under its data key (encryption on); the baseline
 *   is today's unencrypted store (`sealing: 'off'`), so the ratio is the "≤ 2× the raw
 *   unencrypted bulkPut".
 * - Baseline, same page: the rows read back from the pulled database, bulkPut into another fresh
 *   RelaisDb (same schema) in one transaction, with the SAME durability as the pull's pages
 *   (relaxed), so the ratio compares like with like, its 12 bulkPuts issued at once as
 *   applyPullPage issues a page's (before: one await per table). The same bulkPut with strict
 *   durability (the baseline of the figures before ADR 0008) is measured too, in `details`.
 * Two figures: the pull time (target ≤ 5 s) and its ratio to the raw bulkPut (target ≤ 1.5).
 * `details.profile` comes from a second, instrumented pull after the measured one: network +
 * server time, then the captured pages replayed offline (JSON.parse, PullResponseSchema,
 * applyPullPage through a relaxed connection), the row schemas alone, the household-index reads
 * of each page done as one `anyOf` cursor (before) vs one `equals` per household (now), and 38
 * near-empty commits with strict vs relaxed durability.
 * Only the bench page (and a stub index.html) is served: the pull needs the origin, not the UI.
 */
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fieldsOf } from '../src/db/change-recorder';
import type { AnyRow } from '../src/domain/dossier/rows';
import { CHILD_ENTITY_NAMES, ENTITY_TABLES } from '../src/domain/sync/entities';
import { formatHlc } from '../src/domain/sync/hlc';
import { MUTATION_SCHEMA_VERSION } from '../src/domain/sync/mutation';
import { launchBrowser, startServer, tempDir } from '../tests/e2e/harness';
import { generateSyntheticDossiers } from '../tests/support/seed';
import { type BenchResult, withTarget } from './bench-types';
import { postJson } from './post-json';

const ROOT = new URL('../', import.meta.url).pathname;
const HOUSEHOLDS = 2_000;
const SEED = 7;
const BATCH = 500;
const PASSWORD = 'benchmark password';
const APP_VERSION = '0.1.0';
const TARGET_MS = 5_000;
const TARGET_RATIO = 1.5;

const PAGE = `
import { openPullConnection, RelaisDb } from './src/db/app-db';
import { DataKeyring, randomDataKey } from './src/db/crypto/data-keyring';
import { applyPullPage } from './src/db/sync-apply/pull-apply';
import { ROW_SCHEMAS } from './src/domain/dossier/rows';
import { ENTITY_TABLES } from './src/domain/sync/entities';
import { PullResponseSchema } from './src/domain/sync/protocol';
import { SessionStore } from './src/sync/session-store';
import { SyncClient } from './src/sync/sync-client';

const TABLES = Object.values(ENTITY_TABLES);

async function countRows(db) {
  let n = 0;
  for (const table of TABLES) n += await db.table(table).count();
  return n;
}

window.pullBench = async ({ username, password, appVersion }) => {
  const name = 'relais-bench-pull-' + crypto.randomUUID();
  // Encryption on (issue 16): every pulled row is sealed under the data key, as on a device.
  const db = new RelaisDb(name, { keyring: new DataKeyring(randomDataKey()), sealing: 'on' });
  const pullDb = openPullConnection(db);
  await db.open();
  await pullDb.open();
  const sessions = new SessionStore(db);
  await sessions.load();
  const client = new SyncClient({ db, pullDb, sessions, fetch: (input, init) => window.fetch(input, init), appVersion });
  await client.login(username, password);

  const pages = [];
  let last = performance.now();
  const t0 = last;
  const report = await client.sync((progress) => {
    const now = performance.now();
    pages.push(Math.round((now - last) * 10) / 10);
    last = now;
  });
  const pullMs = performance.now() - t0;
  const deviceRows = await countRows(db);

  // Raw baseline: the very rows the pull wrote, bulkPut into a fresh database of the same schema,
  // with the pull pages' durability (relaxed), then again with strict durability.
  const rows = {};
  for (const table of TABLES) rows[table] = await db.table(table).toArray();
  async function rawBulkPut(durability) {
    const rawName = name + '-raw-' + durability;
    // Today's unencrypted store: the baseline the sealed pull is held to (issue 16, ≤ 2×).
    const raw = new RelaisDb(rawName, { chromeTransactionDurability: durability, sealing: 'off' });
    await raw.open();
    const t = performance.now();
    await raw.transaction('rw', TABLES, () =>
      Promise.all(TABLES.map((table) => raw.table(table).bulkPut(rows[table]))),
    );
    const ms = performance.now() - t;
    const count = await countRows(raw);
    raw.close();
    await RelaisDb.delete(rawName);
    return { ms, count };
  }
  db.close();
  pullDb.close();
  await RelaisDb.delete(name);
  const relaxed = await rawBulkPut('relaxed');
  const strict = await rawBulkPut('strict');
  return {
    pullMs,
    rawMs: relaxed.ms,
    rawStrictMs: strict.ms,
    deviceRows,
    rawRows: Math.min(relaxed.count, strict.count),
    pulled: report.pulled,
    pageMs: pages,
  };
};

// Where the pull's time goes (not part of the measured figure): a second pull into a fresh
// database with a fetch that reads each body first (network + server time), then the captured
// pages replayed without network: JSON.parse, PullResponseSchema, applyPullPage; and inside
// applyPullPage's work, the per-row table.get it does for every change versus one bulkGet.
window.profilePull = async (input) => {
  try {
    return await profilePull(input);
  } catch (e) {
    throw new Error(String(e && e.name) + ': ' + String(e && e.message));
  }
};
async function profilePull({ username, password, appVersion }) {
  const name = 'relais-bench-profile-' + crypto.randomUUID();
  const db = new RelaisDb(name);
  await db.open();
  const sessions = new SessionStore(db);
  await sessions.load();
  const texts = [];
  let fetchMs = 0;
  const timedFetch = async (input, init) => {
    const t = performance.now();
    const response = await window.fetch(input, init);
    const text = await response.text();
    fetchMs += performance.now() - t;
    if (String(input).endsWith('/api/sync/pull')) texts.push(text);
    return new Response(text, { status: response.status, headers: response.headers });
  };
  const pullDb = openPullConnection(db);
  const client = new SyncClient({ db, pullDb, sessions, fetch: timedFetch, appVersion });
  await client.login(username, password);
  fetchMs = 0;
  const t0 = performance.now();
  await client.sync();
  const totalMs = performance.now() - t0;
  db.close();
  pullDb.close();
  await RelaisDb.delete(name);

  const bytes = texts.reduce((n, t) => n + t.length, 0);
  let jsonMs = 0;
  let zodMs = 0;
  let applyMs = 0;
  const replay = new RelaisDb(name + '-replay', { chromeTransactionDurability: 'relaxed' });
  await replay.open();
  const changes = [];
  for (const text of texts) {
    let t = performance.now();
    const json = JSON.parse(text);
    jsonMs += performance.now() - t;
    t = performance.now();
    const page = PullResponseSchema.parse(json);
    zodMs += performance.now() - t;
    t = performance.now();
    await applyPullPage(replay, page, Date.now());
    applyMs += performance.now() - t;
    changes.push(page.changes);
  }
  // Per-row work applyPullPage does: a row schema parse per change, a table.get per change.
  let rowSchemaMs = 0;
  for (const page of changes) {
    const t = performance.now();
    for (const c of page) ROW_SCHEMAS[c.entity].safeParse({ ...c.row });
    rowSchemaMs += performance.now() - t;
  }
  // The household-index reads of each page (members and appointments of its households), as
  // one anyOf cursor per table (before) and one equals per household (what applyPullPage does).
  let anyOfReadMs = 0;
  let equalsReadMs = 0;
  for (const page of changes) {
    const ids = [...new Set(page.map((c) => c.row.householdId))];
    let t = performance.now();
    await replay.transaction('r', [replay.members, replay.appointments], () =>
      Promise.all([
        replay.members.where('householdId').anyOf(ids).toArray(),
        replay.appointments.where('householdId').anyOf(ids).toArray(),
      ]),
    );
    anyOfReadMs += performance.now() - t;
    t = performance.now();
    await replay.transaction('r', [replay.members, replay.appointments], () =>
      Promise.all([
        ...ids.map((id) => replay.members.where('householdId').equals(id).toArray()),
        ...ids.map((id) => replay.appointments.where('householdId').equals(id).toArray()),
      ]),
    );
    equalsReadMs += performance.now() - t;
  }
  // A near-empty read-write transaction per page, strict then relaxed: what durability costs.
  async function commits(db) {
    const t = performance.now();
    for (let i = 0; i < texts.length; i += 1) {
      await db.transaction('rw', [...TABLES, 'meta'], async () => {
        await db.meta.put({ key: 'bench-probe', value: i });
      });
    }
    return performance.now() - t;
  }
  const strictCommits = new RelaisDb(replay.name);
  const commitStrictMs = await commits(strictCommits);
  const commitRelaxedMs = await commits(replay);
  strictCommits.close();
  replay.close();
  await RelaisDb.delete(name + '-replay');
  return { totalMs, fetchMs, pages: texts.length, bytes, jsonMs, zodMs, applyMs, rowSchemaMs, anyOfReadMs, equalsReadMs, commitStrictMs, commitRelaxedMs };
}
`;

/** Seeds the server with the synthetic dossiers through POST /api/sync/push; returns the row count. */
async function seedServer(base: string): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  await postJson(base, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin' });
  const deviceId = randomUUID();
  const { token, user } = (await postJson(base, '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
    deviceId,
  })) as { token: string; user: { id: string } };

  const dossiers = generateSyntheticDossiers(HOUSEHOLDS, SEED);
  const clock = Date.now() - 60_000;
  let seq = 0;
  const mutations: unknown[] = [];
  for (const dossier of dossiers) {
    const rows: [string, AnyRow][] = [
      ['household', dossier.household as AnyRow],
      ...CHILD_ENTITY_NAMES.flatMap((e) =>
        (dossier[ENTITY_TABLES[e]] as AnyRow[]).map((r) => [e, r] as [string, AnyRow]),
      ),
    ];
    for (const [entity, row] of rows) {
      seq += 1;
      mutations.push({
        seq,
        mutationId: randomUUID(),
        deviceId,
        userId: user.id,
        op: 'create',
        entity,
        entityId: row.id,
        householdId: row.householdId,
        patch: fieldsOf(row),
        base: { version: 0, fieldVersions: {} },
        hlc: formatHlc({ ms: clock, counter: seq % 0xffff, node: deviceId }),
        schemaVersion: MUTATION_SCHEMA_VERSION,
        appVersion: APP_VERSION,
      });
    }
  }
  for (let i = 0; i < mutations.length; i += BATCH) {
    const response = (await postJson(
      base,
      '/api/sync/push',
      {
        protocolVersion: 1,
        schemaVersion: 2,
        appVersion: APP_VERSION,
        deviceId,
        mutations: mutations.slice(i, i + BATCH),
      },
      token,
      true,
    )) as { results: { status: string; reason?: string; message?: string }[] };
    const bad = response.results.find((r) => r.status !== 'applied');
    if (bad) throw new Error(`seeding: a mutation was not applied: ${JSON.stringify(bad)}`);
  }
  return { rows: mutations.length, ms: performance.now() - started };
}

interface PullOutcome {
  pullMs: number;
  rawMs: number;
  rawStrictMs: number;
  deviceRows: number;
  rawRows: number;
  pulled: number;
  pageMs: number[];
}

export async function run(): Promise<BenchResult[]> {
  // Only the bench page is served: the pull needs the app's origin and server, not the app's UI.
  const distDir = tempDir('bench-dist');
  const bundle = await build({
    stdin: { contents: PAGE, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  writeFileSync(join(distDir, 'bench-pull.js'), bundle.outputFiles[0]?.text ?? '');
  writeFileSync(
    join(distDir, 'bench-pull.html'),
    '<!doctype html><html lang="fr"><title>pull</title><script type="module" src="/bench-pull.js"></script></html>',
  );
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><html lang="fr"><title>bench</title></html>');
  const server = await startServer(distDir);
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    // The machine is shared: the 1-minute load average around the measured pull says how loaded.
    const loadBefore = loadavg()[0] ?? 0;
    const seeded = await seedServer(server.url);
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/bench-pull.html`);
    await page.waitForFunction(() => 'pullBench' in window);
    const outcome = (await page.evaluate(
      (input) => (window as never as { pullBench(i: unknown): Promise<unknown> }).pullBench(input),
      { username: 'admin', password: PASSWORD, appVersion: APP_VERSION },
    )) as PullOutcome;
    const loadAfter = loadavg()[0] ?? 0;
    const profile = (await page.evaluate(
      (input) => (window as never as { profilePull(i: unknown): Promise<unknown> }).profilePull(input),
      { username: 'admin', password: PASSWORD, appVersion: APP_VERSION },
    )) as Record<string, number>;
    if (outcome.deviceRows !== seeded.rows || outcome.rawRows !== seeded.rows) {
      throw new Error(
        `row counts differ: server ${seeded.rows}, device ${outcome.deviceRows}, raw ${outcome.rawRows}`,
      );
    }
    const ratio = outcome.pullMs / outcome.rawMs;
    const sortedPages = [...outcome.pageMs].sort((a, b) => a - b);
    const result = withTarget({
      id: 'sync.initial-pull-ms',
      description: `Initial pull of ${HOUSEHOLDS} households (${seeded.rows} rows) into a fresh device in Chromium, rows sealed (encryption on, issue 16) (SyncClient.sync over window.fetch, pull pages with relaxed durability, SQLite server on 127.0.0.1)`,
      value: outcome.pullMs,
      unit: 'ms',
      baseline: {
        description:
          'Raw Dexie bulkPut of the same rows into a fresh RelaisDb with sealing off (today’s unencrypted store), one transaction, relaxed durability like the pull pages (ADR 0008), same page',
        value: outcome.rawMs,
        unit: 'ms',
      },
      ratio,
      target: { value: TARGET_MS, lowerIsBetter: true },
      details: {
        rows: seeded.rows,
        households: HOUSEHOLDS,
        pulledReported: outcome.pulled,
        pages: outcome.pageMs.length,
        pullPageDurability: 'relaxed',
        rawBulkPutStrictMs: Math.round(outcome.rawStrictMs),
        ratioToStrictRawBulkPut: outcome.pullMs / outcome.rawStrictMs,
        pageMsMedian: sortedPages[Math.floor(sortedPages.length / 2)],
        pageMsMax: sortedPages.at(-1),
        ratioTarget: TARGET_RATIO,
        meetsRatioTarget: ratio <= TARGET_RATIO,
        meetsTimeTarget: outcome.pullMs <= TARGET_MS,
        serverSeedMs: Math.round(seeded.ms),
        loadAverage1m: { beforeSeeding: loadBefore, afterPull: loadAfter, cores: availableParallelism() },
        profile: Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, Math.round(v)])),
      },
    });
    // The second target, as its own figure so the runner prints met/MISSED for it too.
    const ratioResult = withTarget({
      id: 'sync.initial-pull-ratio-to-raw-bulk-put',
      description:
        'Initial pull time, rows sealed, divided by the raw unencrypted Dexie bulkPut of the same rows, both with relaxed durability (same page, same run)',
      value: ratio,
      unit: '×',
      target: { value: TARGET_RATIO, lowerIsBetter: true },
      details: {
        pullMs: Math.round(outcome.pullMs),
        rawBulkPutMs: Math.round(outcome.rawMs),
        rawBulkPutDurability: 'relaxed',
        pullStore: 'sealed',
        rawBulkPutStore: 'plain (sealing off)',
        rawBulkPutStrictMs: Math.round(outcome.rawStrictMs),
        rows: seeded.rows,
      },
    });
    return [result, ratioResult];
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(distDir, { recursive: true, force: true });
  }
}
