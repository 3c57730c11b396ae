/**
 * Where the workshops' state is made from the app state: on the Ateliers screen's first visit (it
 * comes with that lazy chunk), then kept for the app's life; and the small read of a dossier's
 * follow-up tab (the sessions a household took part in).
 */
import { computed, type ReadonlySignal } from '@preact/signals';
import { observeQuery } from '../../db/live-query';
import type { WorkshopRow } from '../../domain/dossier/rows';
import type { WelcomePoint } from '../../domain/sync/protocol';
import { trainingHours } from '../../domain/workshops/training-hours';
import type { SyncSessionView } from '../sync-model-views';
import { createWorkshopsModel, type WorkshopStore, type WorkshopsModel } from './workshops-model';

const models = new WeakMap<object, WorkshopsModel>();

export function workshopsModelFor(state: {
  workspace: { repository: WorkshopStore };
  sync: {
    welcomePoints: ReadonlySignal<readonly WelcomePoint[]>;
    session: ReadonlySignal<SyncSessionView | null>;
  };
}): WorkshopsModel {
  let model = models.get(state);
  if (model === undefined) {
    const session = state.sync.session;
    model = createWorkshopsModel({
      store: state.workspace.repository,
      welcomePoints: state.sync.welcomePoints,
      currentUserId: computed(() => session.value?.user.id),
    });
    models.set(state, model);
  }
  return model;
}

/** The sessions one household took part in, and its hours of training (one participant each). */
export interface HouseholdWorkshops {
  sessions: WorkshopRow[];
  hours: number;
}

export function householdWorkshopsOf(rows: readonly WorkshopRow[], householdId: string): HouseholdWorkshops {
  const sessions = rows
    .filter((row) => !row.deleted && row.participantHouseholdIds.includes(householdId))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  // WS3 for this household alone: each session's duration × one participant.
  const hours = trainingHours(
    sessions.map((s) => ({
      durationMinutes: s.durationMinutes,
      participantHouseholdIds: [householdId],
      anonymousParticipants: 0,
    })),
  );
  return { sessions, hours };
}

/**
 * Follows the sessions a household took part in (filtered in memory: a multi-entry index on
 * participantHouseholdIds would make it a range read). Returns the function that stops.
 */
export function followHouseholdWorkshops(
  store: Pick<WorkshopStore, 'listWorkshops'>,
  householdId: string,
  onValue: (value: HouseholdWorkshops) => void,
): () => void {
  return observeQuery(
    () => store.listWorkshops(),
    (rows) => onValue(householdWorkshopsOf(rows, householdId)),
    () => undefined,
  );
}
