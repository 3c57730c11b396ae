/** New terms for one creditor in an amicable rescheduling: the shortest term that fits. */
import type { Cents } from '../money';
import { annuityMonthlyCents } from '../plan/annuity';

export interface NewTermsRequest {
  readonly debtId: string;
  readonly balanceCents: Cents;
  readonly contractRateBps: number;
  /** The debt's share of the capacity, cents per month. */
  readonly shareCents: Cents;
  readonly maxTermMonths: number;
  /** Highest rate the counsellor proposes, bps (absent: the contract rate). */
  readonly maxRateBps?: number;
  /** Try 0 % when nothing fits at the proposed rate. */
  readonly allowRateReduction: boolean;
}

export interface NewTerms {
  readonly debtId: string;
  /** Rate asked of the creditor, bps. */
  readonly rateBps: number;
  /** New term, months (the maximum when nothing fits). */
  readonly termMonths: number;
  /** New instalment, cents per month (the last one absorbs the residue). */
  readonly instalmentCents: Cents;
  /** The annuity fits the share within the maximum term. */
  readonly fits: boolean;
  /** The rate had to be lowered below the contract rate. */
  readonly rateReduced: boolean;
}

function fitAt(balance: Cents, rateBps: number, share: Cents, maxTerm: number): number | null {
  if (balance === 0) return 1;
  if (share === 0 || annuityMonthlyCents(balance, rateBps, maxTerm) > share) return null;
  // The annuity falls as the term grows: binary search for the shortest term that fits.
  let lo = 1;
  let hi = maxTerm;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (annuityMonthlyCents(balance, rateBps, mid) <= share) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Shortest term whose annuity fits the debt's share, at the proposed rate, then at 0 %.
 * @param request - balance (cents), rates (bps), share (cents/month), maximum term (months)
 * @returns the new terms; when nothing fits, the share over the maximum term (fits = false)
 * @example shortestFittingTerm({ debtId: 'a', balanceCents: 600_000, contractRateBps: 262, shareCents: 17_348, maxTermMonths: 84, allowRateReduction: true }).termMonths // 36
 */
export function shortestFittingTerm(request: NewTermsRequest): NewTerms {
  const { balanceCents, shareCents, maxTermMonths } = request;
  const proposed = Math.min(request.contractRateBps, request.maxRateBps ?? request.contractRateBps);
  const rates = request.allowRateReduction && proposed > 0 ? [proposed, 0] : [proposed];
  for (const rateBps of rates) {
    const term = fitAt(balanceCents, rateBps, shareCents, maxTermMonths);
    if (term !== null) {
      return {
        debtId: request.debtId,
        rateBps,
        termMonths: term,
        instalmentCents: balanceCents === 0 ? 0 : annuityMonthlyCents(balanceCents, rateBps, term),
        fits: true,
        rateReduced: rateBps < request.contractRateBps,
      };
    }
  }
  const rateBps = rates[rates.length - 1] ?? 0;
  return {
    debtId: request.debtId,
    rateBps,
    termMonths: maxTermMonths,
    instalmentCents: shareCents,
    fits: false,
    rateReduced: rateBps < request.contractRateBps,
  };
}
