/**
 * What any input to the sync service may hold, whatever the store behind it (docs/sync-protocol.md,
 * INPUT1–INPUT4). One rule for both engines: PostgreSQL refuses U+0000 in text where SQLite keeps
 * it, and both would silently turn a lone surrogate into U+FFFD, so neither reaches a store.
 *
 * - INPUT1: no string (nor object key) holds a C0 control character other than tab, line feed
 *   and carriage return (so no U+0000 anywhere), nor a lone UTF-16 surrogate (not encodable as
 *   UTF-8). Free text keeps its tabs and line breaks.
 * - INPUT2: objects and arrays nest at most MAX_INPUT_DEPTH deep. The deepest value the app
 *   writes is a push body holding a saved scenario's orientation reasons (about 8 levels).
 * - INPUT4: a stored row's fields take at most MAX_ROW_BYTES of JSON (UTF-8).
 *
 * The checks walk values with an explicit stack, never recursion, so a value nested 5,000 deep
 * is refused instead of overflowing the call stack.
 */
import type { z } from 'zod';

export const MAX_INPUT_DEPTH = 32;

/**
 * INPUT4. The longest legitimate row is a note: 20,000 characters of text, at most 3 UTF-8 bytes
 * each (tab and line breaks are 2 bytes in JSON), about 60 kB, plus a few hundred bytes of fields.
 */
export const MAX_ROW_BYTES = 128 * 1024;

/** Tab, line feed and carriage return: the C0 controls free text keeps. */
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** The index of the first character INPUT1 refuses, or -1. */
function forbiddenAt(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== TAB && code !== LF && code !== CR) return i;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i; // NaN past the end: lone
      i += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

/**
 * @example isAllowedText('Loyer\timpayé\n') // true
 * @example isAllowedText('a\u0000b') // false
 */
export function isAllowedText(text: string): boolean {
  return forbiddenAt(text) === -1;
}

/**
 * What a form keeps of typed or pasted text, so that nothing INPUT1 refuses reaches the outbox
 * (a vertical tab or a form feed pasted from a word processor would otherwise be quarantined by
 * the server and the field would never arrive): each refused control character becomes a space,
 * each lone surrogate is dropped. Tabs and line breaks stay.
 * @example keepableText('Loyer\u000bimpayé') // 'Loyer impayé'
 */
export function keepableText(text: string): string {
  let at = forbiddenAt(text);
  if (at === -1) return text;
  let kept = '';
  let rest = text;
  while (at !== -1) {
    const code = rest.charCodeAt(at);
    kept += rest.slice(0, at) + (code < 0x20 ? ' ' : '');
    rest = rest.slice(at + 1);
    at = forbiddenAt(rest);
  }
  return kept + rest;
}

export interface InputIssue {
  rule: 'INPUT1' | 'INPUT2';
  /** Where in the value, as object keys and array indexes (keys shown with INPUT1 escapes). */
  path: (string | number)[];
  message: string;
}

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  key: string | number | undefined;
  depth: number;
}

function pathOf(frame: Frame, last?: string): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [visible(last)];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) {
    path.unshift(typeof at.key === 'string' ? visible(at.key) : at.key);
  }
  return path;
}

/** A key as it can be shown in a message: refused characters written as \uXXXX. */
function visible(key: string): string {
  let out = '';
  let rest = key;
  let at = forbiddenAt(rest);
  while (at !== -1) {
    out += `${rest.slice(0, at)}\\u${rest.charCodeAt(at).toString(16).padStart(4, '0')}`;
    rest = rest.slice(at + 1);
    at = forbiddenAt(rest);
  }
  return out + rest;
}

/**
 * The first place where `value` breaks INPUT1 or INPUT2, or undefined when it follows both.
 * @example inputIssue({ name: 'a\u0000' }) // { rule: 'INPUT1', path: ['name'], message: … }
 */
export function inputIssue(value: unknown): InputIssue | undefined {
  const stack: Frame[] = [{ value, parent: undefined, key: undefined, depth: 0 }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const v = frame.value;
    if (typeof v === 'string') {
      if (!isAllowedText(v)) {
        return {
          rule: 'INPUT1',
          path: pathOf(frame),
          message: 'a control character (U+0000–U+001F other than tab and line breaks) or a lone surrogate',
        };
      }
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const depth = frame.depth + 1;
    if (depth > MAX_INPUT_DEPTH) {
      return {
        rule: 'INPUT2',
        path: pathOf(frame),
        message: `nested more than ${MAX_INPUT_DEPTH} levels deep`,
      };
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ value: v[i], parent: frame, key: i, depth });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (const [key] of entries) {
      if (!isAllowedText(key)) {
        return {
          rule: 'INPUT1',
          path: pathOf(frame, key),
          message: 'a key holds a control character or a lone surrogate',
        };
      }
    }
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, item] = entries[i] as [string, unknown];
      stack.push({ value: item, parent: frame, key, depth });
    }
  }
  return undefined;
}

/** "INPUT1 at patch.note: …", for 400 answers and quarantine details. */
export function describeInputIssue(issue: InputIssue): string {
  const where = issue.path.length === 0 ? '/' : issue.path.join('.');
  return `${issue.rule} at ${where}: ${issue.message}`;
}

/** INPUT1 and INPUT2 as a zod check: `schema.superRefine(checkInputRules)`. */
export function checkInputRules(value: unknown, ctx: z.RefinementCtx): void {
  const issue = inputIssue(value);
  if (issue !== undefined) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: `${issue.rule}: ${issue.message}` });
  }
}

/**
 * A copy of `value` where whatever lies deeper than MAX_INPUT_DEPTH is replaced by a marker
 * string, so a value refused under INPUT2 can still be recorded (quarantine, applied_mutations)
 * and listed without a deep recursion. Call it only for such a value: it copies the whole value.
 */
export function depthBoundedCopy(value: unknown): unknown {
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= MAX_INPUT_DEPTH) return `[INPUT2: nested more than ${MAX_INPUT_DEPTH} levels, not kept]`;
    if (Array.isArray(v)) return v.map((item) => copy(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v as Record<string, unknown>)) out[key] = copy(item, depth + 1);
    return out;
  };
  return copy(value, 0);
}

/**
 * UTF-8 byte length of a JSON text (INPUT4), counted without an encoder (this layer has none).
 * @example utf8Length('€') // 3
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
