/** One measured figure. Every benchmark measures its baseline in the same run and reports the ratio. */
export interface BenchResult {
  /** Stable id, e.g. "shell.initial-js-gzip". */
  id: string;
  description: string;
  value: number;
  unit: string;
  /** The same kind of work done the plainest way, measured in the same run. */
  baseline?: { description: string; value: number; unit: string };
  /** value / baseline.value */
  ratio?: number;
  /** The target from the issue, when there is one; `lowerIsBetter` says which way it goes. */
  target?: { value: number; lowerIsBetter: boolean };
  /** Whether the target is met (absent when there is no target). */
  meetsTarget?: boolean;
  details?: Record<string, unknown>;
}

/** A benchmark module: bench/<name>.bench.ts exporting `run`. */
export type BenchModule = { run: () => Promise<BenchResult[]> };

export function withTarget(result: Omit<BenchResult, 'meetsTarget'>): BenchResult {
  if (!result.target) return result;
  const meetsTarget = result.target.lowerIsBetter
    ? result.value <= result.target.value
    : result.value >= result.target.value;
  return { ...result, meetsTarget };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
