/**
 * The size guard fails when a figure grows past its ceiling (bytes, never time), and the list
 * path's rule (scripts/shell-measure.ts) follows static imports and their stylesheets. Measures
 * and manifests here are made up, so the expected figures are plain sums written by hand.
 */
import { describe, expect, it } from 'vitest';
import { listPathFiles, type Manifest } from '../../scripts/shell-measure';
import { BUDGET_FILE, checkSizes, GUARDED, readBudget, type SizeBudget } from '../../scripts/size-guard';

const budget: SizeBudget = {
  figures: {
    listJsGzip: { target: 60_000, ceiling: 80_000 },
    listCssGzip: { target: 20_000, ceiling: 20_000 },
    precacheGzip: { target: 400_000, ceiling: 900_000 },
  },
};
const within = { listJsGzip: 79_000, listCssGzip: 4_000, precacheGzip: 850_000 };

describe('size guard', () => {
  it('passes figures at or under their ceilings, even above the target (the ratchet)', () => {
    expect(checkSizes(within, budget).ok).toBe(true);
    expect(checkSizes({ ...within, listJsGzip: 80_000 }, budget).ok).toBe(true);
  });

  it.each(GUARDED)('fails when %s is one byte over its ceiling', (name) => {
    const verdict = checkSizes({ ...within, [name]: budget.figures[name].ceiling + 1 }, budget);
    expect(verdict.ok).toBe(false);
    expect(verdict.over).toEqual([name]);
    expect(verdict.lines.join('\n')).toContain('OVER by 1 B');
  });

  it('the committed budget has, for each figure, a ceiling never below the target', () => {
    const committed = readBudget(BUDGET_FILE);
    for (const name of GUARDED) {
      const { target, ceiling } = committed.figures[name];
      expect(ceiling).toBeGreaterThanOrEqual(target);
    }
    expect(committed.figures.listJsGzip.target).toBe(60_000);
    expect(committed.figures.listCssGzip.target).toBe(20_000);
    expect(committed.figures.precacheGzip.target).toBe(400_000);
  });
});

describe('the list path (one rule for the benchmark and the guard)', () => {
  const manifest: Manifest = {
    'index.html': { file: 'assets/index.js', imports: ['_shared.js'], css: ['assets/index.css'] },
    '_shared.js': { file: 'assets/shared.js' },
    'src/boot.tsx': {
      file: 'assets/boot.js',
      imports: ['_shared.js', 'index.html'],
      dynamicImports: ['src/ui/pages/dossier/dossier-page.tsx'],
      css: ['assets/boot.css'],
    },
    'src/ui/pages/dossier/dossier-page.tsx': { file: 'assets/dossier.js', css: ['assets/dossier.css'] },
  };

  it('takes each entry with its static imports and stylesheets, not the dynamic imports it may never await', () => {
    const files = listPathFiles(manifest, ['index.html', 'src/boot.tsx']);
    expect(files.js.sort()).toEqual(['assets/boot.js', 'assets/index.js', 'assets/shared.js']);
    expect(files.css.sort()).toEqual(['assets/boot.css', 'assets/index.css']);
  });

  it('refuses a path entry the build does not have, rather than counting it as zero', () => {
    expect(() => listPathFiles(manifest, ['index.html', 'src/lock-screen.tsx'])).toThrow(/not in the build/);
  });
});
