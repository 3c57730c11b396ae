/**
 * Runs up to six scenarios on the same debts and capacity, and the orientation hint from the
 * three reference scenarios (as today, amicable, Banque de France with their defaults).
 */

import { type OrientationHint, orientationHint } from './orientation-hint';
import { simulateAmicable } from './scenario-amicable';
import { simulateAsToday } from './scenario-as-today';
import { simulateBanqueDeFrance } from './scenario-banque-de-france';
import { MAX_COMPARED_SCENARIOS, type ScenarioContext, type ScenarioSpec } from './scenario-input';
import type { ScenarioOutcome } from './scenario-outcome';
import { simulatePayoff } from './scenario-payoff';

export interface Comparison {
  readonly outcomes: readonly ScenarioOutcome[];
  readonly orientation: OrientationHint;
}

/**
 * Runs one scenario.
 * @param context - debts (cents, bps), capacity (cents/month), start date
 * @param spec - the scenario
 * @param withSchedule - keep the month rows
 * @example runScenario(context, { kind: 'banque-de-france' }).summary.feasible // true
 */
export function runScenario(
  context: ScenarioContext,
  spec: ScenarioSpec,
  withSchedule = true,
): ScenarioOutcome {
  switch (spec.kind) {
    case 'as-today':
      return simulateAsToday(context, spec, withSchedule);
    case 'amicable':
      return simulateAmicable(context, spec, withSchedule);
    case 'banque-de-france':
      return simulateBanqueDeFrance(context, spec, withSchedule);
    case 'payoff':
      return simulatePayoff(context, spec, withSchedule);
  }
}

/**
 * The orientation hint alone (runs the three reference scenarios without month rows).
 * @param context - debts, capacity, start date, and whether income may recover
 * @example suggestOrientation(context).track // 'over-indebtedness'
 */
export function suggestOrientation(context: ScenarioContext): OrientationHint {
  return orientationHint({
    context,
    asToday: simulateAsToday(context, { kind: 'as-today' }, false),
    amicable: simulateAmicable(context, { kind: 'amicable' }, false),
    banqueDeFrance: simulateBanqueDeFrance(context, { kind: 'banque-de-france' }, false),
  });
}

/**
 * Compares scenarios side by side.
 * @param context - debts (cents, bps), capacity (cents/month), start date
 * @param scenarios - 1 to 6 scenarios
 * @param withSchedules - keep the month rows (default true)
 * @returns summaries, details and schedules in the order given, plus the orientation hint
 * @example compareScenarios(context, [{ kind: 'as-today' }, { kind: 'banque-de-france' }]).outcomes.length // 2
 */
export function compareScenarios(
  context: ScenarioContext,
  scenarios: readonly ScenarioSpec[],
  withSchedules = true,
): Comparison {
  if (scenarios.length > MAX_COMPARED_SCENARIOS) {
    throw new RangeError(`at most ${MAX_COMPARED_SCENARIOS} scenarios can be compared`);
  }
  return {
    outcomes: scenarios.map((spec) => runScenario(context, spec, withSchedules)),
    orientation: suggestOrientation(context),
  };
}
