/**
 * The lock (issue 16 items 2 and 4, docs/device-lock.md LOCK1–LOCK12): whether the app may show
 * dossier data, and the actions of the unlock and setup screens.
 *
 * - `locked`: the vault holds a wrapped key for the last person: the unlock screen (offline too).
 * - `needs-setup`: someone is signed in but this device holds no key for them: choose a PIN (or
 *   use the account password just typed), over a new data key or the one the server's escrow gives
 *   back (then the device's rows, sealed under it, open again).
 * - `erased-needs-online`: 10 wrong tries erased the wrapped key: only an online sign-in and the
 *   escrow give it back.
 * - `unlocked`: the keyring holds the data key; the idle clock runs.
 * - `open`: nobody to protect (signed out, no key on the device): the sign-in page as before.
 *
 * Locking flushes the drafts first (they survive), then clears the keyring and every in-memory
 * model that held dossier data (`onLock` hooks); the UI renders only the unlock screen.
 */
import { signal } from '@preact/signals';
import type { DataKeyring } from '../../db/crypto/data-keyring';
import type { KeyVault, UnlockMethod, VaultStatus, VaultUser } from '../../db/crypto/key-vault';
import type { SettingsStore } from '../../db/settings-store';
import type { KeyEscrow } from '../../domain/security/key-escrow';
import type { DraftRegistry } from '../drafts';
import { readIdleMinutes, writeIdleMinutes } from './idle-setting';
import { createIdleTimer, type IdleEnv } from './idle-timer';

export type { UnlockMethod, VaultStatus, VaultUser };

export type VaultPort = Pick<
  KeyVault,
  'lastUserId' | 'status' | 'setup' | 'unlock' | 'changeSecret' | 'setEscrowPending' | 'eraseUser'
>;

export type LockState =
  | { kind: 'starting' }
  | { kind: 'open' }
  | { kind: 'locked'; who: VaultStatus }
  | { kind: 'needs-setup'; user: VaultUser; passwordAvailable: boolean }
  | { kind: 'erased-needs-online'; who: VaultUser; serverHasNoCopy: boolean }
  | { kind: 'unlocked'; user: VaultUser };

export type UnlockOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number; nextTryAt: number }
  | { ok: false; reason: 'wait'; nextTryAt: number }
  | { ok: false; reason: 'erased' }
  | { ok: false; reason: 'failed' };

export interface LockDeps {
  vault: VaultPort;
  keyring: DataKeyring;
  /** The server's copy of the data key (absent: this app has no server). */
  escrow?: KeyEscrow;
  settings: SettingsStore;
  drafts: Pick<DraftRegistry, 'flushAll'>;
  /** The idle clock's timers and inputs (absent: no idle lock, e.g. tests of other screens). */
  idle?: IdleEnv;
  /** Seals the rows an older app wrote in clear, once the key is in the keyring. */
  sealPlainRows?: () => Promise<unknown>;
  newDataKey: () => Uint8Array;
  /** Writes the session again under the key now in the keyring (the sync service's). */
  resealSession?: () => Promise<unknown>;
  now?: () => number;
}

/**
 * LOCK13: the local profile of a device used before anyone signs in. Its vault entry protects the
 * rows typed then; the first person to sign in takes its key over, and the entry goes.
 */
export const LOCAL_USER: VaultUser = { id: 'local', username: 'local', displayName: '' };

export function isLocalUser(user: VaultUser): boolean {
  return user.id === LOCAL_USER.id;
}

function asVaultUser(user: VaultUser): VaultUser {
  return { id: user.id, username: user.username, displayName: user.displayName };
}

export function createLockModel(deps: LockDeps) {
  const now = deps.now ?? (() => Date.now());
  const state = signal<LockState>({ kind: 'starting' });
  const idleMinutes = signal<number>(5);
  /** Work to run on lock: each drops an in-memory model that held dossier data. */
  const clearers = new Set<() => void>();
  /** Run once after each unlock (e.g. starting sync after a locked start). */
  const unlockListeners = new Set<() => void>();
  /** The key the setup screen will wrap, and whether the server already holds it. */
  let pendingKey: { key: Uint8Array; escrowed: boolean } | undefined;
  /** The account password just typed at an online sign-in, for "use my password"; dropped at setup. */
  let loginPassword: string | undefined;
  /**
   * LOCK8: the key the session of a sign-in is sealed under. A sign-in writes the session before
   * anyone knows which key is this person's: a fresh key serves meanwhile, and the session is
   * written again under the person's key once the lock has it.
   */
  let signInKey: Uint8Array | undefined;
  let sessionNeedsReseal = false;
  /** LOCK13: the setup in progress takes over the local profile's key; its entry goes after. */
  let replacesLocal = false;
  const idle = deps.idle === undefined ? undefined : createIdleTimer(deps.idle, () => void lock());

  /** Puts the person's key in the keyring and, after a sign-in, their session under it. */
  async function holdKey(key: Uint8Array): Promise<void> {
    deps.keyring.set(key);
    if (sessionNeedsReseal) {
      sessionNeedsReseal = false;
      await deps.resealSession?.().catch(() => undefined);
    }
    signInKey?.fill(0);
    signInKey = undefined;
  }

  async function becomeUnlocked(user: VaultUser, key: Uint8Array): Promise<void> {
    await holdKey(key);
    key.fill(0);
    state.value = { kind: 'unlocked', user };
    idle?.start(idleMinutes.value);
    for (const listener of unlockListeners) listener();
  }

  /** Before an online sign-in: a key for the session it writes, when the keyring holds none. */
  function beforeSignIn(): void {
    if (deps.keyring.unlocked) return;
    signInKey = deps.newDataKey();
    deps.keyring.set(signInKey);
    sessionNeedsReseal = true;
  }

  /** The sign-in was refused: the key it was given goes. */
  function signInFailed(): void {
    if (signInKey === undefined) return;
    signInKey.fill(0);
    signInKey = undefined;
    sessionNeedsReseal = false;
    deps.keyring.clear();
  }

  /** Reads the vault: the unlock screen for the last person, or undecided until the session is known. */
  async function start(): Promise<void> {
    idleMinutes.value = await readIdleMinutes(deps.settings);
    const last = await deps.vault.lastUserId();
    const who = last === undefined ? undefined : await deps.vault.status(last);
    if (who === undefined) return;
    state.value = who.erased
      ? { kind: 'erased-needs-online', who: who.user, serverHasNoCopy: false }
      : { kind: 'locked', who };
  }

  /**
   * After the saved session is read, when the vault named nobody: a signed-in person with no key
   * here (an older app's device, or a setup left unfinished) sets one up; nobody: a PIN for the
   * local profile first (LOCK13), the sign-in page staying reachable.
   */
  async function decide(sessionUser: VaultUser | undefined): Promise<void> {
    if (state.value.kind !== 'starting') return;
    if (sessionUser === undefined) {
      pendingKey = { key: deps.newDataKey(), escrowed: false };
      state.value = { kind: 'needs-setup', user: LOCAL_USER, passwordAvailable: false };
      return;
    }
    await prepareSetup(asVaultUser(sessionUser));
  }

  /** LOCK13: the local profile is unlocked: its key seals the device's rows. */
  function holdsLocalData(): boolean {
    const current = state.value;
    return current.kind === 'unlocked' && isLocalUser(current.user) && deps.keyring.unlocked;
  }

  /**
   * The key to set up: the escrow's when the server holds one for this user and device (LOCK9:
   * the device's rows are sealed under it), else the sign-in's key or a new one, deposited at once
   * so that a setup left unfinished can be taken up again from the server.
   */
  async function prepareSetup(user: VaultUser, erased = false): Promise<void> {
    replacesLocal = false;
    if (holdsLocalData()) {
      // LOCK13: the rows are sealed under the local key: it stays, and the server gets a copy.
      idle?.stop();
      replacesLocal = true;
      const key = new Uint8Array(deps.keyring.key());
      pendingKey = { key, escrowed: false };
      const pending = pendingKey;
      void deps.escrow
        ?.deposit(new Uint8Array(key))
        .then(() => {
          pending.escrowed = true;
        })
        .catch(() => undefined);
      state.value = { kind: 'needs-setup', user, passwordAvailable: loginPassword !== undefined };
      return;
    }
    const recovered = await deps.escrow?.recover().catch(() => undefined);
    if (recovered !== undefined) {
      pendingKey = { key: recovered, escrowed: true };
      await holdKey(recovered);
    } else if (erased) {
      // The rows are sealed under a key nobody holds any more: a new key would not open them.
      signInFailed();
      state.value = { kind: 'erased-needs-online', who: user, serverHasNoCopy: true };
      return;
    } else {
      const key = signInKey === undefined ? deps.newDataKey() : new Uint8Array(signInKey);
      pendingKey = { key, escrowed: false };
      await holdKey(key);
      const pending = pendingKey;
      void deps.escrow
        ?.deposit(new Uint8Array(key))
        .then(() => {
          pending.escrowed = true;
        })
        .catch(() => undefined);
    }
    state.value = { kind: 'needs-setup', user, passwordAvailable: loginPassword !== undefined };
  }

  /**
   * LOCK8: after an online sign-in. With the password method the password just typed unlocks
   * (and, if an admin reset it, the escrow's key is re-wrapped under the new one); with a PIN the
   * unlock screen asks for it; an erased or missing key comes back from the escrow.
   */
  async function afterSignIn(signedIn: VaultUser, password: string): Promise<void> {
    const user = asVaultUser(signedIn);
    loginPassword = password;
    const who = await deps.vault.status(user.id);
    if (who !== undefined && !who.erased) {
      if (who.method === 'pin') {
        // The session waits in memory; it is sealed under the person's key after the unlock.
        deps.keyring.clear();
        state.value = { kind: 'locked', who };
        return;
      }
      const result = await deps.vault.unlock(user.id, password);
      if (result.kind === 'unlocked') {
        loginPassword = undefined;
        await becomeUnlocked(user, result.key);
        return;
      }
      const recovered = await deps.escrow?.recover().catch(() => undefined);
      if (recovered !== undefined) {
        await deps.vault.setup(user, 'password', password, recovered, true);
        loginPassword = undefined;
        await becomeUnlocked(user, recovered);
        return;
      }
      const after = await deps.vault.status(user.id);
      if (after !== undefined && !after.erased) {
        deps.keyring.clear();
        state.value = { kind: 'locked', who: after };
        return;
      }
    }
    await prepareSetup(user, who?.erased === true);
  }

  /** The setup screen's choice: wraps the pending key, seals clear rows, deposits it (LOCK9, LOCK10). */
  async function completeSetup(method: UnlockMethod, pin?: string): Promise<boolean> {
    const current = state.value;
    if (current.kind !== 'needs-setup' || pendingKey === undefined) return false;
    const secret = method === 'pin' ? pin : loginPassword;
    if (secret === undefined) return false;
    const { key, escrowed } = pendingKey;
    await deps.vault.setup(current.user, method, secret, key, escrowed);
    pendingKey = undefined;
    loginPassword = undefined;
    // LOCK13: the person now holds the local profile's key under their own secret.
    if (replacesLocal) await deps.vault.eraseUser(LOCAL_USER.id);
    replacesLocal = false;
    await holdKey(key);
    await deps.sealPlainRows?.();
    if (!escrowed) void deposit(current.user.id);
    await becomeUnlocked(current.user, key);
    return true;
  }

  /** LOCK10: sends the data key to the escrow; on failure the vault's flag keeps it for the next sync. */
  async function deposit(userId: string): Promise<void> {
    // The local profile has no account, so no escrow: its key reaches the server at the sign-in.
    if (deps.escrow === undefined || !deps.keyring.unlocked || userId === LOCAL_USER.id) return;
    try {
      // A copy: a lock zero-fills the keyring's bytes while the request may still read them.
      await deps.escrow.deposit(new Uint8Array(deps.keyring.key()));
      await deps.vault.setEscrowPending(userId, false);
    } catch {
      // Offline or refused: escrowPending stays true; retryDeposit runs after each sync.
    }
  }

  /** Called after each successful sync run: a deposit that failed offline is sent now. */
  async function retryDeposit(): Promise<void> {
    const current = state.value;
    if (current.kind !== 'unlocked') return;
    const who = await deps.vault.status(current.user.id);
    if (who?.escrowPending === true) await deposit(current.user.id);
  }

  async function unlock(secret: string): Promise<UnlockOutcome> {
    const current = state.value;
    if (current.kind !== 'locked') return { ok: false, reason: 'failed' };
    const user = current.who.user;
    const result = await deps.vault.unlock(user.id, secret);
    const refreshed = await deps.vault.status(user.id);
    switch (result.kind) {
      case 'unlocked':
        loginPassword = undefined;
        await becomeUnlocked(user, result.key);
        if (refreshed?.escrowPending === true) void deposit(user.id);
        return { ok: true };
      case 'wrong':
      case 'wait':
        if (refreshed !== undefined) state.value = { kind: 'locked', who: refreshed };
        return result.kind === 'wrong'
          ? { ok: false, reason: 'wrong', triesLeft: result.triesLeft, nextTryAt: result.nextTryAt }
          : { ok: false, reason: 'wait', nextTryAt: result.nextTryAt };
      case 'erased':
        state.value = { kind: 'erased-needs-online', who: user, serverHasNoCopy: false };
        return { ok: false, reason: 'erased' };
      default:
        return { ok: false, reason: 'failed' };
    }
  }

  /**
   * LOCK11: drafts first (what was typed before the lock is on the device), then the key, then
   * every model holding dossier data; the screens then render only the unlock screen.
   */
  async function lock(): Promise<void> {
    const current = state.value;
    if (current.kind !== 'unlocked') return;
    idle?.stop();
    await deps.drafts.flushAll().catch(() => undefined);
    deps.keyring.clear();
    for (const clear of clearers) clear();
    const who = await deps.vault.status(current.user.id);
    state.value = who === undefined || who.erased ? { kind: 'open' } : { kind: 'locked', who };
  }

  /**
   * A sign-out: the key and the models go (the sign-in page shows); the vault entry stays, so the
   * same person signing in again unlocks their sealed rows with their PIN.
   */
  function signedOut(): void {
    idle?.stop();
    deps.keyring.clear();
    for (const clear of clearers) clear();
    pendingKey = undefined;
    loginPassword = undefined;
    signInKey = undefined;
    sessionNeedsReseal = false;
    replacesLocal = false;
    state.value = { kind: 'open' };
  }

  /** LOCK12: a change of user (the device store was wiped) forgets the previous person's key. */
  async function forget(userId: string | undefined): Promise<void> {
    signedOut();
    if (userId !== undefined) await deps.vault.eraseUser(userId);
  }

  /** LOCK7: the idle delay from Réglages (1–30 minutes); applies at once when unlocked. */
  async function setIdleMinutes(minutes: number): Promise<void> {
    await writeIdleMinutes(deps.settings, minutes);
    idleMinutes.value = minutes;
    if (state.value.kind === 'unlocked') idle?.start(minutes);
  }

  return {
    state,
    idleMinutes,
    /** Milliseconds until the next try is allowed on the unlock screen (0: now). */
    waitRemainingMs(): number {
      const current = state.value;
      return current.kind === 'locked' ? Math.max(0, current.who.nextTryAt - now()) : 0;
    },
    start,
    decide,
    beforeSignIn,
    signInFailed,
    afterSignIn,
    completeSetup,
    unlock,
    lock,
    signedOut,
    forget,
    retryDeposit,
    setIdleMinutes,
    onLock(clear: () => void): () => void {
      clearers.add(clear);
      return () => clearers.delete(clear);
    },
    onUnlock(listener: () => void): () => void {
      unlockListeners.add(listener);
      return () => unlockListeners.delete(listener);
    },
  };
}

export type LockModel = ReturnType<typeof createLockModel>;
