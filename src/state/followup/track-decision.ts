/**
 * The track decision of the follow-up: the typed form (track, reasons, status) and a suggestion
 * from the engine's orientation hint when the dossier has debts and a capacity.
 */
import type { Explanation } from '../../domain/budget/explanation';
import type { IsoDate } from '../../domain/dates';
import type { Dossier } from '../../domain/dossier/dossier';
import {
  type DossierStatus,
  DossierStatusSchema,
  type Track,
  TrackSchema,
} from '../../domain/dossier/dossier-meta';
import type { PatchOf } from '../../domain/dossier/rows';
import type { OrientationMeasure } from '../../domain/rescheduling/orientation-hint';
import type { FieldErrors, Validation } from '../form-model';
import { diagnosisCapacity } from '../scenarios/compare-input';
import { dossierOrientation, trackOf } from '../scenarios/orientation';
import type { DiagnosisState } from '../workspace/diagnosis-state';

export type TrackField = 'track' | 'trackReason' | 'status';

export function trackInitial(dossier: Dossier): Record<TrackField, string> {
  const h = dossier.household;
  return { track: h.track ?? '', trackReason: h.trackReason ?? '', status: h.status };
}

/** Track and status as typed → the household patch. A track needs its reasons. */
export function validateTrack(
  values: Record<TrackField, string>,
): Validation<TrackField, PatchOf<'household'>> {
  const errors: FieldErrors<TrackField> = {};
  const track = values.track === '' ? undefined : TrackSchema.safeParse(values.track);
  const status = DossierStatusSchema.safeParse(values.status);
  const reason = values.trackReason.trim();
  if (track && !track.success) errors.track = 'error.invalid';
  if (!status.success) errors.status = 'error.required';
  if (track?.success && reason === '') errors.trackReason = 'followup.error.reasonRequired';
  if (reason.length > 4000) errors.trackReason = 'error.tooLong';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      track: track?.success ? (track.data as Track) : undefined,
      trackReason: reason === '' ? undefined : reason,
      status: status.data as DossierStatus,
    },
  };
}

export interface TrackSuggestion {
  readonly track: Track;
  readonly measure: OrientationMeasure | null;
  readonly reasons: readonly Explanation[];
  /** The budget's capacity the suggestion starts from, cents per month. */
  readonly capacityMonthlyCents: number;
}

/**
 * The orientation hint for the dossier as it is (the diagnosis capacity, the engine defaults).
 * @returns null when there is no debt or no capacity to reason from
 */
export function suggestTrack(
  dossier: Dossier,
  diagnosis: DiagnosisState | null,
  today: IsoDate,
): TrackSuggestion | null {
  const capacity = diagnosisCapacity(diagnosis);
  // The one orientation rule of the dossier, shared with the Scenarios tab.
  const hint = dossierOrientation(dossier, capacity, today);
  if (!hint || capacity.kind !== 'ok') return null;
  return {
    track: trackOf(hint),
    measure: hint.measure,
    reasons: hint.reasons,
    capacityMonthlyCents: capacity.monthlyCents,
  };
}

/** The reasons as one text for the reason field, in the given language. */
export function suggestionText(suggestion: TrackSuggestion, locale: 'fr' | 'en'): string {
  return suggestion.reasons.map((r) => r.text[locale]).join('\n');
}
