/**
 * Normalisation of amounts to a monthly figure. Each conversion is an exact ratio (weekly is
 * 52/12) rounded once by the money policy.
 */
import { z } from 'zod';
import { type Cents, roundRatio } from '../money';

export const FrequencySchema = z.enum([
  'weekly',
  'fortnightly',
  'four_weekly',
  'monthly',
  'quarterly',
  'annual',
]);
export type Frequency = z.infer<typeof FrequencySchema>;

/** Months-per-period as a ratio: monthly = amount × numerator / denominator. */
export const FREQUENCY_TO_MONTHLY: Readonly<Record<Frequency, { numerator: number; denominator: number }>> = {
  weekly: { numerator: 52, denominator: 12 },
  fortnightly: { numerator: 26, denominator: 12 },
  four_weekly: { numerator: 13, denominator: 12 },
  monthly: { numerator: 1, denominator: 1 },
  quarterly: { numerator: 1, denominator: 3 },
  annual: { numerator: 1, denominator: 12 },
};

/**
 * Converts an amount paid at `frequency` into cents per month.
 * @param amountCents - amount per period, integer cents
 * @param frequency - period of the amount
 * @returns cents per month, rounded once
 * @example toMonthlyCents(10_000, 'weekly') // 43_333 (100 € × 52 / 12)
 */
export function toMonthlyCents(amountCents: Cents, frequency: Frequency): Cents {
  const { numerator, denominator } = FREQUENCY_TO_MONTHLY[frequency];
  return roundRatio(amountCents * numerator, denominator);
}
