/**
 * Constant monthly instalment of a loan at a reduced rate (C. consom. L733-1 3°: at most the
 * legal rate), with the proportional monthly rate annual/12, the usual French convention for
 * a nominal rate. How the Banque de France computes interest in plans was not found [U].
 * Exact: the compound factor is a ratio of bigints, rounded once.
 */
import { type Cents, roundRatio } from '../money';

/**
 * Monthly annuity for a principal, a nominal annual rate and a number of months.
 * @param principalCents - amount to repay, cents
 * @param annualRateBps - nominal annual rate, basis points (2.62 % = 262)
 * @param months - number of monthly instalments (≥ 1)
 * @returns instalment in cents per month (the last one absorbs the rounding residue)
 * @example annuityMonthlyCents(600_000, 262, 36) // 17_348 (173.48 €, rules §2.5 example D)
 */
export function annuityMonthlyCents(principalCents: Cents, annualRateBps: number, months: number): Cents {
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a positive integer');
  if (annualRateBps === 0) return roundRatio(principalCents, months);
  // i = bps / 120 000; annuity = P·i / (1 − (1+i)^−n) = P·bps·a^n / (120 000·(a^n − b^n)).
  const b = 120_000n;
  const a = b + BigInt(annualRateBps);
  const an = a ** BigInt(months);
  const bn = b ** BigInt(months);
  return roundRatio(BigInt(principalCents) * BigInt(annualRateBps) * an, b * (an - bn));
}
