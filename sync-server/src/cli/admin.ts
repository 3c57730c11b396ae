/**
 * Server administration from a shell, for the first start:
 *
 *   npx tsx sync-server/src/cli/admin.ts create-first-admin --username admin [--display-name "…"] --password-stdin
 *
 * Reads the same environment as the server (DATA_DIR or DATABASE_URL), migrates the store and
 * creates an admin only when the store has no user at all (rule AUTH1). The password is read from
 * standard input (never from the command line, which other users can see in `ps`).
 *
 *   npx tsx sync-server/src/cli/admin.ts mark-restored
 *
 * After restoring the database from a backup: changes the sequence epoch, so every device's pull
 * cursor is recognised as stale and the device re-downloads its scope (rule PULL6).
 *
 *   npx tsx sync-server/src/cli/admin.ts rescan-duplicates
 *
 * Rebuilds duplicate detection (profiles, blocking keys, candidate pairs) from the synced rows,
 * keeping the coordinators' "not a duplicate" decisions (DUP1c, DUP2), then drains the queue.
 * Safe while the server runs: what a push changes meanwhile is queued and detected after.
 *
 *   npx tsx sync-server/src/cli/admin.ts rebuild-report-data
 *
 * Queues every household and workshop and derives their report facts (and plan states) again
 * from the synced rows (RPT8): after a restore, or a change to what the report counts.
 *
 *   npx tsx sync-server/src/cli/admin.ts anonymise-closed-dossiers
 *
 * Anonymises now the closed dossiers whose closing is older than the retention period
 * (docs/household-rights.md RIGHT8–RIGHT11), as the server's hourly job does, then derives their
 * match profiles and report facts again. Safe to run twice, and while the server runs.
 */
import { pathToFileURL } from 'node:url';
import { PasswordSchema, UsernameSchema } from '../../../src/domain/sync/protocol';
import { createFirstAdmin } from '../auth/accounts';
import { ConfigError, loadConfig } from '../config';
import { drainDerivedQueue } from '../derived/drain';
import { rebuildDerivedData } from '../derived/rebuild';
import { DERIVED_REFRESHERS } from '../derived/refreshers';
import { drainMatchQueue } from '../duplicates/drain';
import { rescanDuplicates } from '../duplicates/rescan';
import { parisDay } from '../plans/paris-day';
import { anonymiseDueDossiers } from '../rights/retention';
import { openStore } from '../stores/create-store';
import { markRestored } from '../sync/pull';

const USAGE =
  'usage: admin.ts create-first-admin --username <name> [--display-name <name>] --password-stdin | mark-restored | rescan-duplicates | rebuild-report-data | anonymise-closed-dossiers';

export interface CliResult {
  code: number;
  out: string;
}

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function runAdminCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadableStream,
): Promise<CliResult> {
  const [command, ...rest] = args;
  if (command === 'mark-restored') return markRestoredCommand(env);
  if (command === 'rescan-duplicates') return rescanCommand(env);
  if (command === 'rebuild-report-data') return rebuildReportDataCommand(env);
  if (command === 'anonymise-closed-dossiers') return anonymiseCommand(env);
  if (command !== 'create-first-admin') return { code: 2, out: USAGE };
  const username = UsernameSchema.safeParse(option(rest, '--username'));
  if (!username.success)
    return { code: 2, out: `--username: ${username.error.issues[0]?.message}\n${USAGE}` };
  if (!rest.includes('--password-stdin')) return { code: 2, out: `--password-stdin is required\n${USAGE}` };
  const password = PasswordSchema.safeParse(await readStdin(stdin));
  if (!password.success) return { code: 2, out: `password: ${password.error.issues[0]?.message}` };
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    return { code: 1, out: error instanceof ConfigError ? error.message : String(error) };
  }
  const store = await openStore(config);
  try {
    const admin = await createFirstAdmin(
      store,
      {
        username: username.data,
        password: password.data,
        displayName: option(rest, '--display-name') ?? username.data,
      },
      Date.now(),
    );
    if (admin === undefined) {
      return {
        code: 1,
        out: 'Refused: this server already has accounts (create-first-admin works only on an empty store).',
      };
    }
    return { code: 0, out: `Created admin ${admin.username} (${admin.id}) in ${store.location}.` };
  } finally {
    await store.close();
  }
}

async function markRestoredCommand(env: NodeJS.ProcessEnv): Promise<CliResult> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    return { code: 1, out: error instanceof ConfigError ? error.message : String(error) };
  }
  const store = await openStore(config);
  try {
    const epoch = await markRestored(store);
    return {
      code: 0,
      out: `New sequence epoch ${epoch}: devices will push their changes, then re-download.`,
    };
  } finally {
    await store.close();
  }
}

async function rescanCommand(env: NodeJS.ProcessEnv): Promise<CliResult> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    return { code: 1, out: error instanceof ConfigError ? error.message : String(error) };
  }
  const store = await openStore(config);
  try {
    const report = await rescanDuplicates(store, { now: Date.now });
    const drained = await drainMatchQueue(store, { now: Date.now });
    return {
      code: 0,
      out:
        `Rescanned ${report.households} households (${report.profiles} matched, ${report.keys} keys) in ${report.ms} ms: ` +
        `${report.scored} pairs scored, ${report.open} open, ${report.decisionsKept} decisions kept, ` +
        `${report.decisionsLapsed} lapsed; ${drained.detected} queued households detected after.`,
    };
  } finally {
    await store.close();
  }
}

async function rebuildReportDataCommand(env: NodeJS.ProcessEnv): Promise<CliResult> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    return { code: 1, out: error instanceof ConfigError ? error.message : String(error) };
  }
  const store = await openStore(config);
  try {
    const report = await rebuildDerivedData(store, Date.now);
    const failed =
      report.failed === 0 ? '' : `; ${report.failed} failed and stay queued (see the server log)`;
    return {
      code: report.failed === 0 ? 0 : 1,
      out: `Queued ${report.queued} roots (households, workshops); ${report.refreshed} derived again${failed}.`,
    };
  } finally {
    await store.close();
  }
}

async function anonymiseCommand(env: NodeJS.ProcessEnv): Promise<CliResult> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    return { code: 1, out: error instanceof ConfigError ? error.message : String(error) };
  }
  const store = await openStore(config);
  try {
    const now = Date.now();
    const report = await anonymiseDueDossiers(store, { today: parisDay(now), now, origin: 'cli' });
    await drainMatchQueue(store, { now: Date.now });
    await drainDerivedQueue(store, { now: Date.now, refreshers: DERIVED_REFRESHERS });
    return {
      code: 0,
      out: `Anonymised ${report.households} closed dossiers (closed before ${report.cutoff}; ${report.rows} rows written; run ${report.runId}).`,
    };
  } finally {
    await store.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runAdminCli(process.argv.slice(2), process.env, process.stdin);
  (result.code === 0 ? console.log : console.error)(result.out);
  process.exitCode = result.code;
}
