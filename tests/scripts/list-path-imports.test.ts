/**
 * The list's first load (issue 17, docs/performance.md): src/boot.tsx and its static imports are
 * fetched before the dossier list is usable. The plan rules and the legal parameters they read
 * (src/domain/parameters/parameters-on.ts and what imports it) are imported when a screen first
 * needs them, never on that path: this walk over the sources fails when a static import brings
 * them back. The byte figure itself is the size guard's (scripts/size-guard.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/**
 * Source modules reached from `entry` by static value imports and re-exports (not `import type`,
 * not `import()`). An import naming only types counts too: the walk errs on the heavy side.
 */
function staticModules(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  const pattern = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?from\s+)?'(\.[^']+)'/gm;
  for (const match of source.matchAll(pattern)) {
    const base = resolve(dirname(entry), match[1] ?? '');
    const file = ['', '.tsx', '.ts', '/index.ts']
      .map((ext) => base + ext)
      .find((f) => existsSync(f) && /\.tsx?$/.test(f));
    if (file !== undefined) staticModules(file, seen);
  }
  return seen;
}

describe('the list’s first load', () => {
  const reached = [...staticModules(resolve(ROOT, 'src/boot.tsx'))].map((file) =>
    file.slice(ROOT.length + 1),
  );

  it('the walk reaches the app’s state, the plans model and the list page', () => {
    expect(reached).toEqual(
      expect.arrayContaining([
        'src/state/app-state.ts',
        'src/state/plans/my-plans-model.ts',
        'src/db/legal-parameters-store.ts',
        'src/sync/sync-client.ts',
        'src/ui/pages/dossiers-page.tsx',
      ]),
    );
  });

  it('brings neither the legal parameters nor the plan rules that read them', () => {
    const deferred = [
      'src/domain/parameters/parameters-on.ts',
      'src/domain/parameters/legal-parameter-entries.ts',
      'src/domain/plans/plan-state.ts',
      'src/domain/plans/plan-schedule.ts',
      'src/state/plans/plan-groups.ts',
      'src/state/plans/plan-view.ts',
      'src/state/plans/plan-records.ts',
      'src/state/legal-parameters-model.ts',
    ];
    expect(reached.filter((file) => deferred.includes(file))).toEqual([]);
  });
});
