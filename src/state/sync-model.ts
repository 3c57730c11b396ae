/**
 * Sync as the screens see it: status signals (pending changes, age of the oldest one, last
 * success, run in progress, pull progress, last error), the signed-in person, the open conflicts
 * per dossier, and the actions (sync now, log in, first start, log out, resolve a conflict,
 * change of user on a shared device: ADR 0009).
 * Without a SyncService (tests of other screens) the model is inert: `enabled` is false.
 */
import { computed, signal } from '@preact/signals';
import type { QuarantineEcho } from '../db/sync-apply/push-apply';
import { isMoneyField } from '../domain/sync/field-classes';
import type { Conflict, ConflictValue, WelcomePoint } from '../domain/sync/protocol';
import { type DeviceSession, type LastUser, sessionWelcomePoints } from '../sync/session-store';
import { LoginError, SetupError } from '../sync/sync-errors';
import type { SyncService } from '../sync/sync-service';
import type { DraftRegistry } from './drafts';
import {
  errorKind,
  type LoginOutcome,
  loginReachedServer,
  runReachedServer,
  type SwitchOutcome,
  type SwitchPreview,
  type SyncErrorKind,
  type SyncSessionView,
} from './sync-model-views';

export * from './sync-model-views';
export type { Conflict, ConflictValue, LastUser, WelcomePoint };
/** Money fields of a conflict (integer cents, shown as euros). */
export { isMoneyField };

export function createSyncModel(
  service: SyncService | undefined,
  now: () => number = () => Date.now(),
  drafts?: Pick<DraftRegistry, 'count' | 'clearAll'>,
) {
  const enabled = service !== undefined;
  const session = signal<SyncSessionView | null>(null);
  /**
   * Whether the saved session has been read: the shell paints before the state starts
   * (src/ui/mount-app.tsx), and until then "nobody signed in" is not known, only not yet read,
   * so the screens offer no sign-in and refuse nothing.
   */
  const sessionLoaded = signal(!enabled);
  /** Who signed in last on this device, also after a logout (null on a fresh or emptied device). */
  const lastUser = signal<LastUser | null>(null);
  const pendingCount = signal(0);
  const oldestPendingAt = signal<number | null>(null);
  const lastSuccessAt = signal<number | null>(null);
  const inProgress = signal(false);
  /** 0..1 while a pull of several pages runs (null: unknown, indeterminate bar). */
  const pullProgress = signal<number | null>(null);
  const pullActive = signal(false);
  const pulledRows = signal(0);
  const lastError = signal<SyncErrorKind | null>(null);
  /**
   * Whether the last request to the server (a sync run, a login, the first-start check) got a
   * usable answer: null before any. `navigator.onLine` only says a network is there, not that
   * the server answers; the header's status follows this.
   */
  const serverReached = signal<boolean | null>(null);
  /** The server said it has no account yet: the header offers the first start (first admin). */
  const firstStartNeeded = signal(false);
  const failures = signal(0);
  const conflicts = signal<Conflict[]>([]);
  const quarantined = signal<QuarantineEcho[]>([]);
  /** The wall clock, refreshed every minute, for ages ("since 2 days"). */
  const clock = signal(now());

  const conflictsByHousehold = computed(() => {
    const counts = new Map<string, number>();
    for (const c of conflicts.value) counts.set(c.householdId, (counts.get(c.householdId) ?? 0) + 1);
    return counts;
  });
  /** Age of the oldest unsynced change in ms (null when nothing waits). */
  const oldestPendingAgeMs = computed(() =>
    oldestPendingAt.value === null ? null : Math.max(0, clock.value - oldestPendingAt.value),
  );
  /** Show the failure banner: a run failed and changes wait. */
  const showFailure = computed(() => lastError.value !== null && pendingCount.value > 0);

  function toView(s: DeviceSession | undefined): SyncSessionView | null {
    if (s === undefined) return null;
    return {
      user: s.user,
      deviceId: s.deviceId,
      expiresAt: s.expiresAt,
      welcomePoints: sessionWelcomePoints(s),
    };
  }

  /** The signed-in person's welcome points (none while nobody is signed in on this device). */
  const welcomePoints = computed<readonly WelcomePoint[]>(() => session.value?.welcomePoints ?? []);
  /** A welcome point's name when this device knows it, else its id (e.g. an older session). */
  function welcomePointName(id: string): string {
    return welcomePoints.value.find((wp) => wp.id === id)?.name ?? id;
  }

  let started = false;
  let tick: ReturnType<typeof setInterval> | undefined;

  async function start(): Promise<void> {
    if (!service || started) return;
    started = true;
    // A session sealed under a key this device no longer holds (erased after 10 wrong tries, or
    // a setup left unfinished) reads as none: the person signs in again (docs/device-lock.md).
    const { session: saved, snapshot } = await service.load().catch(() => ({
      session: undefined,
      snapshot: { lastSyncAt: undefined, quarantined: [] },
    }));
    session.value = toView(saved);
    sessionLoaded.value = true;
    lastUser.value = service.lastUser() ?? null;
    lastSuccessAt.value = snapshot.lastSyncAt ?? null;
    quarantined.value = snapshot.quarantined;
    service.onSession((s) => {
      session.value = toView(s);
      lastUser.value = service.lastUser() ?? null;
    });
    service.observeOutbox((stats) => {
      pendingCount.value = stats.pending;
      oldestPendingAt.value = stats.oldestAt ?? null;
    });
    service.observeConflicts((list) => {
      conflicts.value = list;
    });
    tick = setInterval(() => {
      clock.value = now();
    }, 60_000);
    // Signed out: ask once whether the server still waits for its first admin (nothing to await).
    if (saved === undefined) void checkFirstStart();
    service.start({
      onRunStart: () => {
        inProgress.value = true;
        pulledRows.value = 0;
      },
      onProgress: (progress) => {
        pulledRows.value = progress.rows;
        pullActive.value = !progress.done && progress.pages >= 1;
        pullProgress.value = progress.fraction;
      },
      onRunEnd: (outcome) => {
        inProgress.value = false;
        pullActive.value = false;
        pullProgress.value = null;
        clock.value = now();
        if (outcome.ok) {
          lastError.value = null;
          serverReached.value = true;
          failures.value = 0;
          lastSuccessAt.value = outcome.report.at;
          void service.snapshot().then((s) => {
            quarantined.value = s.quarantined;
          });
        } else {
          lastError.value = errorKind(outcome.error);
          const reached = runReachedServer(lastError.value);
          if (reached !== undefined) serverReached.value = reached;
          failures.value += 1;
        }
      },
    });
  }

  function stop(): void {
    if (tick !== undefined) clearInterval(tick);
    service?.stop();
  }

  /** Syncs now; resolves true on success (the status signals say why not). */
  async function syncNow(): Promise<boolean> {
    if (!service) return false;
    try {
      await service.syncNow();
      return true;
    } catch {
      return false;
    }
  }

  async function login(username: string, password: string): Promise<LoginOutcome> {
    if (!service) return { ok: false, error: 'offline' };
    try {
      await service.login(username, password);
      lastError.value = null;
      serverReached.value = true;
      void service.syncNow().catch(() => undefined);
      return { ok: true };
    } catch (error) {
      if (error instanceof LoginError) {
        serverReached.value = loginReachedServer(error.kind);
        return {
          ok: false,
          error: error.kind,
          ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
        };
      }
      return { ok: false, error: 'server' };
    }
  }

  async function setup(input: {
    username: string;
    password: string;
    displayName: string;
  }): Promise<LoginOutcome> {
    if (!service) return { ok: false, error: 'offline' };
    try {
      await service.setup(input);
      serverReached.value = true;
      firstStartNeeded.value = false;
      void service.syncNow().catch(() => undefined);
      return { ok: true };
    } catch (error) {
      if (error instanceof SetupError || error instanceof LoginError) {
        serverReached.value = loginReachedServer(error.kind);
        if (error.kind === 'already-done') firstStartNeeded.value = false;
        return { ok: false, error: error.kind };
      }
      return { ok: false, error: 'server' };
    }
  }

  /** GET /api/setup: true while the server has no account (undefined: it did not say). */
  async function setupNeeded(): Promise<boolean | undefined> {
    const needed = await service?.setupNeeded();
    if (needed !== undefined) {
      serverReached.value = true;
      firstStartNeeded.value = needed;
    }
    return needed;
  }

  async function checkFirstStart(): Promise<void> {
    await setupNeeded().catch(() => undefined);
  }

  async function logout(): Promise<void> {
    await service?.logout();
  }

  /** The name of whoever wrote `userIds`, when it is the last person signed in. */
  function writerName(userIds: readonly string[]): string | null {
    const last = lastUser.value;
    if (last === null || userIds.length === 0) return null;
    return userIds.every((id) => id === last.id) ? last.displayName : null;
  }

  async function switchPreview(): Promise<SwitchPreview> {
    if (!service) return { pending: 0, pendingBy: null, dossiers: 0, drafts: 0 };
    const usage = await service.deviceUsage();
    return {
      pending: usage.pending,
      pendingBy: writerName(usage.userIds),
      dossiers: usage.dossiers,
      drafts: (await drafts?.count()) ?? 0,
    };
  }

  /**
   * Empties the device for the next person: refused while changes wait (nothing is touched);
   * otherwise the dossiers, sync state, session and form drafts of the previous person go, and
   * the next login registers a new device id and pulls that person's own scope.
   */
  async function switchUser(): Promise<SwitchOutcome> {
    if (!service) return { ok: false, reason: 'failed' };
    try {
      const result = await service.switchUser();
      if (!result.wiped) {
        return { ok: false, reason: 'pending', pending: result.pending, by: writerName(result.userIds) };
      }
      // After the device store: a refused wipe must leave the drafts too.
      await drafts?.clearAll();
    } catch {
      return { ok: false, reason: 'failed' };
    }
    lastUser.value = null;
    lastError.value = null;
    failures.value = 0;
    lastSuccessAt.value = null;
    quarantined.value = [];
    return { ok: true };
  }

  /** Open conflicts of one dossier. */
  function conflictsOf(householdId: string): Conflict[] {
    return conflicts.value.filter((c) => c.householdId === householdId);
  }

  /**
   * Keeps `value` for a conflict: an ordinary synced write based on the field's latest version,
   * then the conflict is marked resolved on the device (the server closes it on push).
   */
  async function resolveConflict(conflictId: string, value: unknown): Promise<void> {
    if (!service) throw new Error('sync is not configured');
    await service.resolveConflict(conflictId, value);
    void service.syncNow().catch(() => undefined);
  }

  return {
    enabled,
    session,
    welcomePoints,
    welcomePointName,
    lastUser,
    pendingCount,
    oldestPendingAt,
    oldestPendingAgeMs,
    lastSuccessAt,
    inProgress,
    pullProgress,
    pullActive,
    pulledRows,
    lastError,
    serverReached,
    firstStartNeeded,
    failures,
    showFailure,
    conflicts,
    conflictsByHousehold,
    quarantined,
    clock,
    sessionLoaded,
    start,
    stop,
    syncNow,
    login,
    setup,
    setupNeeded,
    logout,
    switchPreview,
    switchUser,
    conflictsOf,
    resolveConflict,
  };
}

export type SyncModel = ReturnType<typeof createSyncModel>;
