/**
 * Who counts for what. The same household gives three different head-counts: the RSA
 * composition (people living there), the barème dependents (R3252-3, which include a child
 * living elsewhere for whom alimony is paid) and the consumption units (INSEE).
 */
import { ageOn, type IsoDate } from '../dates';
import type { Household } from '../household/household';
import type { Member } from '../household/member';
import type { Cents } from '../money';
import { type ParameterSetStamp, stampOf } from '../parameters/parameter-meta';
import type { ParameterSupplements } from '../parameters/parameter-supplements';
import { consumptionUnitScaleOn, rsaAmountsOn } from '../parameters/parameters-on';
import { toMonthlyCents } from './monthly-amount';

export interface HouseholdComposition {
  readonly adults: 1 | 2;
  /** Children and dependents under 25 living in the household (RSA composition). */
  readonly children: number;
  /** Other dependents aged 25 or more living in the household. */
  readonly otherDependents: number;
  readonly isolatedParent: boolean;
  /** Dependents for the seizure scale (R3252-3). */
  readonly dependents: number;
  /** Ids of the members counted as dependents, for the explanation. */
  readonly dependentIds: readonly string[];
  readonly personsInHousehold: number;
  /** Consumption units, thousandths (2.3 UC = 2 300). */
  readonly consumptionUnitsMilli: number;
  /** Single-person RSA used for the dependent test, cents. */
  readonly singleRsaCents: Cents;
  readonly parameterSet: ParameterSetStamp;
}

const isPartner = (m: Member) => m.role === 'co_applicant' || m.role === 'non_filing_spouse';
const livesHere = (m: Member) => m.custody !== 'elsewhere_alimony_paid';

/**
 * A member's own monthly resources: the declared figure if given, else their resource lines.
 * @param household - the dossier
 * @param member - the member
 * @param on - reference date (lines not running on that date are ignored)
 * @returns cents per month
 * @example ownMonthlyResources(household, spouse, '2026-02-01') // 90_000
 */
export function ownMonthlyResources(household: Household, member: Member, on: IsoDate): Cents {
  if (member.ownMonthlyResourcesCents !== undefined) return member.ownMonthlyResourcesCents;
  return household.resources
    .filter((r) => r.ownerMemberId === member.id && (r.startDate ?? on) <= on && on <= (r.endDate ?? on))
    .reduce((sum, r) => sum + toMonthlyCents(r.amountCents, r.frequency), 0);
}

/**
 * Head-counts of a household on a date.
 * @param household - the dossier
 * @param on - reference date (ages, RSA of the date)
 * @param supplements - the coordinator's validated parameter supplements (optional)
 * @throws MissingParameterError when the RSA or the UC scale is not known for `on`
 * @example householdComposition(household, '2026-02-01').consumptionUnitsMilli // 2_300
 */
export function householdComposition(
  household: Household,
  on: IsoDate,
  supplements?: ParameterSupplements,
): HouseholdComposition {
  const rsa = rsaAmountsOn(on, supplements);
  const uc = consumptionUnitScaleOn(on);
  const singleRsa =
    household.territory === 'mayotte' && rsa.mayotteBaseMonthlyCents !== null
      ? rsa.mayotteBaseMonthlyCents
      : rsa.baseMonthlyCents;
  const present = household.members.filter(livesHere);
  const partnerHere = present.some(isPartner);
  const young = present.filter(
    (m) => (m.role === 'child' || m.role === 'other_dependent') && ageOn(m.birthDate, on) < 25,
  );
  const olderDependents = present.filter((m) => m.role === 'other_dependent' && ageOn(m.birthDate, on) >= 25);
  const applicant = household.members.find((m) => m.role === 'applicant');
  const dependentIds = household.members
    .filter((m) => {
      if (m.role === 'child') return true;
      if (isPartner(m) || m.role === 'other_dependent')
        return ownMonthlyResources(household, m, on) < singleRsa;
      return false;
    })
    .map((m) => m.id);
  // INSEE: the first adult weighs 1, every other person 0.5 from age 14, 0.3 below.
  let ucMilli = 0;
  present.forEach((m, index) => {
    const first = applicant ? m.id === applicant.id : index === 0;
    ucMilli += first
      ? uc.firstAdultMilli
      : ageOn(m.birthDate, on) >= uc.ageThresholdYears
        ? uc.otherOlderMilli
        : uc.youngChildMilli;
  });
  return {
    adults: partnerHere ? 2 : 1,
    children: young.length,
    otherDependents: olderDependents.length,
    isolatedParent: !partnerHere && applicant?.isIsolatedParent === true,
    dependents: dependentIds.length,
    dependentIds,
    personsInHousehold: present.length,
    consumptionUnitsMilli: ucMilli,
    singleRsaCents: singleRsa,
    parameterSet: stampOf([rsa.id, uc.id]),
  };
}
