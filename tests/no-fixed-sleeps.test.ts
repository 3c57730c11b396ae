// @vitest-environment node
/**
 * Keeps tests free of fixed sleeps: a test that lets time pass and then asserts "nothing happened"
 * passes on a fast machine for the wrong reason and fails on a busy one. Tests wait for the
 * promise or event that says the work ended, or drive time with a fake or injected clock.
 *
 * Every real timer started from tests/ is listed below with why it is not a sleep before an
 * assertion; a new one fails this test until it is replaced or justified here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const TESTS = resolve(import.meta.dirname);

/** Calls that start a real timer, or wait for one. */
const TIMER_CALL =
  /\b(?:setTimeout|setInterval|waitForTimeout|sleep)\s*\(|\bfrom\s+['"]node:timers\/promises['"]/;

/** file (relative to tests/) → a piece of the allowed line → why it is not a sleep. */
const ALLOWED: readonly { file: string; line: string; why: string }[] = [
  {
    file: 'server/sync/input-fuzz.test.ts',
    line: "setTimeout(() => resolve({ status: 'no answer'",
    why: 'a deadline raced against the answer: it only turns a hang into a failure',
  },
  {
    file: 'sync/pull-connection.test.ts',
    line: "setTimeout(() => reject(new Error('live query not notified'))",
    why: 'a deadline raced against the live-query notification',
  },
  {
    file: 'spawn-server.ts',
    line: 'setTimeout(() => reject(new Error(`server did not start',
    why: "a deadline raced against the server's listening line",
  },
  {
    file: 'server/stores/store.contract.ts',
    line: 'setTimeout(resolve, 5)',
    why: 'holds a row lock open to widen the race it guards; the assertion waits for every attempt',
  },
  {
    file: 'server/stores/store.contract.ts',
    line: 'setTimeout(resolve, 1)',
    why: 'holds the sequence lock open to widen the race it guards; the assertion waits for every bump',
  },
  {
    file: 'server/sync/postgres-concurrency.test.ts',
    line: 'setTimeout(release, 5)',
    why: "lets server B's pushes queue behind A's open transaction; the assertions wait for every push",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(?:ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Every line of tests/ that starts a real timer, as "file: line". */
function timerLines(files: readonly { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    text
      .split('\n')
      .filter((line) => TIMER_CALL.test(line) && !line.trimStart().startsWith('//') && !line.includes('* '))
      .map((line) => `${file}: ${line.trim()}`),
  );
}

function isAllowed(entry: string): boolean {
  return ALLOWED.some((allowed) => entry.startsWith(`${allowed.file}: `) && entry.includes(allowed.line));
}

const files = sourceFiles(TESTS)
  .map((path) => ({ file: relative(TESTS, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }))
  // This file names the forbidden calls in its samples and allow-list.
  .filter(({ file }) => file !== 'no-fixed-sleeps.test.ts');

describe('no fixed sleeps in tests/', () => {
  it('starts no real timer outside the commented allow-list', () => {
    expect(timerLines(files).filter((entry) => !isAllowed(entry))).toEqual([]);
  });

  it('finds the sleeps it forbids (the scan itself works)', () => {
    // Five forbidden forms, one a line, kept as data so that no scanner takes them for sleeps.
    const sample = readFileSync(join(TESTS, 'fixtures', 'fixed-sleep-samples.txt'), 'utf8').trimEnd();
    expect(timerLines([{ file: 'sample.test.ts', text: sample }])).toHaveLength(5);
    expect(
      timerLines([{ file: 'sample.test.ts', text: 'vi.useFakeTimers({ toFake: ["setTimeout"] });' }]),
    ).toEqual([]);
  });

  it('lists no allowance that no longer matches a line (a stale entry would hide a new sleep)', () => {
    const lines = timerLines(files);
    const stale = ALLOWED.filter(
      (allowed) =>
        !lines.some((entry) => entry.startsWith(`${allowed.file}: `) && entry.includes(allowed.line)),
    );
    expect(stale).toEqual([]);
  });
});
