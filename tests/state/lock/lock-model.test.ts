/**
 * The lock model (docs/device-lock.md): setup after a sign-in, unlock, the idle lock, what a lock
 * clears and keeps, the escrow, a change of user.
 */
import { describe, expect, it } from 'vitest';
import { randomDataKey } from '../../../src/db/crypto/data-keyring';
import { fastVault, lockFixture, memoryEscrow, USER } from './lock-fixture';

describe('lock model', () => {
  it('[LOCK9] after an online sign-in without a key here: setup over a new key, then unlocked and deposited', async () => {
    const { escrow, state } = memoryEscrow();
    const sealed: string[] = [];
    const { lock, keyring, vault } = lockFixture({
      escrow,
      sealPlainRows: async () => void sealed.push(keyring.unlocked ? 'sealed under the key' : 'no key'),
    });
    await lock.start();
    await lock.decide(undefined);
    // LOCK13: nobody signed in: the local profile's code is asked; the sign-in page stays reachable.
    expect(lock.state.value.kind).toBe('needs-setup');
    await lock.afterSignIn({ ...USER }, 'mot de passe');
    expect(lock.state.value).toEqual({ kind: 'needs-setup', user: USER, passwordAvailable: true });
    await expect(lock.completeSetup('pin', '123')).rejects.toThrow();
    expect(await lock.completeSetup('pin', '482915')).toBe(true);
    expect(lock.state.value.kind).toBe('unlocked');
    expect(sealed).toEqual(['sealed under the key']);
    await expect.poll(() => state.deposits).toBe(1);
    expect(state.held).toEqual(keyring.key());
    await expect.poll(async () => (await vault.status(USER.id))?.escrowPending).toBe(false);
  });

  it('[LOCK9] when the server holds this device key, setup wraps that one (the sealed rows open again)', async () => {
    const serverKey = randomDataKey();
    const { escrow, state } = memoryEscrow(serverKey);
    const { lock, keyring, vault } = lockFixture({ escrow });
    await lock.start();
    await lock.afterSignIn(USER, 'pw');
    await lock.completeSetup('password');
    expect(keyring.key()).toEqual(serverKey);
    expect(state.deposits).toBe(0);
    expect((await vault.status(USER.id))?.method).toBe('password');
  });

  it('[LOCK10] a deposit that fails offline is kept as pending and sent after the next sync', async () => {
    const { escrow, state } = memoryEscrow();
    const { lock, vault } = lockFixture({ escrow });
    state.online = false;
    await lock.afterSignIn(USER, 'pw');
    await lock.completeSetup('pin', '482915');
    await lock.retryDeposit();
    expect((await vault.status(USER.id))?.escrowPending).toBe(true);
    state.online = true;
    await lock.retryDeposit();
    expect(state.deposits).toBe(1);
    expect((await vault.status(USER.id))?.escrowPending).toBe(false);
  });

  it('[LOCK2] at start the vault key of the last person means the unlock screen; a wrong PIN updates it', async () => {
    const vault = fastVault();
    await vault.setup(USER, 'pin', '482915', randomDataKey());
    const { lock, keyring } = lockFixture({}, vault);
    await lock.start();
    const state = lock.state.value;
    expect(state.kind === 'locked' && state.who.user).toEqual(USER);
    const wrong = await lock.unlock('000000');
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong', triesLeft: 9 });
    expect(lock.state.value.kind === 'locked' && lock.state.value.who.wrongTries).toBe(1);
    expect(lock.waitRemainingMs()).toBeGreaterThan(0);
    expect(keyring.unlocked).toBe(false);
  });

  it('[LOCK8] with the password method, the password typed at the sign-in unlocks; a reset password re-wraps the escrow key', async () => {
    const key = randomDataKey();
    const { escrow } = memoryEscrow(key);
    const { lock, vault, keyring } = lockFixture({ escrow });
    await vault.setup(USER, 'password', 'ancien', key);
    await lock.afterSignIn(USER, 'ancien');
    expect(lock.state.value.kind).toBe('unlocked');
    await lock.lock();
    // An admin reset the password: the old wrap no longer opens; the escrow's key is re-wrapped.
    await lock.afterSignIn(USER, 'nouveau');
    expect(lock.state.value.kind).toBe('unlocked');
    expect(keyring.key()).toEqual(key);
    await lock.lock();
    expect(await lock.unlock('nouveau')).toEqual({ ok: true });
  });

  it('[LOCK4] the tenth wrong try leads to the erased screen; an online sign-in brings the key back from the escrow', async () => {
    let t = Date.UTC(2026, 11, 1);
    const vault = fastVault(() => t);
    const key = randomDataKey();
    const { escrow, state } = memoryEscrow(key);
    const { lock, keyring } = lockFixture({ escrow, now: () => t }, vault);
    await vault.setup(USER, 'pin', '482915', key);
    await lock.start();
    for (let i = 0; i < 10; i += 1) {
      const outcome = await lock.unlock('000000');
      if (!outcome.ok && outcome.reason === 'wrong') t = outcome.nextTryAt;
    }
    expect(lock.state.value).toEqual({ kind: 'erased-needs-online', who: USER, serverHasNoCopy: false });
    expect(keyring.unlocked).toBe(false);
    await lock.afterSignIn(USER, 'pw');
    expect(lock.state.value.kind).toBe('needs-setup');
    await lock.completeSetup('pin', '135790');
    expect(keyring.key()).toEqual(key);

    // Erased again, and this time the server holds no copy (a device reported lost): it says so.
    await lock.lock();
    for (let i = 0; i < 10; i += 1) {
      const outcome = await lock.unlock('000000');
      if (!outcome.ok && outcome.reason === 'wrong') t = outcome.nextTryAt;
    }
    state.held = undefined;
    await lock.afterSignIn(USER, 'pw');
    expect(lock.state.value).toEqual({ kind: 'erased-needs-online', who: USER, serverHasNoCopy: true });
  });

  it('[LOCK8] the session of a sign-in is written again under the person key; a PIN entry waits locked without a key', async () => {
    const resealed: string[] = [];
    const key = randomDataKey();
    const vault = fastVault();
    await vault.setup(USER, 'pin', '482915', key);
    const { lock, keyring } = lockFixture(
      { resealSession: async () => void resealed.push(keyring.unlocked ? 'under a key' : 'no key') },
      vault,
    );
    lock.beforeSignIn();
    // The sign-in's session is written under a key of its own meanwhile.
    expect(keyring.unlocked).toBe(true);
    expect(keyring.key()).not.toEqual(key);
    await lock.afterSignIn(USER, 'pw');
    expect(lock.state.value.kind).toBe('locked');
    expect(keyring.unlocked).toBe(false);
    expect(resealed).toEqual([]);
    await lock.unlock('482915');
    expect(keyring.key()).toEqual(key);
    expect(resealed).toEqual(['under a key']);
    // A refused sign-in leaves nothing in the keyring.
    await lock.lock();
    lock.beforeSignIn();
    lock.signInFailed();
    expect(keyring.unlocked).toBe(false);
  });

  it('[LOCK12] a change of user forgets the previous person key on the device', async () => {
    const { lock, vault, keyring } = lockFixture();
    await lock.afterSignIn(USER, 'pw');
    await lock.completeSetup('pin', '482915');
    await lock.forget(USER.id);
    expect(keyring.unlocked).toBe(false);
    expect(await vault.status(USER.id)).toBeUndefined();
    expect(lock.state.value.kind).toBe('open');
  });
});
