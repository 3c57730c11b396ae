/**
 * The sign-in, sign-out and change of user as the lock sees them (LOCK8, LOCK12): the sync model's
 * actions, with the lock's step after each. Kept apart from sync-model.ts, which knows nothing of
 * keys: without a lock (tests of other screens) the sync model is returned as it is.
 */
import type { DraftRegistry } from '../drafts';
import type { createSyncModel } from '../sync-model';
import type { LockModel } from './lock-model';

type SyncModel = ReturnType<typeof createSyncModel>;

export function withLock(
  sync: SyncModel,
  lock: LockModel | undefined,
  drafts: Pick<DraftRegistry, 'flushAll'>,
): SyncModel {
  if (lock === undefined) return sync;
  /** After an online sign-in (or the first admin's creation): unlock, or set up a key. */
  async function afterSignIn(password: string): Promise<void> {
    const user = sync.session.value?.user;
    if (user !== undefined) await lock?.afterSignIn(user, password);
  }
  return {
    ...sync,
    async login(username, password) {
      lock.beforeSignIn();
      const outcome = await sync.login(username, password);
      if (outcome.ok) await afterSignIn(password);
      else lock.signInFailed();
      return outcome;
    },
    async setup(input) {
      lock.beforeSignIn();
      const outcome = await sync.setup(input);
      if (outcome.ok) await afterSignIn(input.password);
      else lock.signInFailed();
      return outcome;
    },
    async logout() {
      // What was typed is on the device before the key goes (LOCK11).
      await drafts.flushAll().catch(() => undefined);
      await sync.logout();
      lock.signedOut();
    },
    async switchUser() {
      const previous = sync.lastUser.value?.id ?? sync.session.value?.user.id;
      const outcome = await sync.switchUser();
      // LOCK12: the device store was wiped: the previous person's wrapped key goes with it.
      if (outcome.ok) await lock.forget(previous);
      return outcome;
    },
  };
}
