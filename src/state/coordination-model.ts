/**
 * The coordinator's console (issue 14, docs/merges.md): the queue of duplicate candidates, the
 * review of one pair (the preview, a value to keep per differing field, a choice per child
 * duplicate, a reason), the merge, "not a duplicate", and the merge history with its unmerge.
 * Online only: everything lives on the server, nothing is kept on the device. Without a
 * CoordinationApi (tests of other screens) the model is inert.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type {
  ChildChoice,
  ChildDuplicate,
  DuplicateCandidate,
  FieldPick,
  MatchReason,
  MergeCommand,
  MergeLogEntry,
  MergePreview,
  MergeRefusal,
  MergeResult,
  UnmergeResult,
} from '../domain/sync/coordination-protocol';
import type { Role } from '../domain/sync/protocol';
import type { AuthorizedTransport } from '../sync/authorized-fetch';
import {
  type CandidateStatus,
  type CoordinationApi,
  CoordinationError,
  createCoordinationApi,
} from '../sync/coordination-api';
import { type CoordinationFailure, failureOf } from './coordination-failure';
import { createMergeHistory, type UndoFailure } from './coordination-history';
import { SUPERVISOR_ROLES } from './supervision-roles';

export type {
  CandidateStatus,
  ChildDuplicate,
  CoordinationFailure,
  DuplicateCandidate,
  FieldPick,
  MatchReason,
  MergeLogEntry,
  MergePreview,
  MergeRefusal,
  MergeResult,
  UndoFailure,
  UnmergeResult,
};

/** One household as the review shows it (MERGE4). */
export type ReviewHousehold = MergePreview['survivor'];

export type ChildKeep = ChildChoice['keep'];

/** The two households of the review: the one that stays, and the one merged into it. */
export interface ReviewPair {
  survivorId: string;
  mergedId: string;
}

/** The key of one child duplicate in `childChoices`. */
export function childKey(duplicate: Pick<ChildDuplicate, 'entity' | 'survivorChildId' | 'mergedChildId'>) {
  return `${duplicate.entity}:${duplicate.survivorChildId}:${duplicate.mergedChildId}`;
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

export interface CoordinationDeps {
  isOnline: ReadonlySignal<boolean>;
  role: ReadonlySignal<Role | null>;
  /** A new merge id (UUID); tests pass their own. */
  newId?: () => string;
}

export function createCoordinationModel(api: CoordinationApi | undefined, deps: CoordinationDeps) {
  const newId = deps.newId ?? randomId;
  const allowed = computed(() => deps.role.value !== null && SUPERVISOR_ROLES.includes(deps.role.value));

  // --- The queue -------------------------------------------------------------------------------
  const queueStatus = signal<CandidateStatus>('open');
  /** The welcome point the queue is filtered on (null: every welcome point). */
  const welcomePointFilter = signal<string | null>(null);
  const candidates = signal<DuplicateCandidate[]>([]);
  /** The status the listed candidates were loaded with. */
  const listedStatus = signal<CandidateStatus>('open');
  const queueLoading = signal(false);
  const queueLoaded = signal(false);
  const queueError = signal<CoordinationFailure | null>(null);
  let queueGeneration = 0;

  async function loadQueue(): Promise<void> {
    if (api === undefined || !allowed.value) return;
    if (!deps.isOnline.value) {
      queueError.value = 'offline';
      return;
    }
    const mine = ++queueGeneration;
    const status = queueStatus.value;
    const welcomePointId = welcomePointFilter.value ?? undefined;
    queueLoading.value = true;
    try {
      const list = await api.listDuplicates({ status, ...(welcomePointId ? { welcomePointId } : {}) });
      if (mine !== queueGeneration) return;
      candidates.value = [...list].sort((a, b) => b.score - a.score);
      listedStatus.value = status;
      queueLoaded.value = true;
      queueError.value = null;
    } catch (error) {
      if (mine === queueGeneration) queueError.value = failureOf(error);
    } finally {
      if (mine === queueGeneration) queueLoading.value = false;
    }
  }

  function dropFromQueue(a: string, b: string): void {
    candidates.value = candidates.value.filter(
      (c) =>
        !(
          (c.householdA.id === a && c.householdB.id === b) ||
          (c.householdA.id === b && c.householdB.id === a)
        ),
    );
  }

  // --- The review of one pair ------------------------------------------------------------------
  const pair = signal<ReviewPair | null>(null);
  const preview = signal<MergePreview | null>(null);
  const previewLoading = signal(false);
  const previewError = signal<CoordinationFailure | null>(null);
  const previewRefusal = signal<MergeRefusal | null>(null);
  /** The value kept for each differing household field (default: the most recently changed). */
  const fieldPicks = signal<Readonly<Record<string, FieldPick>>>({});
  /** What becomes of each child duplicate (default: keep both, nothing is dropped silently). */
  const childChoices = signal<Readonly<Record<string, ChildKeep>>>({});
  const reason = signal('');
  /** Set when "Fusionner" was pressed without a reason. */
  const reasonMissing = signal(false);
  const merging = signal(false);
  const mergeError = signal<CoordinationFailure | null>(null);
  const mergeRefusal = signal<MergeRefusal | null>(null);
  /** The last merge done (the queue says so), or the last pair marked not a duplicate. */
  const lastMerge = signal<MergeResult | null>(null);
  const lastNotDuplicate = signal<ReviewPair | null>(null);
  const deciding = signal(false);
  const decideError = signal<CoordinationFailure | null>(null);
  /** Household labels seen in the queue, so the history names households rather than ids. */
  const labels = signal<ReadonlyMap<string, string>>(new Map());
  /**
   * The merge id of the current attempt: made at the first "Fusionner" of a pair, kept through
   * double clicks and retries after an unknown outcome (a lost answer, a server error), so the
   * server applies the merge once and answers the stored result again (MERGE2). Forgotten after
   * a definite answer (a result, a refusal) or when another pair, or the other direction, is
   * reviewed.
   */
  let attemptId: string | null = null;
  let inFlight: Promise<void> | null = null;
  let previewGeneration = 0;

  function resetChoices(next: MergePreview | null): void {
    const picks: Record<string, FieldPick> = {};
    for (const difference of next?.differences ?? []) picks[difference.field] = difference.defaultPick;
    fieldPicks.value = picks;
    const choices: Record<string, ChildKeep> = {};
    for (const duplicate of next?.childDuplicates ?? []) choices[childKey(duplicate)] = 'both';
    childChoices.value = choices;
  }

  async function loadPreview(): Promise<void> {
    const current = pair.value;
    if (api === undefined || current === null) return;
    const mine = ++previewGeneration;
    preview.value = null;
    resetChoices(null);
    previewError.value = null;
    previewRefusal.value = null;
    if (!deps.isOnline.value) {
      previewError.value = 'offline';
      return;
    }
    previewLoading.value = true;
    try {
      const loaded = await api.mergePreview(current.survivorId, current.mergedId);
      if (mine !== previewGeneration) return;
      preview.value = loaded;
      resetChoices(loaded);
    } catch (error) {
      if (mine !== previewGeneration) return;
      if (error instanceof CoordinationError && error.refusal !== undefined)
        previewRefusal.value = error.refusal;
      else previewError.value = failureOf(error);
    } finally {
      if (mine === previewGeneration) previewLoading.value = false;
    }
  }

  function startReview(next: ReviewPair | null): Promise<void> {
    pair.value = next;
    attemptId = null;
    mergeError.value = null;
    mergeRefusal.value = null;
    decideError.value = null;
    reasonMissing.value = false;
    if (next === null) {
      previewGeneration++;
      preview.value = null;
      return Promise.resolve();
    }
    return loadPreview();
  }

  function command(current: ReviewPair, shown: MergePreview, id: string): MergeCommand {
    const choices: ChildChoice[] = shown.childDuplicates.map((duplicate) => ({
      entity: duplicate.entity,
      survivorChildId: duplicate.survivorChildId,
      mergedChildId: duplicate.mergedChildId,
      keep: childChoices.value[childKey(duplicate)] ?? 'both',
    }));
    return {
      mergeId: id,
      survivorId: current.survivorId,
      mergedId: current.mergedId,
      reason: reason.value.trim(),
      fieldChoices: { ...fieldPicks.value },
      childChoices: choices,
    };
  }

  async function sendMerge(): Promise<void> {
    const current = pair.value;
    const shown = preview.value;
    if (api === undefined || current === null || shown === null) return;
    if (reason.value.trim() === '') {
      reasonMissing.value = true;
      return;
    }
    reasonMissing.value = false;
    if (!deps.isOnline.value) {
      mergeError.value = 'offline';
      return;
    }
    attemptId ??= newId();
    merging.value = true;
    mergeError.value = null;
    mergeRefusal.value = null;
    try {
      const result = await api.merge(command(current, shown, attemptId));
      attemptId = null;
      lastMerge.value = result;
      lastNotDuplicate.value = null;
      dropFromQueue(current.survivorId, current.mergedId);
      reason.value = '';
      pair.value = null;
      preview.value = null;
      if (history.logLoaded.value) void history.loadLog();
    } catch (error) {
      if (error instanceof CoordinationError && error.refusal !== undefined) {
        // Refused: nothing was written; a new attempt gets a new id.
        attemptId = null;
        mergeRefusal.value = error.refusal;
      } else {
        if (error instanceof CoordinationError && error.kind === 'invalid') attemptId = null;
        mergeError.value = failureOf(error);
      }
    } finally {
      merging.value = false;
    }
  }

  function merge(): Promise<void> {
    // A second click while the first is on its way joins it (one request, one merge id).
    if (inFlight !== null) return inFlight;
    inFlight = sendMerge().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function notDuplicate(): Promise<void> {
    const current = pair.value;
    if (api === undefined || current === null || deciding.value) return;
    if (!deps.isOnline.value) {
      decideError.value = 'offline';
      return;
    }
    deciding.value = true;
    decideError.value = null;
    try {
      await api.markNotDuplicate(current.survivorId, current.mergedId, reason.value);
      if (listedStatus.value === 'open') dropFromQueue(current.survivorId, current.mergedId);
      lastNotDuplicate.value = current;
      lastMerge.value = null;
      reason.value = '';
      pair.value = null;
      preview.value = null;
    } catch (error) {
      decideError.value = failureOf(error);
    } finally {
      deciding.value = false;
    }
  }

  /**
   * After a refusal `already-merged`: the pair to review instead, the current survivor with the
   * household of the pair that is still live. Which of the two was merged away is read from the
   * survivor's history; failing that, the one that was to be merged.
   */
  async function reviewCurrentSurvivor(): Promise<void> {
    const current = pair.value;
    const refusal = mergeRefusal.value ?? previewRefusal.value;
    const survivorId = refusal?.survivorId;
    if (api === undefined || current === null || survivorId === undefined) return;
    const ids = [current.survivorId, current.mergedId];
    if (ids.includes(survivorId)) return;
    let gone = current.mergedId;
    try {
      const merges = await api.listMerges({ householdId: survivorId });
      const found = merges.find((m) => m.status === 'active' && ids.includes(m.mergedId));
      if (found !== undefined) gone = found.mergedId;
    } catch {
      // The history is only a hint here: keep the default.
    }
    const live = ids.find((id) => id !== gone) ?? current.survivorId;
    await startReview({ survivorId, mergedId: live });
  }

  // --- The merge history (MERGE7) and unmerge (MERGE6) -----------------------------------------
  const history = createMergeHistory(api, {
    isOnline: deps.isOnline,
    allowed,
    // The two households are apart again: they may be proposed again (DUP4).
    onUndone: () => {
      if (queueLoaded.value) void loadQueue();
    },
  });

  // Labels of the households seen, for the history.
  function remember(list: DuplicateCandidate[]): void {
    const next = new Map(labels.value);
    for (const c of list) {
      next.set(c.householdA.id, c.householdA.label);
      next.set(c.householdB.id, c.householdB.label);
    }
    labels.value = next;
  }
  candidates.subscribe(remember);

  return {
    /** Whether the signed-in person may use the console (coordinator or admin). */
    allowed,
    queueStatus,
    welcomePointFilter,
    candidates,
    listedStatus,
    queueLoading,
    queueLoaded,
    queueError,
    loadQueue,
    setQueueStatus(status: CandidateStatus): Promise<void> {
      if (queueStatus.value === status) return Promise.resolve();
      queueStatus.value = status;
      return loadQueue();
    },
    setWelcomePoint(id: string | null): Promise<void> {
      if (welcomePointFilter.value === id) return Promise.resolve();
      welcomePointFilter.value = id;
      return loadQueue();
    },
    pair,
    preview,
    previewLoading,
    previewError,
    previewRefusal,
    fieldPicks,
    childChoices,
    reason,
    reasonMissing,
    merging,
    mergeError,
    mergeRefusal,
    lastMerge,
    lastNotDuplicate,
    deciding,
    decideError,
    labels,
    /** Opens the review of a pair: `survivorId` stays, `mergedId` is merged into it. */
    review(survivorId: string, mergedId: string): Promise<void> {
      lastMerge.value = null;
      lastNotDuplicate.value = null;
      reason.value = '';
      return startReview({ survivorId, mergedId });
    },
    /** The other household stays instead (the preview, and so the defaults, are loaded again). */
    swap(): Promise<void> {
      const current = pair.value;
      if (current === null) return Promise.resolve();
      return startReview({ survivorId: current.mergedId, mergedId: current.survivorId });
    },
    closeReview(): Promise<void> {
      return startReview(null);
    },
    reloadPreview: loadPreview,
    setPick(field: string, pick: FieldPick): void {
      fieldPicks.value = { ...fieldPicks.value, [field]: pick };
    },
    setChildChoice(duplicate: ChildDuplicate, keep: ChildKeep): void {
      childChoices.value = { ...childChoices.value, [childKey(duplicate)]: keep };
    },
    setReason(text: string): void {
      reason.value = text;
      if (text.trim() !== '') reasonMissing.value = false;
    },
    merge,
    notDuplicate,
    reviewCurrentSurvivor,
    ...history,
  };
}

export type CoordinationModel = ReturnType<typeof createCoordinationModel>;

const models = new WeakMap<object, CoordinationModel>();

/**
 * The console's model, made on its first visit from `state.coordinationDeps` (so it comes with
 * the page's chunk, ADR 0015), then kept for the app's life. The API speaks through the sync
 * service's authorized transport; without one (hand-built states) the console is inert.
 */
export function coordinationModelFor(state: {
  coordinationDeps: {
    transport: AuthorizedTransport | undefined;
    isOnline: ReadonlySignal<boolean>;
    role: ReadonlySignal<Role | null>;
  };
}): CoordinationModel {
  let model = models.get(state);
  if (model === undefined) {
    const { transport, isOnline, role } = state.coordinationDeps;
    model = createCoordinationModel(transport === undefined ? undefined : createCoordinationApi(transport), {
      isOnline,
      role,
    });
    models.set(state, model);
  }
  return model;
}
