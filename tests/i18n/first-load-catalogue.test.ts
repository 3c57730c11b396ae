/**
 * The list's first load brings only part of the French catalogue (src/i18n/messages-fr-first.ts,
 * issue 17). Two rules: every key the list's screens name is in that part (the screens src/ui
 * reaches from app.tsx by static imports, the lazy pages excluded), and a screen drawn before the
 * whole catalogue arrives is drawn again with its words when it does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { firstLoadFr } from '../../src/i18n/messages-fr-first';

const UI = resolve(__dirname, '../../src/ui');

/** src/ui modules reached from `entry` by static value imports (not `import type`, not `import()`). */
function staticUiModules(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const match of source.matchAll(/^import\s+(?!type\s)[^'";]*?from\s+'(\.[^']+)'/gm)) {
    const base = resolve(dirname(entry), match[1] ?? '');
    const file = ['.tsx', '.ts'].map((ext) => base + ext).find(existsSync);
    if (file?.startsWith(UI)) staticUiModules(file, seen);
  }
  return seen;
}

describe('the first load’s French strings', () => {
  const modules = [...staticUiModules(join(UI, 'app.tsx'))];

  it('the walk finds the list, the header and the unlock screen, and no lazy page', () => {
    const names = modules.map((file) => file.slice(UI.length + 1));
    expect(names).toEqual(
      expect.arrayContaining([
        'pages/dossiers-page.tsx',
        'components/app-header.tsx',
        'pages/lock/unlock-screen.tsx',
      ]),
    );
    expect(names).not.toContain('pages/dossier/dossier-page.tsx');
    expect(names).not.toContain('pages/lock/setup-screen.tsx');
  });

  it('hold every key the list’s screens name, and every family of keys they build (prefix.)', () => {
    const keys = Object.keys(firstLoadFr);
    const missing: string[] = [];
    for (const file of modules) {
      // Comments may name keys as examples: only code counts.
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z]+\.[\w.]+)'/g)) {
        const key = match[1] ?? '';
        if (!(key in firstLoadFr)) missing.push(`${file.slice(UI.length + 1)}: ${key}`);
      }
      for (const match of source.matchAll(/'([a-z]+\.[\w.]*\.)'/g)) {
        const prefix = match[1] ?? '';
        if (!keys.some((key) => key.startsWith(prefix)))
          missing.push(`${file.slice(UI.length + 1)}: ${prefix}*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a string outside them is drawn again with its words once the whole catalogue arrives', async () => {
    vi.resetModules();
    const i18n = await import('../../src/i18n/i18n');
    const { effect } = await import('@preact/signals');
    const { messagesFr } = await import('../../src/i18n/messages-fr');
    const key =
      'budget.title' in messagesFr
        ? 'budget.title'
        : (Object.keys(messagesFr).find((k) => !(k in firstLoadFr)) ?? '');
    expect(key in firstLoadFr).toBe(false);
    i18n.provideCatalogue('fr', firstLoadFr, true);
    const drawn: string[] = [];
    const stop = effect(() => {
      drawn.push((i18n.t as (k: string) => string)(key));
    });
    expect(i18n.isLocaleLoaded('fr')).toBe(false);
    await i18n.loadLocale('fr');
    stop();
    expect(drawn).toEqual([key, messagesFr[key as keyof typeof messagesFr]]);
  });
});
