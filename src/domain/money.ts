/**
 * Money is always an integer number of euro cents. Every division of money goes through
 * `roundRatio`, the one rounding function of the engine, under the policy named in
 * `ROUNDING_POLICY` (see docs/decisions/0002-money-as-integer-cents.md). Nothing else in
 * src/domain may call Math.round on an amount.
 */
import { z } from 'zod';

/** An amount of money in integer euro cents (may be negative only where a field says so). */
export type Cents = number;

/** A non-negative amount in integer euro cents. */
export const CentsSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A signed amount in integer euro cents (balances, margins). */
export const SignedCentsSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/**
 * The rounding policy: round to the nearest cent, halves away from zero ("arrondi
 * commercial"). It reproduces the published figures of the domain rules (338.375 → 338.38,
 * RSA increments 193.956 → 193.96).
 */
export const ROUNDING_POLICY = 'half-away-from-zero' as const;

/** Denominator of rates stored in parts per hundred thousand (128.412 % = 128_412). */
export const RATE_DENOMINATOR = 100_000;

function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer, got ${value}`);
  }
}

/**
 * Rounds the exact rational `numerator / denominator` to an integer under `ROUNDING_POLICY`.
 * Both operands are integers (bigint accepted for products that exceed 2^53, such as
 * compound-interest factors), so the result is exact: no binary-float drift.
 * @param numerator - integer (e.g. cents × rate numerator)
 * @param denominator - non-zero integer
 * @returns integer (cents when the numerator is in cents), a safe number
 * @example roundRatio(406_050, 12) // 33_838 (338.375 € → 338.38 €)
 */
export function roundRatio(numerator: number | bigint, denominator: number | bigint): number {
  if (typeof numerator === 'number') assertSafeInteger(numerator, 'numerator');
  if (typeof denominator === 'number') assertSafeInteger(denominator, 'denominator');
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d === 0n) throw new RangeError('denominator must not be 0');
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const quotient = a / b;
  const rounded = (a % b) * 2n >= b ? quotient + 1n : quotient;
  const result = Number(negative ? -rounded : rounded);
  assertSafeInteger(result, 'result');
  return result;
}

/**
 * Applies a rate in parts per hundred thousand to an amount, rounded once.
 * @param amountCents - integer cents
 * @param ratePer100k - rate in parts per 100 000 (50 % = 50_000)
 * @returns integer cents
 * @example applyRate(64_652, 30_000) // 19_396 (193.956 € → 193.96 €)
 */
export function applyRate(amountCents: Cents, ratePer100k: number): Cents {
  return roundRatio(amountCents * ratePer100k, RATE_DENOMINATOR);
}

/**
 * Sums integer cent amounts, refusing anything that is not a safe integer.
 * @param amounts - integer cents
 * @returns integer cents
 * @example sumCents([100, 250]) // 350
 */
export function sumCents(amounts: readonly Cents[]): Cents {
  let total = 0;
  for (const amount of amounts) {
    assertSafeInteger(amount, 'amount');
    total += amount;
  }
  assertSafeInteger(total, 'total');
  return total;
}

/**
 * Splits `totalCents` in proportion to `weights` so that the parts sum exactly to the total
 * (largest-remainder method): each part is floored, then the cents left over go one by one
 * to the parts with the largest remainders, ties to the earliest part.
 * @param totalCents - non-negative integer cents to split
 * @param weights - non-negative integers (e.g. outstanding balances in cents); not all zero
 * @returns integer cents per weight, same order, summing to `totalCents`
 * @example allocateLargestRemainder(15_352, [600_000, 450_000, 50_000]) // [8_374, 6_280, 698]
 */
export function allocateLargestRemainder(totalCents: Cents, weights: readonly number[]): Cents[] {
  assertSafeInteger(totalCents, 'totalCents');
  if (totalCents < 0) throw new RangeError('totalCents must be non-negative');
  const weightSum = sumCents(weights);
  if (weights.some((w) => w < 0)) throw new RangeError('weights must be non-negative');
  if (weightSum === 0) throw new RangeError('weights must not all be zero');
  // BigInt: total × weight can exceed 2^53 for large balances.
  const total = BigInt(totalCents);
  const sum = BigInt(weightSum);
  const parts = weights.map((w, index) => {
    const product = total * BigInt(w);
    return { index, floor: Number(product / sum), remainder: product % sum };
  });
  let leftover = totalCents - parts.reduce((acc, p) => acc + p.floor, 0);
  const byRemainder = [...parts].sort((x, y) =>
    x.remainder === y.remainder ? x.index - y.index : x.remainder > y.remainder ? -1 : 1,
  );
  const result = parts.map((p) => p.floor);
  for (const part of byRemainder) {
    if (leftover === 0) break;
    result[part.index] = (result[part.index] ?? 0) + 1;
    leftover -= 1;
  }
  return result;
}
