/**
 * The key vault (docs/device-lock.md LOCK1–LOCK6). Wraps use few PBKDF2 iterations for speed
 * (the `iterations` option); one test checks the default is the documented ≥ 600,000.
 */
import { createStore, get } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { randomDataKey } from '../../../src/db/crypto/data-keyring';
import { KeyVault } from '../../../src/db/crypto/key-vault';
import { PBKDF2_ITERATIONS, unwrapDataKey, wrapDataKey } from '../../../src/db/crypto/key-wrap';
import { uniqueDbName } from '../helpers';

const user = { id: 'u-1', username: 'claire', displayName: 'Claire Martin' };
const FAST = 1_000;

function clock(start = Date.UTC(2026, 11, 1, 9, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), at: () => t };
}

function vault(name = uniqueDbName('keys'), now = clock().now) {
  return new KeyVault({ databaseName: name, iterations: FAST, now });
}

describe('key wrapping', () => {
  it('[LOCK2] wraps under PBKDF2-SHA-256 with ≥ 600,000 iterations by default and opens only with the secret', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const key = randomDataKey();
    const wrapped = await wrapDataKey('246810', key, FAST);
    expect(wrapped.sealed).not.toContain(key);
    expect(await unwrapDataKey('246810', wrapped)).toEqual(key);
    expect(await unwrapDataKey('246811', wrapped)).toBeUndefined();
    // The salt is random: the same secret and key wrap differently.
    const again = await wrapDataKey('246810', key, FAST);
    expect(again.salt).not.toEqual(wrapped.salt);
  });

  it('[LOCK2] a vault made without options wraps with PBKDF2_ITERATIONS', async () => {
    const name = uniqueDbName('keys');
    const slow = new KeyVault({ databaseName: name });
    await slow.setup(user, 'pin', '135790', randomDataKey());
    const stored = await get<{ wrapped: { iterations: number } }>('user:u-1', createStore(name, 'vault'));
    expect(stored?.wrapped.iterations).toBe(PBKDF2_ITERATIONS);
  });
});

describe('key vault', () => {
  it('[LOCK1] refuses a PIN shorter than 6 digits or with other characters', async () => {
    const v = vault();
    await expect(v.setup(user, 'pin', '12345', randomDataKey())).rejects.toThrow();
    await expect(v.setup(user, 'pin', '12345a', randomDataKey())).rejects.toThrow();
    expect(await v.status(user.id)).toBeUndefined();
    await v.setup(user, 'pin', '123456', randomDataKey());
    expect((await v.status(user.id))?.method).toBe('pin');
  });

  it('[LOCK2] unlocks with the secret and gives back the data key; remembers whose device it is', async () => {
    const v = vault();
    const key = randomDataKey();
    await v.setup(user, 'password', 'un mot de passe', key);
    expect(await v.unlock(user.id, 'un mot de passe')).toEqual({ kind: 'unlocked', key });
    expect(await v.lastUserId()).toBe(user.id);
    expect((await v.status(user.id))?.user).toEqual(user);
    expect(await v.unlock('someone-else', 'x')).toEqual({ kind: 'no-entry' });
  });

  it('[LOCK3] the wait doubles after each wrong try (1 s, 2 s, 4 s…); an early try is not judged', async () => {
    const c = clock();
    const v = vault(uniqueDbName('keys'), c.now);
    const key = randomDataKey();
    await v.setup(user, 'pin', '111111', key);
    const waits: number[] = [];
    for (let i = 1; i <= 4; i += 1) {
      const result = await v.unlock(user.id, '000000');
      if (result.kind !== 'wrong') throw new Error(`expected wrong, got ${result.kind}`);
      expect(result.triesLeft).toBe(10 - i);
      waits.push(result.nextTryAt - c.at());
      // Too early: not judged, even with the right PIN.
      expect(await v.unlock(user.id, '111111')).toEqual({ kind: 'wait', nextTryAt: result.nextTryAt });
      c.advance(result.nextTryAt - c.at());
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    // The right PIN after the wait unlocks and resets the count.
    expect(await v.unlock(user.id, '111111')).toEqual({ kind: 'unlocked', key });
    expect((await v.status(user.id))?.wrongTries).toBe(0);
  });

  it('[LOCK4] after 10 wrong tries the wrapped key is erased; whose device it is stays', async () => {
    const c = clock();
    const name = uniqueDbName('keys');
    const v = vault(name, c.now);
    await v.setup(user, 'pin', '111111', randomDataKey());
    let last: Awaited<ReturnType<KeyVault['unlock']>> | undefined;
    for (let i = 1; i <= 10; i += 1) {
      last = await v.unlock(user.id, '999999');
      if (last.kind === 'wrong') c.advance(last.nextTryAt - c.at());
      if (i < 10) expect(last.kind).toBe('wrong');
    }
    expect(last).toEqual({ kind: 'erased' });
    expect(await v.unlock(user.id, '111111')).toEqual({ kind: 'erased' });
    const stored = await get<{ wrapped: unknown; user: unknown }>('user:u-1', createStore(name, 'vault'));
    expect(stored?.wrapped).toBeNull();
    expect(stored?.user).toEqual(user);
    expect((await v.status(user.id))?.erased).toBe(true);
  });

  it('[LOCK5] the count and the wait survive a reload (a new vault over the same database)', async () => {
    const c = clock();
    const name = uniqueDbName('keys');
    await vault(name, c.now).setup(user, 'pin', '111111', randomDataKey());
    for (let i = 0; i < 3; i += 1) {
      const r = await vault(name, c.now).unlock(user.id, '222222');
      if (r.kind !== 'wrong') throw new Error(r.kind);
      if (i < 2) c.advance(r.nextTryAt - c.at());
    }
    const reloaded = vault(name, c.now);
    const status = await reloaded.status(user.id);
    expect(status?.wrongTries).toBe(3);
    expect(status?.triesLeft).toBe(7);
    expect(status?.nextTryAt).toBe(c.at() + 4_000);
    expect((await reloaded.unlock(user.id, '111111')).kind).toBe('wait');
  });

  it('[LOCK5] a try is counted before it is judged (closing the page mid-derivation gives no free try)', async () => {
    const c = clock();
    const name = uniqueDbName('keys');
    const v = vault(name, c.now);
    await v.setup(user, 'pin', '111111', randomDataKey());
    const pending = v.unlock(user.id, '333333');
    // Read the stored count while the derivation runs, through another handle on the database.
    await expect.poll(async () => (await vault(name, c.now).status(user.id))?.wrongTries).toBe(1);
    expect((await pending).kind).toBe('wrong');
  });

  it('[LOCK6] changeSecret re-wraps the same key; eraseUser and eraseAll forget people', async () => {
    const v = vault();
    const key = randomDataKey();
    await v.setup(user, 'pin', '111111', key);
    await v.changeSecret(user.id, 'pin', '654321', key);
    expect((await v.unlock(user.id, '111111')).kind).toBe('wrong');
    const other = { id: 'u-2', username: 'malik', displayName: 'Malik' };
    await v.setup(other, 'password', 'secret', randomDataKey());
    await v.eraseUser(other.id);
    expect(await v.status(other.id)).toBeUndefined();
    expect(await v.status(user.id)).toBeDefined();
    await v.setup(other, 'password', 'secret', randomDataKey());
    await v.eraseAll();
    expect(await v.status(user.id)).toBeUndefined();
    expect(await v.status(other.id)).toBeUndefined();
    expect(await v.lastUserId()).toBeUndefined();
  });

  it('keeps the escrow flag until the deposit reached the server', async () => {
    const v = vault();
    await v.setup(user, 'pin', '111111', randomDataKey());
    expect((await v.status(user.id))?.escrowPending).toBe(true);
    await v.setEscrowPending(user.id, false);
    expect((await v.status(user.id))?.escrowPending).toBe(false);
    // A new secret over the same key keeps what the server already holds; a new key waits again.
    const key = randomDataKey();
    await v.changeSecret(user.id, 'pin', '222222', key);
    expect((await v.status(user.id))?.escrowPending).toBe(false);
    await v.setup(user, 'pin', '222222', randomDataKey());
    expect((await v.status(user.id))?.escrowPending).toBe(true);
    await v.setup(user, 'pin', '222222', key, true);
    expect((await v.status(user.id))?.escrowPending).toBe(false);
  });
});
