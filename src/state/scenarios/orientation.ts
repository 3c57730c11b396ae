/**
 * One orientation rule for a dossier. The Follow-up tab suggests a track from the dossier as it
 * is: the budget's capacity and the Scenarios form's default settings. The Scenarios tab shows
 * the hint of the figures typed in its form. Both run the engine's one rule
 * (suggestOrientation); when the typed figures lead elsewhere, the Scenarios tab says which
 * setting makes the difference, so the two tabs never disagree without a reason.
 */
import type { IsoDate } from '../../domain/dates';
import type { Dossier } from '../../domain/dossier/dossier';
import type { Track } from '../../domain/dossier/dossier-meta';
import { suggestOrientation } from '../../domain/rescheduling/compare-scenarios';
import type { OrientationHint } from '../../domain/rescheduling/orientation-hint';
import type { ScenarioContext } from '../../domain/rescheduling/scenario-input';
import {
  type DiagnosisCapacity,
  initialParamValues,
  type ScenarioParams,
  scenarioContext,
  validateParams,
} from './compare-input';

/** The Scenarios form's settings before anyone types in it. */
export function defaultScenarioParams(today: IsoDate): ScenarioParams {
  const checked = validateParams(initialParamValues(today), { kind: 'ok', monthlyCents: 0 });
  if (!checked.ok) throw new Error('the default scenario settings do not validate');
  return checked.value;
}

/**
 * The dossier as the orientation sees it: its debts, the budget's capacity, the default start.
 * @returns null when there is no capacity or no debt to reason from
 */
export function dossierContext(
  dossier: Dossier,
  capacity: DiagnosisCapacity,
  today: IsoDate,
): ScenarioContext | null {
  if (capacity.kind !== 'ok') return null;
  if (!dossier.debts.some((d) => !d.deleted)) return null;
  return scenarioContext(dossier, defaultScenarioParams(today), capacity);
}

/** The orientation of the dossier as it is (what the Follow-up tab suggests). */
export function dossierOrientation(
  dossier: Dossier,
  capacity: DiagnosisCapacity,
  today: IsoDate,
): OrientationHint | null {
  const context = dossierContext(dossier, capacity, today);
  if (!context) return null;
  try {
    return suggestOrientation(context);
  } catch {
    return null;
  }
}

/** The engine's track as the dossier stores it. */
export function trackOf(hint: OrientationHint): Track {
  return hint.track === 'over-indebtedness' ? 'over_indebtedness' : hint.track;
}

/** A setting of the Scenarios form that moves the orientation away from the dossier's. */
export type SettingDifference =
  | { readonly kind: 'capacity'; readonly typedCents: number; readonly dossierCents: number }
  | { readonly kind: 'steps' }
  | { readonly kind: 'incomeMayRecover' }
  | { readonly kind: 'startDate'; readonly startDate: IsoDate; readonly dossierStartDate: IsoDate };

/**
 * What the Scenarios form changes in the orientation's inputs, compared with the dossier's.
 * @param shown - the context the Scenarios tab ran
 * @param dossier - the context of the dossier as it is (dossierContext)
 */
export function settingDifferences(shown: ScenarioContext, dossier: ScenarioContext): SettingDifference[] {
  const differences: SettingDifference[] = [];
  if (shown.capacity.monthlyCents !== dossier.capacity.monthlyCents) {
    differences.push({
      kind: 'capacity',
      typedCents: shown.capacity.monthlyCents,
      dossierCents: dossier.capacity.monthlyCents,
    });
  }
  if ((shown.capacity.steps ?? []).length > 0) differences.push({ kind: 'steps' });
  if ((shown.incomeMayRecover ?? false) !== (dossier.incomeMayRecover ?? false)) {
    differences.push({ kind: 'incomeMayRecover' });
  }
  if (shown.startDate !== dossier.startDate) {
    differences.push({ kind: 'startDate', startDate: shown.startDate, dossierStartDate: dossier.startDate });
  }
  return differences;
}

/** The Follow-up tab's suggestion, when it differs from the hint shown, and why. */
export interface OrientationGap {
  readonly followupTrack: Track;
  readonly followupHint: OrientationHint;
  readonly dossierCapacityCents: number;
  readonly differences: readonly SettingDifference[];
}

/**
 * Whether the Scenarios tab's hint differs from the Follow-up tab's suggestion, and why.
 * @returns null when both say the same (or the dossier has no orientation yet)
 */
export function orientationGap(options: {
  shownHint: OrientationHint;
  shownContext: ScenarioContext;
  dossier: Dossier;
  capacity: DiagnosisCapacity;
  today: IsoDate;
}): OrientationGap | null {
  const context = dossierContext(options.dossier, options.capacity, options.today);
  if (!context) return null;
  let hint: OrientationHint;
  try {
    hint = suggestOrientation(context);
  } catch {
    return null;
  }
  if (hint.track === options.shownHint.track && hint.measure === options.shownHint.measure) return null;
  return {
    followupTrack: trackOf(hint),
    followupHint: hint,
    dossierCapacityCents: context.capacity.monthlyCents,
    differences: settingDifferences(options.shownContext, context),
  };
}
