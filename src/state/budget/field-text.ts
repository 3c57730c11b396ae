/**
 * Turning what people type into typed fields, and back: amounts in euros to cents, rates in
 * percent to basis points, yes/no choices to booleans. Errors are message keys (common
 * catalogue), worded by the UI next to the field.
 */
import { IsoDateSchema } from '../../domain/dates';
import { centsToInputText, parseEurosToCents, parsePercentToBps } from '../../domain/user-input';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A required euro amount, in cents. */
export function amountField(text: string): Parsed<number> {
  const result = parseEurosToCents(text);
  return result.ok ? result : { ok: false, error: `error.amount.${result.error}` };
}

/** An optional euro amount: empty text is "not given". */
export function optionalAmountField(text: string): Parsed<number | undefined> {
  return text.trim() === '' ? { ok: true, value: undefined } : amountField(text);
}

/** A required percentage, in basis points (2,62 % → 262). */
export function rateField(text: string): Parsed<number> {
  const result = parsePercentToBps(text);
  if (result.ok) return result;
  return { ok: false, error: result.error === 'empty' ? 'error.required' : 'error.rate.invalid' };
}

/** An optional whole number between min and max (e.g. a term in months). */
export function optionalIntegerField(text: string, min: number, max: number): Parsed<number | undefined> {
  const trimmed = text.replace(/[\s\u00a0\u202f]/g, '');
  if (trimmed === '') return { ok: true, value: undefined };
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: 'error.invalid' };
  const value = Number(trimmed);
  return value < min || value > max ? { ok: false, error: 'error.invalid' } : { ok: true, value };
}

/** An optional calendar date as typed in a date input (YYYY-MM-DD). */
export function optionalDateField(text: string): Parsed<string | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  return IsoDateSchema.safeParse(text.trim()).success
    ? { ok: true, value: text.trim() }
    : { ok: false, error: 'error.date.invalid' };
}

/** An optional free text up to `max` characters; blank is "not given". */
export function optionalTextField(text: string, max = 200): Parsed<string | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  return trimmed.length > max ? { ok: false, error: 'error.tooLong' } : { ok: true, value: trimmed };
}

/** A value that must be one of `options`. */
export function choiceField<T extends string>(text: string, options: readonly T[]): Parsed<T> {
  if (text === '') return { ok: false, error: 'error.required' };
  return (options as readonly string[]).includes(text)
    ? { ok: true, value: text as T }
    : { ok: false, error: 'error.invalid' };
}

/** An optional choice: empty text is "not given". */
export function optionalChoiceField<T extends string>(
  text: string,
  options: readonly T[],
): Parsed<T | undefined> {
  return text === '' ? { ok: true, value: undefined } : choiceField(text, options);
}

/** 'yes' / 'no' radio or select text to a boolean; '' is "not given". */
export function yesNoText(value: boolean | undefined): '' | 'yes' | 'no' {
  return value === undefined ? '' : value ? 'yes' : 'no';
}

export function yesNoValue(text: string): boolean | undefined {
  return text === 'yes' ? true : text === 'no' ? false : undefined;
}

/** Cents written back for an input ('' when absent). */
export function centsText(cents: number | undefined): string {
  return cents === undefined ? '' : centsToInputText(cents);
}

/** Basis points written back as a French percentage ("2,62"). */
export function bpsText(bps: number | undefined): string {
  return bps === undefined ? '' : centsToInputText(bps);
}

/**
 * Collects per-field results: the values of the good ones and the error of each bad one.
 * @example collect({ amount: amountField('12') }) // { ok: true, values: { amount: 1200 } }
 */
export function collect<R extends Record<string, Parsed<unknown>>>(
  results: R,
):
  | { ok: true; values: { [K in keyof R]: R[K] extends Parsed<infer T> ? T : never } }
  | { ok: false; errors: Partial<Record<keyof R, string>> } {
  const errors: Partial<Record<keyof R, string>> = {};
  const values: Record<string, unknown> = {};
  for (const [key, result] of Object.entries(results)) {
    if (result.ok) values[key] = result.value;
    else errors[key as keyof R] = result.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values: values as { [K in keyof R]: R[K] extends Parsed<infer T> ? T : never } };
}

/**
 * A full patch from typed fields: optional fields left out become `undefined`, which removes
 * them from the stored row (an edit that clears a field must clear it).
 */
export function withClearedOptionals<T extends object>(fields: T, optionalKeys: readonly string[]): T {
  const out: Record<string, unknown> = { ...(fields as Record<string, unknown>) };
  for (const key of optionalKeys) if (!(key in out) || out[key] === undefined) out[key] = undefined;
  return out as T;
}

/** Drops keys whose value is undefined (for a new row: absent, not undefined). */
export function withoutUndefined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}
