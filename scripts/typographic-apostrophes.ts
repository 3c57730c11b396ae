/**
 * French text shown to people uses the typographic apostrophe ’ (U+2019), never the ASCII '.
 *
 *   npx tsx scripts/typographic-apostrophes.ts           rewrites every French string it finds
 *   npx tsx scripts/typographic-apostrophes.ts --check   lists them and exits 1, writes nothing
 *
 * Where French text is:
 * - the French catalogues (src/i18n/catalogues/*-fr.ts, src/i18n/messages-fr.ts): every string
 *   value is French, so every ASCII apostrophe in it goes;
 * - elsewhere in src/ (the domain's alerts, explanations, legal sources, letter templates and
 *   document wording, both languages side by side): an ASCII apostrophe that makes a French
 *   elision (l', d', n', qu', jusqu', aujourd'hui…) inside a string, template or JSX text.
 *   English never elides a lone letter that way ("don't", "user's" are untouched).
 * Then the words it changed are changed alike in tests/ and docs/ (assertions and documented
 * outputs quote these strings), and only those words: a test's "D'Arçy" stays.
 *
 * Run it after merging branches that add strings; tests/i18n/french-typography.test.ts fails
 * until it has been run. Uses the parser that comes with Vite (oxc).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'vite';

export const TYPOGRAPHIC_APOSTROPHE = '\u2019';

const ROOT = resolve(import.meta.dirname, '..');

/** Files whose every string value is French. */
export function isFrenchCatalogue(file: string): boolean {
  return /^src\/i18n\/(catalogues\/[\w-]+-fr|messages-fr)\.ts$/.test(file);
}

/**
 * A French elision with an ASCII apostrophe, possibly escaped in a single-quoted literal
 * (l\'eau). Group 1 is the apostrophe.
 */
const FRENCH_ELISION =
  /(?<!\p{L})(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|aujourd|prud)(\\?')(?=\p{L})/giu;

export interface Finding {
  readonly file: string;
  readonly line: number;
  /** The string as written in the source (quotes included), shortened. */
  readonly text: string;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

interface AstNode {
  readonly type?: string;
  readonly start?: number;
  readonly end?: number;
  readonly value?: unknown;
  readonly key?: unknown;
  readonly [field: string]: unknown;
}

/** The spans of a source's string literals, template pieces and JSX text; object keys left out. */
export function textSpans(file: string, source: string): Span[] {
  const { program, errors } = parseSync(file, source);
  if (errors.length > 0) throw new Error(`${file}: ${errors[0]?.message ?? 'parse error'}`);
  const spans: Span[] = [];
  const keys = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as AstNode;
    if (n.type === 'Property' && n.key) keys.add(n.key);
    const isText =
      (n.type === 'Literal' && typeof n.value === 'string') ||
      n.type === 'TemplateElement' ||
      n.type === 'JSXText';
    if (isText && !keys.has(n) && n.start !== undefined && n.end !== undefined)
      spans.push({ start: n.start, end: n.end });
    for (const [field, child] of Object.entries(n)) if (field !== 'parent') visit(child);
  };
  visit(program);
  return spans;
}

/** The apostrophes to replace in one span of source text: their offsets within `raw`. */
function apostrophesIn(raw: string, everyApostrophe: boolean, quote: string): number[] {
  const offsets: number[] = [];
  if (everyApostrophe) {
    // Skip the literal's own delimiters when it is single-quoted.
    const from = quote === "'" ? 1 : 0;
    const to = quote === "'" ? raw.length - 1 : raw.length;
    for (let i = from; i < to; i += 1) if (raw[i] === "'") offsets.push(i);
    return offsets;
  }
  for (const match of raw.matchAll(FRENCH_ELISION)) {
    const apostrophe = match[1] ?? "'";
    offsets.push((match.index ?? 0) + match[0].length - apostrophe.length);
  }
  return offsets;
}

interface FileResult {
  readonly findings: Finding[];
  readonly fixed: string;
  /** Words changed, as written before and after: "l'intérêt" → "l’intérêt". */
  readonly words: Map<string, string>;
}

/** Finds, and fixes in a copy, the ASCII apostrophes of French text in one source file. */
export function sweepSource(file: string, source: string): FileResult {
  const everyApostrophe = isFrenchCatalogue(file);
  const findings: Finding[] = [];
  const words = new Map<string, string>();
  // Replacements from the end, so earlier offsets stay valid.
  const edits: { at: number; length: number }[] = [];
  for (const span of textSpans(file, source)) {
    const raw = source.slice(span.start, span.end);
    const offsets = apostrophesIn(raw, everyApostrophe, raw[0] ?? '');
    if (offsets.length === 0) continue;
    const line = source.slice(0, span.start).split('\n').length;
    findings.push({ file, line, text: raw.length > 100 ? `${raw.slice(0, 97)}…` : raw });
    for (const offset of offsets) {
      const escaped = raw[offset - 1] === '\\' && raw[0] === "'";
      const at = span.start + offset - (escaped ? 1 : 0);
      edits.push({ at, length: escaped ? 2 : 1 });
      const lead = /\p{L}*$/u.exec(source.slice(Math.max(0, at - 30), at))?.[0] ?? '';
      const tail = /^\p{L}*/u.exec(source.slice(at + (escaped ? 2 : 1)))?.[0] ?? '';
      const before = `${lead}'${tail}`;
      if (/^\p{L}+'\p{L}+$/u.test(before)) words.set(before, before.replace("'", TYPOGRAPHIC_APOSTROPHE));
    }
  }
  let fixed = source;
  for (const edit of edits.sort((a, b) => b.at - a.at))
    fixed = fixed.slice(0, edit.at) + TYPOGRAPHIC_APOSTROPHE + fixed.slice(edit.at + edit.length);
  return { findings, fixed, words };
}

function filesUnder(dir: string, extensions: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((path) =>
      relative(ROOT, join(ROOT, dir, path))
        .split('\\')
        .join('/'),
    )
    .filter((path) => extensions.test(path) && !path.includes('node_modules'))
    .sort();
}

/** The app's source files that may hold text shown to people. */
export function appSourceFiles(): string[] {
  return filesUnder('src', /\.tsx?$/);
}

/** Every ASCII apostrophe of French text in the app's sources (nothing is written). */
export function findAsciiApostrophes(): Finding[] {
  return appSourceFiles().flatMap(
    (file) => sweepSource(file, readFileSync(join(ROOT, file), 'utf8')).findings,
  );
}

/** Replaces `words` (whole words only) in a text file. */
function replaceWords(text: string, words: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [before, after] of words) {
    const escaped = before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, 'gu'), after);
  }
  return out;
}

function main(): void {
  const check = process.argv.includes('--check');
  const changed: string[] = [];
  const words = new Map<string, string>();
  const findings: Finding[] = [];
  for (const file of appSourceFiles()) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const result = sweepSource(file, source);
    findings.push(...result.findings);
    for (const [before, after] of result.words) words.set(before, after);
    if (!check && result.fixed !== source) {
      writeFileSync(join(ROOT, file), result.fixed);
      changed.push(file);
    }
  }
  if (check) {
    for (const f of findings) console.log(`${f.file}:${f.line}: ${f.text}`);
    console.log(`${findings.length} French string(s) with an ASCII apostrophe.`);
    process.exit(findings.length > 0 ? 1 : 0);
  }
  // The same words where tests assert on these strings and docs show them.
  if (words.size > 0) {
    const quoting = [...filesUnder('tests', /\.tsx?$/), ...filesUnder('docs', /\.md$/), 'README.md'];
    for (const file of quoting) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const fixed = replaceWords(text, words);
      if (fixed !== text) {
        writeFileSync(join(ROOT, file), fixed);
        changed.push(file);
      }
    }
  }
  const code = changed.filter((file) => /\.tsx?$/.test(file));
  // A literal that was "double-quoted" for its apostrophe now takes the project's single quotes.
  if (code.length > 0)
    spawnSync('npx', ['biome', 'format', '--write', ...code], { cwd: ROOT, stdio: 'inherit' });
  console.log(
    `${findings.length} string(s) fixed in ${changed.length} file(s); words: ${[...words.keys()].join(', ')}`,
  );
  for (const file of changed) console.log(`  ${file}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
