/**
 * The peer of the push benchmark (issue 17): Actual Budget's sync server (`@actual-app/sync-server`,
 * pinned below), pushed the same number of field changes per request through its real sync
 * endpoint, so Relais's push rate is compared side by side in the same run.
 *
 * It is installed by this file into a folder under the system temp dir (never a project
 * dependency), kept there between runs of a session, with `--ignore-scripts`: its better-sqlite3
 * gets the native module of ours when the versions match (same Node, same ABI), else one
 * `npm rebuild better-sqlite3` in that folder; argon2 and bcrypt ship prebuilt binaries. It is
 * started as its own process on 127.0.0.1 and a free port, with a fresh data dir.
 *
 * Actual's protocol (its sync server's app-sync.ts and sync-simple.js, @actual-app/crdt's
 * sync.proto): a client bootstraps the server with a password (`/account/bootstrap`, which
 * returns a token), uploads a budget file (`/sync/upload-user-file`, which returns its group id),
 * then POSTs `/sync/sync` with a protobuf SyncRequest {messages, fileId, groupId, since}. Each
 * message is one field change {dataset, row, column, value} in an envelope with its HLC timestamp;
 * the server stores each envelope (INSERT OR IGNORE by timestamp), updates its Merkle trie and
 * answers with the messages newer than `since` plus the trie. Messages are unencrypted here (no
 * key set), as Relais's pushes are plain JSON over loopback.
 *
 * Any failure (no network to the registry, a build that fails, a server that does not start)
 * becomes `{ unavailable: reason }`: the caller keeps its own figures.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

/** Pinned so that figures of different runs compare the same peer. */
export const ACTUAL_VERSION = '26.9.0';
const PACKAGE = '@actual-app/sync-server';
const INSTALL_DIR = join(tmpdir(), `relais-bench-actual-${ACTUAL_VERSION}`);
const run = promisify(execFile);

export interface PeerPlan {
  /** Rows written once before the measured runs (4 field changes each), not measured. */
  rows: number;
  /** Field changes per request. */
  perRequest: number;
  /** Requests per measured run. */
  requests: number;
  runs: number;
}

export type PeerOutcome =
  | { version: string; pushMs: number[]; fieldChanges: number; requestBytes: number }
  | { unavailable: string };

/** Installs (once per session) and checks the package; returns the path of its bin or throws. */
async function install(): Promise<string> {
  const packageDir = join(INSTALL_DIR, 'node_modules', ...PACKAGE.split('/'));
  const bin = join(packageDir, 'build', 'bin', 'actual-server.js');
  if (!existsSync(bin)) {
    mkdirSync(INSTALL_DIR, { recursive: true });
    writeFileSync(join(INSTALL_DIR, 'package.json'), '{"name":"relais-bench-peer","private":true}\n');
    await run(
      'npm',
      [
        'install',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `${PACKAGE}@${ACTUAL_VERSION}`,
      ],
      { cwd: INSTALL_DIR, timeout: 5 * 60_000 },
    );
  }
  const theirs = join(INSTALL_DIR, 'node_modules', 'better-sqlite3');
  const binary = join(theirs, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binary)) {
    const ours = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    const version = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    if (version(ours) === version(theirs)) {
      mkdirSync(dirname(binary), { recursive: true });
      copyFileSync(join(ours, 'build', 'Release', 'better_sqlite3.node'), binary);
    } else {
      await run('npm', ['rebuild', 'better-sqlite3'], { cwd: INSTALL_DIR, timeout: 5 * 60_000 });
    }
  }
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function started(base: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${tail(log)}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`did not answer within 60 s: ${tail(log)}`);
}

function tail(log: string): string {
  try {
    return readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' | ').slice(0, 300);
  } catch {
    return '';
  }
}

// --- protobuf, the four messages of Actual's sync.proto (proto3: default values are omitted) ---

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function field(tag: number, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([(tag << 3) | 2, ...varint(bytes.length)]), bytes]);
}

const text = (tag: number, value: string) => field(tag, Buffer.from(value, 'utf8'));

/** Message {dataset = 1, row = 2, column = 3, value = 4} in MessageEnvelope {timestamp = 1, content = 3}. */
function envelope(timestamp: string, dataset: string, row: string, column: string, value: string): Buffer {
  const content = Buffer.concat([text(1, dataset), text(2, row), text(3, column), text(4, value)]);
  return Buffer.concat([text(1, timestamp), field(3, content)]);
}

/** SyncRequest {messages = 1 (repeated), fileId = 2, groupId = 3, since = 6}. */
function syncRequest(messages: Buffer[], fileId: string, groupId: string, since: string): Buffer {
  return Buffer.concat([
    ...messages.map((m) => field(1, m)),
    text(2, fileId),
    text(3, groupId),
    text(6, since),
  ]);
}

/** Actual's HLC timestamp: ISO time, a 4-hex counter, a 16-hex node. */
function timestamp(ms: number, node: string): string {
  return `${new Date(ms).toISOString()}-0000-${node}`;
}

async function post(
  base: string,
  path: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<Response> {
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  // A kept-alive socket the peer closed meanwhile fails the fetch before the request is read
  // (seen on a loaded machine); every request here may be sent again (the peer stores a message
  // once per timestamp), so a network failure is retried twice.
  let response: Response | undefined;
  for (let attempt = 0; response === undefined; attempt += 1) {
    try {
      response = await fetch(`${base}${path}`, { method: 'POST', headers, body: payload });
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
  if (!response.ok) throw new Error(`${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response;
}

/** Runs the plan against a fresh Actual server; never throws. */
export async function measureActualPeer(plan: PeerPlan): Promise<PeerOutcome> {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'relais-bench-actual-data-'));
  try {
    const bin = await install();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const log = join(dataDir, 'server.log');
    const out = openSync(log, 'a');
    child = spawn(process.execPath, [bin], {
      cwd: dataDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ACTUAL_DATA_DIR: dataDir,
        ACTUAL_PORT: String(port),
        ACTUAL_HOSTNAME: '127.0.0.1',
      },
      stdio: ['ignore', out, out],
    });
    await started(base, child, log);

    const boot = (await (
      await post(base, '/account/bootstrap', JSON.stringify({ password: 'benchmark password' }), {
        'content-type': 'application/json',
      })
    ).json()) as { data?: { token?: string } };
    const token = boot.data?.token;
    if (token === undefined) throw new Error('bootstrap returned no token');
    const fileId = randomUUID();
    const upload = (await (
      await post(base, '/sync/upload-user-file', Buffer.from('relais benchmark budget'), {
        'content-type': 'application/encrypted-file',
        'x-actual-token': token,
        'x-actual-name': 'bench',
        'x-actual-file-id': fileId,
        'x-actual-format': '2',
      })
    ).json()) as { groupId?: string };
    const groupId = upload.groupId;
    if (groupId === undefined) throw new Error('upload returned no group id');

    const node = randomUUID().replaceAll('-', '').slice(0, 16);
    let clock = Date.now();
    let since = timestamp(clock - 1, node);
    const sync = async (messages: Buffer[], last: string): Promise<void> => {
      const body = syncRequest(messages, fileId, groupId, since);
      const response = await post(base, '/sync/sync', body, {
        'content-type': 'application/actual-sync',
        'x-actual-token': token,
      });
      await response.arrayBuffer();
      if (response.headers.get('content-type') !== 'application/actual-sync') {
        throw new Error(`/sync/sync answered ${response.headers.get('content-type')}`);
      }
      // A device that is the only writer asks for what is newer than its own last change.
      since = last;
    };
    // The same shape as the Relais bench: a row per charge (amount, notes, cleared, category),
    // then patches of three fields per row.
    const rows = Array.from({ length: plan.rows }, () => randomUUID());
    const changes = (fields: (row: string, i: number) => [string, string][]): Array<() => [string, Buffer]> =>
      rows.flatMap((row, i) =>
        fields(row, i).map(([column, value]) => () => {
          clock += 1;
          const ts = timestamp(clock, node);
          return [ts, envelope(ts, 'transactions', row, column, value)] as [string, Buffer];
        }),
      );
    const send = async (all: Array<() => [string, Buffer]>, measured: boolean): Promise<number> => {
      let bytes = 0;
      for (let i = 0; i < all.length; i += plan.perRequest) {
        const batch = all.slice(i, i + plan.perRequest).map((make) => make());
        const last = batch.at(-1)?.[0] ?? since;
        if (measured)
          bytes = Math.max(
            bytes,
            batch.reduce((n, [, m]) => n + m.length, 0),
          );
        await sync(
          batch.map(([, m]) => m),
          last,
        );
      }
      return bytes;
    };
    await send(
      changes((_row, i) => [
        ['amount', `N:${40_000 + i}`],
        ['notes', 'S:rent'],
        ['cleared', 'N:0'],
        ['category', 'S:housing'],
      ]),
      false,
    );
    const measuredChanges = plan.requests * plan.perRequest;
    const perRow = Math.ceil(measuredChanges / plan.rows);
    const pushMs: number[] = [];
    let requestBytes = 0;
    for (let r = 0; r < plan.runs; r += 1) {
      const patch = changes((_row, i) =>
        (
          [
            ['amount', `N:${41_000 + r * 100 + i}`],
            ['notes', `S:Loyer ${r}-${i}`],
            ['cleared', `N:${r % 2}`],
          ] as [string, string][]
        ).slice(0, perRow),
      ).slice(0, measuredChanges);
      const start = performance.now();
      requestBytes = Math.max(requestBytes, await send(patch, true));
      pushMs.push(performance.now() - start);
    }
    const stored = countMessages(join(dataDir, 'user-files', `group-${groupId}.sqlite`));
    const expected = plan.rows * 4 + plan.runs * measuredChanges;
    if (stored !== expected) throw new Error(`stored ${stored} messages, expected ${expected}`);
    return { version: ACTUAL_VERSION, pushMs, fieldChanges: measuredChanges, requestBytes };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message.slice(0, 400) : String(error) };
  } finally {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every field change the peer stored: each is one row of its messages table. */
function countMessages(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM messages_binary').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
