/**
 * Monthly resources R and the base of the seizure scale. All resources count in R, benefits
 * included (Cass. 1re civ. 2002); the base of the barème is a per-dossier choice
 * (domain-rules 2.4b), shown in the explanation.
 */
import type { IsoDate } from '../dates';
import type { Household } from '../household/household';
import type { ResourceType } from '../household/resource';
import type { Cents } from '../money';
import type { ResolvedDiagnosisOptions } from './diagnosis-options';
import { toMonthlyCents } from './monthly-amount';

export interface ResourceLine {
  readonly id: string;
  readonly type: ResourceType;
  readonly monthlyCents: Cents;
  /** False when the line has not started or has ended on the reference date. */
  readonly running: boolean;
  readonly inSeizureBase: boolean;
  readonly regular: boolean;
}

export interface ResourceSummary {
  readonly totalMonthlyCents: Cents;
  readonly seizureBaseMonthlyCents: Cents;
  readonly lines: readonly ResourceLine[];
}

/**
 * Normalises every resource line to the month and sums R and the seizure base.
 * @param household - the dossier
 * @param on - reference date
 * @param seizureBase - option: 'household', 'filers' or 'selected-lines'
 * @returns totals in cents per month and the lines
 * @example summariseResources(household, '2026-02-01', 'household').totalMonthlyCents // 290_000
 */
export function summariseResources(
  household: Household,
  on: IsoDate,
  seizureBase: ResolvedDiagnosisOptions['seizureBase'],
): ResourceSummary {
  const filerIds = new Set(
    household.members.filter((m) => m.role === 'applicant' || m.role === 'co_applicant').map((m) => m.id),
  );
  const lines = household.resources.map((r): ResourceLine => {
    const running = (r.startDate ?? on) <= on && on <= (r.endDate ?? on);
    const inBase =
      seizureBase === 'household'
        ? true
        : seizureBase === 'filers'
          ? r.ownerMemberId === undefined || filerIds.has(r.ownerMemberId)
          : r.inSeizureBase !== false;
    return {
      id: r.id,
      type: r.type,
      monthlyCents: running ? toMonthlyCents(r.amountCents, r.frequency) : 0,
      running,
      inSeizureBase: running && inBase,
      regular: r.regular,
    };
  });
  return {
    totalMonthlyCents: lines.reduce((sum, l) => sum + l.monthlyCents, 0),
    seizureBaseMonthlyCents: lines.filter((l) => l.inSeizureBase).reduce((sum, l) => sum + l.monthlyCents, 0),
    lines,
  };
}
