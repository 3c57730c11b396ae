/** Account operations shared by the HTTP routes and the admin CLI. */
import { randomUUID } from 'node:crypto';
import { ALL_SCOPE_ROLES, type User, type WelcomePoint } from '../../../src/domain/sync/protocol';
import type { RelaisStore } from '../stores/store';
import type { StoreTx, UserRecord } from '../stores/store-tx';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './passwords';

export function publicUser(user: UserRecord): User {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    welcomePointIds: user.welcomePointIds,
    disabled: user.disabled,
  };
}

/**
 * The welcome points a person may place a household in (AUTH10): every one for coordinators and
 * admins (archived ones flagged, so names still show), the person's own otherwise.
 */
export async function welcomePointsFor(tx: StoreTx, user: UserRecord): Promise<WelcomePoint[]> {
  const all = await tx.listWelcomePoints();
  const mine = ALL_SCOPE_ROLES.includes(user.role)
    ? all
    : all.filter((wp) => user.welcomePointIds.includes(wp.id));
  return mine.map(({ id, name, archived }) => ({ id, name, archived }));
}

/**
 * Creates the first admin, only while the store has no user at all (AUTH1). The check and the
 * insert share one sequenced transaction, so two concurrent first starts create one admin.
 * @returns the admin, or undefined when a user already exists
 */
export async function createFirstAdmin(
  store: RelaisStore,
  input: { username: string; password: string; displayName: string },
  now: number,
  scrypt: ScryptParams = DEFAULT_SCRYPT,
): Promise<UserRecord | undefined> {
  const passwordHash = await hashPassword(input.password, scrypt);
  return store.transaction(
    async (tx) => {
      if ((await tx.countUsers()) > 0) return undefined;
      const user: UserRecord = {
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: 'admin',
        passwordHash,
        disabled: false,
        welcomePointIds: [],
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertUser(user);
      return user;
    },
    { sequenced: true },
  );
}
