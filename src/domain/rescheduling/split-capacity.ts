/**
 * Splitting one month's money between debts. `splitProRata` is the largest-remainder method of
 * money.ts (`allocateLargestRemainder`, same tie rule: earliest part first) redone with plain
 * numbers, because a portfolio run calls it tens of millions of times and the BigInt version
 * is too slow there; it falls back to the BigInt version when a product could exceed 2^53.
 * Tests check that both give the same parts. Indices are in bounds by construction (`count`
 * never exceeds the buffers), hence `!` rather than `?? 0` in these hot loops.
 */
import { allocateLargestRemainder, type Cents } from '../money';

/**
 * Largest-remainder split of `totalCents` in proportion to `weights`.
 * @param totalCents - non-negative integer cents
 * @param weights - non-negative integers, not all zero (outstanding balances in cents)
 * @returns integer cents per weight, same order, summing exactly to `totalCents`
 * @example splitProRata(15_352, [600_000, 450_000, 50_000]) // [8_374, 6_280, 698]
 */
export function splitProRata(totalCents: Cents, weights: readonly number[]): Cents[] {
  // Built with map, not new Array(n).fill(0): packed arrays like the monthly loop's buffers, so
  // splitProRataInto sees one kind of array.
  const parts: number[] = weights.map(() => 0);
  splitProRataInto(
    totalCents,
    weights,
    weights.length,
    parts,
    weights.map(() => 0),
  );
  return parts;
}

/**
 * `splitProRata` over the first `count` weights, written into caller-owned buffers (the
 * monthly loop reuses them instead of allocating).
 * @param totalCents - non-negative integer cents
 * @param weights - non-negative integers (cents), not all zero among the first `count`
 * @param count - number of weights used
 * @param parts - output, cents (first `count` entries written)
 * @param remainders - scratch buffer of at least `count` entries
 * @example splitProRataInto(15_352, [600_000, 450_000, 50_000], 3, out, scratch) // out = [8_374, 6_280, 698]
 */
export function splitProRataInto(
  totalCents: Cents,
  weights: readonly number[],
  count: number,
  parts: number[],
  remainders: number[],
): void {
  let sum = 0;
  let maxWeight = 0;
  for (let i = 0; i < count; i += 1) {
    const w = weights[i]!;
    sum += w;
    if (w > maxWeight) maxWeight = w;
  }
  if (sum === 0 || totalCents * maxWeight > Number.MAX_SAFE_INTEGER || !Number.isSafeInteger(sum)) {
    const exact = allocateLargestRemainder(totalCents, weights.slice(0, count));
    for (let i = 0; i < count; i += 1) parts[i] = exact[i]!;
    return;
  }
  if (count === 1) {
    // One weight takes everything (the general case below gives the same, one division later).
    parts[0] = totalCents;
    remainders[0] = 0;
    return;
  }
  let given = 0;
  for (let i = 0; i < count; i += 1) {
    given += floorShareInto(totalCents * weights[i]!, sum, i, parts, remainders);
  }
  handOutLeftoverCents(totalCents - given, count, sum, parts, remainders);
}

/**
 * Pro-rata split of `amountCents` over debts that also respects a minimum instalment: a debt
 * whose share would fall under the minimum (and would not repay it) gets the minimum, or its
 * whole balance when that is smaller, smallest balances first (practice: finish small debts
 * early, domain-rules §8.3.13); the rest is split again over the others. A part is never
 * above the debt's balance. Only when the amount left is itself under the minimum and no debt
 * can be closed with it does one instalment fall under the minimum (it cannot be helped).
 * @param amountCents - money to share this month, cents
 * @param balances - amount due per debt, cents (0 = repaid, receives 0)
 * @param minimumCents - smallest instalment except a final one, cents (0 = no minimum)
 * @returns cents per debt, same order; sums to min(amountCents, Σ balances)
 * @example splitWithMinimum(1_000, [100_000, 500], 100) // [900, 100]
 */
export function splitWithMinimum(
  amountCents: Cents,
  balances: readonly Cents[],
  minimumCents: Cents,
): Cents[] {
  const result: number[] = balances.map(() => 0);
  let pool: number[] = [];
  let poolSum = 0;
  for (let i = 0; i < balances.length; i += 1) {
    const b = balances[i]!;
    if (b > 0) {
      pool.push(i);
      poolSum += b;
    }
  }
  let remaining = amountCents;
  while (pool.length > 0 && remaining > 0) {
    if (poolSum <= remaining) {
      for (const i of pool) result[i] = balances[i]!;
      return result;
    }
    const shares = splitProRata(
      remaining,
      pool.map((i) => balances[i]!),
    );
    // Since remaining < poolSum, every share is below its balance: none is a final payment.
    let smallest = -1;
    for (let k = 0; k < pool.length; k += 1) {
      if (shares[k]! < minimumCents) {
        const b = balances[pool[k]!] ?? 0;
        if (smallest < 0 || b < (balances[pool[smallest]!] ?? 0)) smallest = k;
      }
    }
    if (smallest < 0) {
      for (let k = 0; k < pool.length; k += 1) result[pool[k]!] = shares[k]!;
      return result;
    }
    const index = pool[smallest]!;
    const payment = Math.min(minimumCents, balances[index]!);
    if (payment > remaining) {
      // The money left cannot make a minimum instalment: it goes to the largest debt.
      let largest = pool[0]!;
      for (const i of pool) if (balances[i]! > balances[largest]!) largest = i;
      result[largest] = remaining;
      return result;
    }
    result[index] = payment;
    remaining -= payment;
    poolSum -= balances[index]!;
    pool = pool.filter((i) => i !== index);
  }
  return result;
}

/** A buffer of numbers the hot loops write into: a plain array or a Float64Array. */
export interface CentsBuffer {
  [index: number]: number;
}

/**
 * The largest-remainder method's first step for one part: the floor of `product / sum` into
 * parts[i] and what is left over into remainders[i] (in [0, sum)), both exact integers.
 * @returns the floor written
 */
export function floorShareInto(
  product: number,
  sum: number,
  i: number,
  parts: CentsBuffer,
  remainders: CentsBuffer,
): number {
  // Float division of two exact integers can land one off an integer boundary: correct it.
  let q = Math.floor(product / sum);
  let r = product - q * sum;
  if (r < 0) {
    q -= 1;
    r += sum;
  } else if (r >= sum) {
    q += 1;
    r -= sum;
  }
  parts[i] = q;
  remainders[i] = r;
  return q;
}

/**
 * The largest-remainder method's last step, the one rounding rule of every pro-rata split (the
 * general loop's and the shared-totals fast path's): the `left` cents still to give (fewer than
 * `count`) go one each to the parts with the largest remainders, ties to the earliest part.
 * `remainders` (each in [0, sum)) is used as scratch.
 */
export function handOutLeftoverCents(
  left: number,
  count: number,
  sum: number,
  parts: CentsBuffer,
  remainders: CentsBuffer,
): void {
  if (left * 2 <= count) {
    for (let cent = left; cent > 0; cent -= 1) {
      let best = 0;
      let bestRemainder = remainders[0]!;
      for (let i = 1; i < count; i += 1) {
        const r = remainders[i]!;
        if (r > bestRemainder) {
          best = i;
          bestRemainder = r;
        }
      }
      parts[best] = parts[best]! + 1;
      remainders[best] = -1;
    }
    return;
  }
  // Most parts get a cent: the same parts as above, found from the other end (one cent to
  // every part, then taken back from the smallest remainders, ties to the latest) in fewer scans.
  for (let i = 0; i < count; i += 1) parts[i] = parts[i]! + 1;
  for (let back = count - left; back > 0; back -= 1) {
    let worst = count - 1;
    let worstRemainder = remainders[worst]!;
    for (let i = count - 2; i >= 0; i -= 1) {
      const r = remainders[i]!;
      if (r < worstRemainder) {
        worst = i;
        worstRemainder = r;
      }
    }
    parts[worst] = parts[worst]! - 1;
    remainders[worst] = sum;
  }
}
