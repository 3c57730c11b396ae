/**
 * Who is paid first. A policy turns the debts still owed into ordered groups: the month's
 * money goes to the first group until it is repaid, then to the next; within a group it is
 * shared pro rata on the outstanding balances (largest remainder, see split-capacity.ts).
 */
import { z } from 'zod';
import { type CreditorCategory, CreditorCategorySchema } from '../household/creditor';
import { CentsSchema } from '../money';

export const AllocationPolicyNameSchema = z.enum([
  'landlord-first-pro-rata',
  'priority-classes',
  'pro-rata',
  'avalanche',
  'snowball',
]);
export type AllocationPolicyName = z.infer<typeof AllocationPolicyNameSchema>;

/**
 * Default class order of 'priority-classes' (domain-rules §8.2.6): landlord (L711-6), then the
 * other non-financial creditors, then credit institutions and finance companies [U].
 */
export const DEFAULT_PRIORITY_CLASSES: readonly (readonly CreditorCategory[])[] = [
  ['landlord'],
  ['utility', 'tax', 'social_body', 'private_individual', 'other'],
  ['credit_institution'],
];

/** Default minimum instalment, except a final one: 1 € (domain-rules §8.3.13) [U]. */
export const DEFAULT_MINIMUM_INSTALMENT_CENTS = 100;

export const AllocationPolicySchema = z.object({
  name: AllocationPolicyNameSchema,
  /** For 'priority-classes': ordered creditor classes; unlisted categories come last. */
  classes: z.array(z.array(CreditorCategorySchema).min(1)).max(7).optional(),
  /** Smallest instalment except a final one, cents (default 100). */
  minimumInstalmentCents: CentsSchema.optional(),
  /** Pay each debt's contractual instalment before sharing the rest (support-track strategies). */
  contractualInstalmentsFirst: z.boolean().optional(),
});
export type AllocationPolicy = z.infer<typeof AllocationPolicySchema>;

/** What the ordering sees of one debt. */
export interface RankedDebt {
  readonly creditorCategory: CreditorCategory;
  readonly annualRateBps: number;
}

export interface ResolvedPolicy {
  readonly name: AllocationPolicyName;
  readonly minimumInstalmentCents: number;
  readonly contractualInstalmentsFirst: boolean;
  /** Static rank of each debt (lower is paid first); null when the rank depends on balances. */
  readonly staticRank: ((debt: RankedDebt) => number) | null;
}

function classRank(classes: readonly (readonly CreditorCategory[])[]): (debt: RankedDebt) => number {
  const rank = new Map<CreditorCategory, number>();
  classes.forEach((group, index) => {
    for (const category of group) if (!rank.has(category)) rank.set(category, index);
  });
  return (debt) => rank.get(debt.creditorCategory) ?? classes.length;
}

const landlordFirstRank = (debt: RankedDebt): number => (debt.creditorCategory === 'landlord' ? 0 : 1);
const sameRank = (): number => 0;
// Highest rate first: the rank is the negated rate, equal rates share pro rata.
const highestRateFirstRank = (debt: RankedDebt): number => -debt.annualRateBps;

function staticRankOf(policy: AllocationPolicy): ResolvedPolicy['staticRank'] {
  switch (policy.name) {
    case 'landlord-first-pro-rata':
      return landlordFirstRank;
    case 'priority-classes':
      return classRank(policy.classes ?? DEFAULT_PRIORITY_CLASSES);
    case 'pro-rata':
      return sameRank;
    case 'avalanche':
      return highestRateFirstRank;
    case 'snowball':
      return null;
  }
}

/**
 * Fills a policy's defaults.
 * @param policy - a policy (name + options)
 * @returns the resolved policy with its rank function
 * @example resolvePolicy({ name: 'pro-rata' }).minimumInstalmentCents // 100
 */
export function resolvePolicy(policy: AllocationPolicy): ResolvedPolicy {
  return {
    name: policy.name,
    minimumInstalmentCents: policy.minimumInstalmentCents ?? DEFAULT_MINIMUM_INSTALMENT_CENTS,
    contractualInstalmentsFirst: policy.contractualInstalmentsFirst ?? false,
    staticRank: staticRankOf(policy),
  };
}

/**
 * Orders the debts still owed into groups paid one after the other.
 * @param active - indices of the debts still owed
 * @param ranks - static rank per debt index (ignored for snowball)
 * @param dues - amount due per debt index, cents (snowball: smallest first)
 * @param policy - the resolved policy
 * @returns groups of debt indices, first paid first
 * @example orderGroups([0, 1], [1, 0], [500, 900], policy) // [[1], [0]] under landlord first
 */
export function orderGroups(
  active: readonly number[],
  ranks: readonly number[],
  dues: readonly number[],
  policy: ResolvedPolicy,
): number[][] {
  const keys = policy.staticRank === null ? dues : ranks;
  const sorted = active.slice().sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
  const groups: number[][] = [];
  let lastKey = Number.NaN;
  for (const i of sorted) {
    const k = keys[i] ?? 0;
    if (groups.length === 0 || k !== lastKey) groups.push([i]);
    else groups[groups.length - 1]?.push(i);
    lastKey = k;
  }
  return groups;
}
