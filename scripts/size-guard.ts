/**
 * The size guard (`npm run size`, a step of .ci/run): builds when dist/ is stale, measures the
 * shell with the benchmark's own rule (scripts/shell-measure.ts) and fails when the list's JS,
 * its CSS or the precache (gzip -9 bytes) is above its ceiling in bench/size-budget.json.
 * Bytes only, never time: the same build gives the same figures on any machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale';
import { measureShell, ROOT, type ShellMeasure } from './shell-measure';

/** The figures the guard holds, by their name in ShellMeasure. */
export const GUARDED = ['listJsGzip', 'listCssGzip', 'precacheGzip'] as const;
export type GuardedFigure = (typeof GUARDED)[number];

export interface FigureBudget {
  /** The target, in bytes. */
  target: number;
  /** What the guard enforces, in bytes: the target where it is met, else a ratchet (see the file's "why"). */
  ceiling: number;
}
export interface SizeBudget {
  figures: Record<GuardedFigure, FigureBudget>;
}

export const BUDGET_FILE = join(ROOT, 'bench', 'size-budget.json');

export function readBudget(path: string = BUDGET_FILE): SizeBudget {
  const budget = JSON.parse(readFileSync(path, 'utf8')) as SizeBudget;
  for (const name of GUARDED) {
    const figure = budget.figures?.[name];
    if (!figure || !Number.isInteger(figure.target) || !Number.isInteger(figure.ceiling))
      throw new Error(`size budget: "${name}" needs an integer target and ceiling (bytes) in ${path}`);
  }
  return budget;
}

export interface GuardVerdict {
  ok: boolean;
  /** One line per figure: measured, ceiling, target. */
  lines: string[];
  /** The figures above their ceiling. */
  over: GuardedFigure[];
}

/** Compares a measure with the budget. Pure: the test feeds it made-up measures. */
export function checkSizes(measure: Pick<ShellMeasure, GuardedFigure>, budget: SizeBudget): GuardVerdict {
  const over: GuardedFigure[] = [];
  const lines = GUARDED.map((name) => {
    const { target, ceiling } = budget.figures[name];
    const value = measure[name];
    const fails = value > ceiling;
    if (fails) over.push(name);
    const verdict = fails ? `OVER by ${value - ceiling} B` : value <= target ? 'target met' : 'under ceiling';
    return `${name}: ${value} B (ceiling ${ceiling} B, target ${target} B): ${verdict}`;
  });
  return { ok: over.length === 0, lines, over };
}

function main(): void {
  buildIfStale();
  const verdict = checkSizes(measureShell(), readBudget());
  for (const line of verdict.lines) console.log(line);
  if (!verdict.ok) {
    console.error(
      `Size guard: ${verdict.over.join(', ')} above the ceiling in bench/size-budget.json. Shrink it; raise a ceiling only with a reason written in that file.`,
    );
    process.exit(1);
  }
  console.log('Size guard: every figure within its budget.');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
