/**
 * The Ateliers screen's state (WS1): the sessions on the device (live: a save here or a pull shows
 * at once), filtered by welcome point and year, most recent first; each with its participants and
 * hours of training (WS2/WS3, training-hours.ts); the household search that picks participants
 * among the dossiers held on the device; and the writes, through the repository, which stores each
 * session and its outbox entry in one transaction: recorded offline, it syncs later.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { DraftReceipt } from '../../db/draft-receipts';
import { observeQuery } from '../../db/live-query';
import type { DossierQuery, DossierSummary } from '../../db/repository';
import type { PatchOf, WorkshopRow } from '../../domain/dossier/rows';
import type { WelcomePoint } from '../../domain/sync/protocol';
import {
  type SurvivorOf,
  trainingHours,
  workshopParticipantMinutes,
  workshopParticipants,
} from '../../domain/workshops/training-hours';
import { changedOnly } from '../intake/intake-fields';
import type { WorkshopFields } from './workshop-form';

/** What the model needs of the repository (DossierRepository has it). */
export interface WorkshopStore {
  createWorkshop(fields: WorkshopFields, receipt?: DraftReceipt): Promise<WorkshopRow>;
  listWorkshops(): Promise<WorkshopRow[]>;
  updateFields(
    entity: 'workshop',
    id: string,
    patch: PatchOf<'workshop'>,
    receipt?: DraftReceipt,
  ): Promise<WorkshopRow>;
  removeRow(entity: 'workshop', id: string): Promise<void>;
  listDossiers(query: DossierQuery): Promise<DossierSummary[]>;
  /** The household a merged one now is (MERGE8); undefined when it was not merged. */
  survivorOf(householdId: string): Promise<string | undefined>;
}

export interface WorkshopsDeps {
  store: WorkshopStore;
  /** The signed-in person's welcome points (AUTH10). */
  welcomePoints: ReadonlySignal<readonly WelcomePoint[]>;
  /** The signed-in person's id, the default facilitator; undefined when nobody is signed in. */
  currentUserId: ReadonlySignal<string | undefined>;
}

export interface WorkshopFilters {
  welcomePointId?: string;
  /** 'YYYY'. */
  year?: string;
}

/** A session as the list shows it. */
export interface WorkshopLine {
  row: WorkshopRow;
  participants: number;
  /** Duration × participants (WS3), in minutes. */
  participantMinutes: number;
  /** The same in hours, to the tenth (`trainingHours`). */
  hours: number;
}

/** A household the participant search found. */
export interface ParticipantChoice {
  householdId: string;
  name: string;
  reference: string | undefined;
}

export const PARTICIPANT_SEARCH_LIMIT = 8;

/** WS2: each participant as the household it counts as now (its survivor if merged). */
export function toLine(row: WorkshopRow, resolve?: SurvivorOf): WorkshopLine {
  return {
    row,
    participants: workshopParticipants(row, resolve),
    participantMinutes: workshopParticipantMinutes(row, resolve),
    hours: trainingHours([row], resolve),
  };
}

/**
 * Of these participants, those merged since, with their survivor. Every lookup starts in the same
 * tick, so a live query sees (and follows) each of them.
 */
async function readSurvivors(store: WorkshopStore, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await Promise.all(ids.map(async (id) => [id, await store.survivorOf(id)] as const));
  return new Map(found.flatMap(([id, survivor]) => (survivor ? [[id, survivor]] : [])));
}

/** Most recent first; the same day, the last recorded first (ids are time-ordered). */
export function byMostRecent(a: WorkshopRow, b: WorkshopRow): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function filterSessions(rows: readonly WorkshopRow[], filters: WorkshopFilters): WorkshopRow[] {
  return rows
    .filter((row) => !row.deleted)
    .filter((row) => filters.welcomePointId === undefined || row.welcomePointId === filters.welcomePointId)
    .filter((row) => filters.year === undefined || row.date.startsWith(`${filters.year}-`))
    .sort(byMostRecent);
}

/** The active welcome points, plus `current` (a session's own, kept when editing it). */
export function allowedWorkshopWelcomePoints(known: readonly WelcomePoint[], current?: string): string[] {
  const ids = known.filter((wp) => !wp.archived).map((wp) => wp.id);
  return current !== undefined && !ids.includes(current) ? [...ids, current] : ids;
}

export function createWorkshopsModel(deps: WorkshopsDeps) {
  const sessions = signal<WorkshopRow[] | null>(null);
  const survivors = signal<ReadonlyMap<string, string>>(new Map());
  const error = signal<unknown>(null);
  const filters = signal<WorkshopFilters>({});
  /** Names of households on the device, for the participants' chips. */
  const names = signal<ReadonlyMap<string, ParticipantChoice>>(new Map());
  let stop: (() => void) | null = null;

  const resolve = computed<SurvivorOf>(() => {
    const merged = survivors.value;
    return (id) => merged.get(id) ?? id;
  });
  const shown = computed(() => filterSessions(sessions.value ?? [], filters.value));
  const lines = computed(() => shown.value.map((row) => toLine(row, resolve.value)));
  /** Hours of training of the sessions shown: their minutes summed, rounded once (WS3). */
  const totalHours = computed(() => trainingHours(shown.value, resolve.value));
  /** The years that have sessions, newest first, for the year filter. */
  const years = computed(() =>
    [...new Set((sessions.value ?? []).filter((r) => !r.deleted).map((r) => r.date.slice(0, 4)))]
      .sort()
      .reverse(),
  );

  let stopSurvivors: (() => void) | null = null;
  let followedIds = '';
  /** Follows the merges of the sessions' participants (WS2), again when the participants change. */
  function followSurvivors(rows: readonly WorkshopRow[]): void {
    const ids = [...new Set(rows.flatMap((row) => row.participantHouseholdIds))].sort();
    const key = ids.join(' ');
    if (key === followedIds) return;
    followedIds = key;
    stopSurvivors?.();
    stopSurvivors = observeQuery(
      () => readSurvivors(deps.store, ids),
      (found) => {
        survivors.value = found;
      },
      () => undefined,
    );
  }

  /** Starts following the sessions (and the households' names); returns the function that stops. */
  function start(): () => void {
    stop?.();
    const stopSessions = observeQuery(
      () => deps.store.listWorkshops(),
      (rows) => {
        sessions.value = rows;
        followSurvivors(rows);
        error.value = null;
      },
      (cause) => {
        error.value = cause;
      },
    );
    const stopNames = observeQuery(
      () => deps.store.listDossiers({}),
      (found) => {
        names.value = new Map(found.map((d) => [d.householdId, choiceOf(d)]));
      },
      () => undefined,
    );
    stop = () => {
      stopSessions();
      stopNames();
      stopSurvivors?.();
      stopSurvivors = null;
      followedIds = '';
    };
    return () => {
      stop?.();
      stop = null;
    };
  }

  /** Households held on the device whose name, phone or reference matches, minus those chosen. */
  async function searchParticipants(text: string, exclude: readonly string[]): Promise<ParticipantChoice[]> {
    if (text.trim() === '') return [];
    const found = await deps.store.listDossiers({
      search: text,
      limit: PARTICIPANT_SEARCH_LIMIT + exclude.length,
    });
    return found
      .filter((d) => !exclude.includes(d.householdId))
      .slice(0, PARTICIPANT_SEARCH_LIMIT)
      .map(choiceOf);
  }

  /** Records a new session (offline too: the repository writes it with its outbox entry). */
  function create(fields: WorkshopFields, receipt?: DraftReceipt): Promise<WorkshopRow> {
    assertAllowed(fields.welcomePointId, undefined);
    return deps.store.createWorkshop(fields, receipt);
  }

  /** Saves an edit: only the fields changed since `before` (another device may have changed others). */
  function update(before: WorkshopRow, fields: WorkshopFields, receipt?: DraftReceipt): Promise<WorkshopRow> {
    assertAllowed(fields.welcomePointId, before.welcomePointId);
    // The optional fields are named even when absent: `undefined` removes them (a partner
    // facilitator replaces the user, cleared details go away).
    const next = {
      ...fields,
      facilitatorUserId: fields.facilitatorUserId,
      facilitatorName: fields.facilitatorName,
      details: fields.details,
    };
    const patch = changedOnly(next, before);
    return deps.store.updateFields('workshop', before.id, patch as PatchOf<'workshop'>, receipt);
  }

  function remove(id: string): Promise<void> {
    return deps.store.removeRow('workshop', id);
  }

  /** AUTH10, again at the write: the form checks it first, this keeps a caller from skipping it. */
  function assertAllowed(welcomePointId: string, current: string | undefined): void {
    if (!allowedWorkshopWelcomePoints(deps.welcomePoints.value, current).includes(welcomePointId))
      throw new WelcomePointNotAllowedError();
  }

  return {
    sessions: sessions as ReadonlySignal<WorkshopRow[] | null>,
    lines,
    totalHours,
    years,
    error: error as ReadonlySignal<unknown>,
    filters,
    names: names as ReadonlySignal<ReadonlyMap<string, ParticipantChoice>>,
    welcomePoints: deps.welcomePoints,
    currentUserId: deps.currentUserId,
    start,
    setFilters: (next: WorkshopFilters) => {
      filters.value = next;
    },
    searchParticipants,
    create,
    update,
    remove,
  };
}

export type WorkshopsModel = ReturnType<typeof createWorkshopsModel>;

/** A session's welcome point is not one of the signed-in person's (AUTH10). */
export class WelcomePointNotAllowedError extends Error {
  constructor() {
    super('welcome point not allowed');
    this.name = 'WelcomePointNotAllowedError';
  }
}

function choiceOf(d: DossierSummary): ParticipantChoice {
  return { householdId: d.householdId, name: d.displayName, reference: d.household.reference };
}
