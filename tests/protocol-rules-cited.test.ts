// @vitest-environment node
/**
 * Every rule id the protocol and security docs listed below define (`- **PUSH3** …`) is cited by at
 * least one test, so a rule nobody checks shows up here instead of in the field. A refactor that drops a test drops
 * its citations with it: this file names what went missing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const RULE_DOCS = [
  join(ROOT, 'docs', 'sync-protocol.md'),
  join(ROOT, 'docs', 'merges.md'),
  join(ROOT, 'docs', 'reports-and-plans.md'),
  join(ROOT, 'docs', 'security.md'),
  join(ROOT, 'docs', 'access-log.md'),
  join(ROOT, 'docs', 'household-rights.md'),
  join(ROOT, 'docs', 'remote-wipe.md'),
  join(ROOT, 'docs', 'device-lock.md'),
  join(ROOT, 'docs', 'device-store.md'),
  join(ROOT, 'docs', 'device-encryption.md'),
];
const SELF = relative(ROOT, import.meta.filename);

/** The ids a bullet of the protocol defines, in the order they appear. */
function definedRuleIds(markdown: string): string[] {
  return [...markdown.matchAll(/^- \*\*([A-Z]{2,}[0-9]+[a-z]?)\*\*/gm)].map((m) => m[1] as string);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) && relative(ROOT, path) !== SELF ? [path] : [];
  });
}

/** Whether `text` cites `id` as a whole word: PULL1 is not cited by PULL10. */
function cites(text: string, id: string): boolean {
  return new RegExp(`\\b${id}\\b`).test(text);
}

describe('protocol rule ids', () => {
  const ids = RULE_DOCS.flatMap((doc) => definedRuleIds(readFileSync(doc, 'utf8')));
  const tests = testFiles(join(ROOT, 'tests')).map((path) => readFileSync(path, 'utf8'));

  it('are read from the protocol (a change of its bullet format must not empty this check)', () => {
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(ids).toContain('CONF2');
    expect(ids).toContain('MERGE9');
    expect(ids).toContain('RPT10');
    expect(ids).toContain('PLAN8');
    expect(ids).toContain('ALOG7');
    expect(ids).toContain('RIGHT13');
    expect(ids).toContain('WIPE11');
    expect(ids).toContain('LOCK12');
    expect(ids).toContain('ENC10');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are each cited by at least one test', () => {
    const uncited = ids.filter((id) => !tests.some((text) => cites(text, id)));
    expect(uncited).toEqual([]);
  });

  it('cite whole words only', () => {
    expect(cites('covers [PULL10]', 'PULL1')).toBe(false);
    expect(cites('covers [PULL1]', 'PULL1')).toBe(true);
  });
});
