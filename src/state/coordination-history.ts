/**
 * The console's merge history (MERGE7) and its unmerge (MERGE6): the audit log as the server
 * keeps it, a reason per merge to undo, the LIFO refusal with the later merge's id, and what the
 * undo left to check. Part of the console's model (coordination-model.ts).
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import type { MergeLogEntry, MergeRefusal, UnmergeResult } from '../domain/sync/coordination-protocol';
import { type CoordinationApi, CoordinationError } from '../sync/coordination-api';
import { type CoordinationFailure, failureOf } from './coordination-failure';

export interface UndoFailure {
  mergeId: string;
  /** A refusal (LIFO: `merge-superseded` names the later merge), else why the request failed. */
  refusal: MergeRefusal | null;
  kind: CoordinationFailure | null;
}

export function createMergeHistory(
  api: CoordinationApi | undefined,
  deps: { isOnline: ReadonlySignal<boolean>; allowed: ReadonlySignal<boolean>; onUndone: () => void },
) {
  const log = signal<MergeLogEntry[]>([]);
  const logLoading = signal(false);
  const logLoaded = signal(false);
  const logError = signal<CoordinationFailure | null>(null);
  const undoing = signal<string | null>(null);
  const undoReasons = signal<Readonly<Record<string, string>>>({});
  const undoReasonMissing = signal<string | null>(null);
  const undoFailure = signal<UndoFailure | null>(null);
  const lastUndo = signal<UnmergeResult | null>(null);
  let logGeneration = 0;

  async function loadLog(): Promise<void> {
    if (api === undefined || !deps.allowed.value) return;
    if (!deps.isOnline.value) {
      logError.value = 'offline';
      return;
    }
    const mine = ++logGeneration;
    logLoading.value = true;
    try {
      const entries = await api.listMerges();
      if (mine !== logGeneration) return;
      log.value = entries;
      logLoaded.value = true;
      logError.value = null;
    } catch (error) {
      if (mine === logGeneration) logError.value = failureOf(error);
    } finally {
      if (mine === logGeneration) logLoading.value = false;
    }
  }

  /** Undoes one merge with the reason typed for it (required); a refusal is kept, never thrown. */
  async function undo(mergeId: string): Promise<void> {
    if (api === undefined || undoing.value !== null) return;
    const why = (undoReasons.value[mergeId] ?? '').trim();
    if (why === '') {
      undoReasonMissing.value = mergeId;
      return;
    }
    undoReasonMissing.value = null;
    if (!deps.isOnline.value) {
      undoFailure.value = { mergeId, refusal: null, kind: 'offline' };
      return;
    }
    undoing.value = mergeId;
    undoFailure.value = null;
    try {
      lastUndo.value = await api.undoMerge(mergeId, why);
      undoReasons.value = { ...undoReasons.value, [mergeId]: '' };
      await loadLog();
      deps.onUndone();
    } catch (error) {
      undoFailure.value =
        error instanceof CoordinationError && error.refusal !== undefined
          ? { mergeId, refusal: error.refusal, kind: null }
          : { mergeId, refusal: null, kind: failureOf(error) };
    } finally {
      undoing.value = null;
    }
  }

  return {
    log,
    logLoading,
    logLoaded,
    logError,
    loadLog,
    undoing,
    undoReasons,
    undoReasonMissing,
    undoFailure,
    lastUndo,
    setUndoReason(mergeId: string, text: string): void {
      undoReasons.value = { ...undoReasons.value, [mergeId]: text };
      if (text.trim() !== '' && undoReasonMissing.value === mergeId) undoReasonMissing.value = null;
    },
    undo,
  };
}
