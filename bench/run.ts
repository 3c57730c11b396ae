/**
 * `npm run bench [name...]`: runs every bench/*.bench.ts (or the named ones), prints each figure
 * with its baseline and target, and writes bench/results/latest.json plus a dated copy,
 * with the machine it ran on. Exits 0 even when a target is missed: the JSON says so.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { BenchModule, BenchResult } from './bench-types';

const BENCH_DIR = new URL('./', import.meta.url);
const RESULTS_DIR = new URL('./results/', import.meta.url);

const wanted = process.argv.slice(2);
const files = readdirSync(BENCH_DIR)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

const results: Array<BenchResult & { file: string }> = [];
const failures: Array<{ file: string; error: string }> = [];
for (const file of files) {
  console.log(`▶ ${file}`);
  try {
    const module = (await import(new URL(file, BENCH_DIR).href)) as BenchModule;
    for (const result of await module.run()) {
      results.push({ ...result, file });
      const baseline = result.baseline
        ? ` | baseline ${round(result.baseline.value)} ${result.baseline.unit} (ratio ${round(result.ratio ?? 0)})`
        : '';
      const target = result.target
        ? ` | target ${result.target.lowerIsBetter ? '≤' : '≥'} ${result.target.value}: ${result.meetsTarget ? 'met' : 'MISSED'}`
        : '';
      console.log(`  ${result.id}: ${round(result.value)} ${result.unit}${baseline}${target}`);
    }
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ file, error: message });
    console.error(`  failed: ${message}`);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const cpuList = cpus();
const report = {
  ranAt: new Date().toISOString(),
  machine: {
    platform: platform(),
    release: release(),
    arch: arch(),
    cpuModel: cpuList[0]?.model ?? 'unknown',
    cpuCount: cpuList.length,
    memoryBytes: totalmem(),
    node: process.version,
  },
  results,
  failures,
};
mkdirSync(RESULTS_DIR, { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
if (wanted.length === 0) writeFileSync(new URL('latest.json', RESULTS_DIR), json);
writeFileSync(new URL(`run-${report.ranAt.replace(/[:.]/g, '-')}.json`, RESULTS_DIR), json);
console.log(`\n${results.length} figures, ${failures.length} benchmark(s) failed; written to bench/results/`);
if (failures.length > 0) process.exitCode = 1;
