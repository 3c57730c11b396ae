/**
 * LOCK13 (docs/device-lock.md): a device used before anyone signs in protects its rows under a
 * local profile's code; the first person to sign in takes that key over (the rows are sealed
 * under it), and the local entry goes once the person has theirs.
 */
import { describe, expect, it } from 'vitest';
import { randomDataKey } from '../../../src/db/crypto/data-keyring';
import { LOCAL_USER } from '../../../src/state/lock/lock-model';
import { lockFixture, memoryEscrow, USER } from './lock-fixture';

const LOCAL_PIN = '135792';

describe('the local profile', () => {
  it('[LOCK13] with nobody signed in and no key here, a code is asked first; it wraps a key held by nobody else', async () => {
    const { escrow, state } = memoryEscrow();
    const { lock, keyring, vault } = lockFixture({ escrow });
    await lock.start();
    await lock.decide(undefined);
    expect(lock.state.value).toEqual({ kind: 'needs-setup', user: LOCAL_USER, passwordAvailable: false });
    expect(keyring.unlocked).toBe(false);
    // No password here: nobody signed in.
    expect(await lock.completeSetup('password')).toBe(false);
    await expect(lock.completeSetup('pin', '12345')).rejects.toThrow();
    expect(await lock.completeSetup('pin', LOCAL_PIN)).toBe(true);
    expect(lock.state.value).toEqual({ kind: 'unlocked', user: LOCAL_USER });
    expect(keyring.unlocked).toBe(true);
    expect((await vault.status(LOCAL_USER.id))?.method).toBe('pin');
    // No account, no escrow: the key reaches the server at the first sign-in.
    await lock.retryDeposit();
    expect(state.deposits).toBe(0);
  });

  it('[LOCK13] the local profile locks, idles and unlocks as a person does, across a restart', async () => {
    const { lock, keyring, vault, idle } = lockFixture();
    await lock.start();
    await lock.decide(undefined);
    await lock.completeSetup('pin', LOCAL_PIN);
    const key = new Uint8Array(keyring.key());
    idle.advance(5 * 60_000);
    await expect.poll(() => lock.state.value.kind).toBe('locked');
    expect(keyring.unlocked).toBe(false);
    expect((await lock.unlock('000000')).ok).toBe(false);
    await expect.poll(() => lock.waitRemainingMs() > 0).toBe(true);

    const restarted = lockFixture({}, vault);
    await restarted.lock.start();
    const state = restarted.lock.state.value;
    expect(state.kind === 'locked' && state.who.user).toEqual(LOCAL_USER);
    // The wait of the wrong try above is persisted (LOCK5): wait it out with the vault's clock.
    await expect.poll(() => restarted.lock.waitRemainingMs(), { timeout: 5_000 }).toBe(0);
    expect(await restarted.lock.unlock(LOCAL_PIN)).toEqual({ ok: true });
    expect(restarted.keyring.key()).toEqual(key);
  });

  it('[LOCK13] a sign-in on a device holding local data keeps the current key, wraps it for the person and removes the local entry', async () => {
    // The server holds another key for this device: the rows are sealed under the local one, which wins.
    const { escrow, state } = memoryEscrow(randomDataKey());
    const { lock, keyring, vault } = lockFixture({ escrow });
    await lock.start();
    await lock.decide(undefined);
    await lock.completeSetup('pin', LOCAL_PIN);
    const localKey = new Uint8Array(keyring.key());

    lock.beforeSignIn();
    // The session is written under the key in the keyring: the local one.
    expect(keyring.key()).toEqual(localKey);
    await lock.afterSignIn({ ...USER }, 'mot de passe');
    expect(lock.state.value).toEqual({ kind: 'needs-setup', user: USER, passwordAvailable: true });
    expect(keyring.key()).toEqual(localKey);
    expect(await lock.completeSetup('pin', '482915')).toBe(true);

    expect(lock.state.value).toEqual({ kind: 'unlocked', user: USER });
    expect(keyring.key()).toEqual(localKey);
    expect(await vault.status(LOCAL_USER.id)).toBeUndefined();
    expect(await vault.lastUserId()).toBe(USER.id);
    // The person's PIN opens the same key; the server's copy is that key now.
    await lock.lock();
    expect(await lock.unlock('482915')).toEqual({ ok: true });
    expect(keyring.key()).toEqual(localKey);
    await expect.poll(() => state.held).toEqual(localKey);
  });

  it('[LOCK13] signing in from the local code screen, before any local data, sets up as any first sign-in', async () => {
    const { escrow } = memoryEscrow();
    const { lock, keyring, vault } = lockFixture({ escrow });
    await lock.start();
    await lock.decide(undefined);
    lock.beforeSignIn();
    const signInKey = new Uint8Array(keyring.key());
    await lock.afterSignIn({ ...USER }, 'pw');
    expect(await lock.completeSetup('pin', '482915')).toBe(true);
    expect(keyring.key()).toEqual(signInKey);
    expect(await vault.status(LOCAL_USER.id)).toBeUndefined();
  });
});
