/**
 * The idle lock (LOCK7) and what a lock clears and keeps (LOCK11), over the real app state: the
 * workspace's in-memory models go, the drafts typed before the lock are on the device first.
 */
import { describe, expect, it } from 'vitest';
import { randomDataKey } from '../../../src/db/crypto/data-keyring';
import { createDraftRegistry } from '../../../src/state/drafts';
import { IDLE_MINUTES_KEY, parseIdleMinutes, readIdleMinutes } from '../../../src/state/lock/idle-setting';
import { MINUTE_MS } from '../../../src/state/lock/idle-timer';
import { makeTestState } from '../../ui/make-test-state';
import { fastVault, lockFixture, manualIdleEnv, USER } from './lock-fixture';

async function unlocked(fixture: ReturnType<typeof lockFixture>) {
  await fixture.lock.start();
  await fixture.lock.afterSignIn(USER, 'pw');
  await fixture.lock.completeSetup('pin', '482915');
  expect(fixture.lock.state.value.kind).toBe('unlocked');
}

describe('idle lock', () => {
  it('[LOCK7] locks after the set minutes without input; each input starts the minutes again', async () => {
    const fixture = lockFixture();
    await fixture.settings.set(IDLE_MINUTES_KEY, 2);
    await unlocked(fixture);
    fixture.idle.advance(2 * MINUTE_MS - 1);
    fixture.idle.input();
    fixture.idle.advance(2 * MINUTE_MS - 1);
    expect(fixture.lock.state.value.kind).toBe('unlocked');
    fixture.idle.advance(1);
    await expect.poll(() => fixture.lock.state.value.kind).toBe('locked');
    expect(fixture.keyring.unlocked).toBe(false);
    // Locked: the idle clock no longer listens.
    expect(fixture.idle.listening()).toBe(0);
  });

  it('[LOCK7] the delay is 1 to 30 whole minutes, 5 by default; a new delay applies at once', async () => {
    const fixture = lockFixture();
    expect(await readIdleMinutes(fixture.settings)).toBe(5);
    expect(parseIdleMinutes('0')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseIdleMinutes('31')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseIdleMinutes('2,5')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseIdleMinutes(' 30 ')).toEqual({ ok: true, minutes: 30 });
    await expect(fixture.lock.setIdleMinutes(31)).rejects.toThrow();
    await unlocked(fixture);
    fixture.idle.advance(4 * MINUTE_MS);
    await fixture.lock.setIdleMinutes(1);
    expect(await readIdleMinutes(fixture.settings)).toBe(1);
    fixture.idle.advance(MINUTE_MS);
    await expect.poll(() => fixture.lock.state.value.kind).toBe('locked');
  });
});

describe('what a lock clears and keeps', () => {
  it('[LOCK11] drops the dossier models from memory and empties the keyring; drafts typed before survive', async () => {
    const idle = manualIdleEnv();
    const vault = fastVault();
    const base = makeTestState();
    const drafts = createDraftRegistry(base.settings);
    const keyringOrder: string[] = [];
    const test = makeTestState({
      settings: base.settings,
      drafts: {
        ...drafts,
        flushAll: async () => {
          await drafts.flushAll();
          keyringOrder.push('drafts flushed');
        },
      },
    });
    const { DataKeyring } = await import('../../../src/db/crypto/data-keyring');
    const keyring = new DataKeyring();
    keyring.subscribe((unlocked) => {
      if (!unlocked) keyringOrder.push('key cleared');
    });
    const lockState = makeTestState({
      settings: base.settings,
      drafts: test.state.drafts,
      lock: { vault, keyring, idle: idle.env, newDataKey: randomDataKey },
    }).state;
    const lock = lockState.lock;
    if (lock === undefined) throw new Error('lock expected');
    await lock.start();
    await lock.afterSignIn(USER, 'pw');
    await lock.completeSetup('pin', '482915');

    const { workspace } = lockState;
    workspace.list.results.value = [{ id: 'h1' } as never];
    workspace.list.filters.value = { search: 'Quermarec' } as never;
    workspace.openDossiers.set('h1', { name: 'Quermarec' });
    lockState.plans.plans.value = [] as never;
    // Typed just before the lock, not yet written when it starts.
    void lockState.drafts.save('household:new', { lastName: 'Brouillon' });

    await lock.lock();
    expect(keyringOrder).toEqual(['drafts flushed', 'key cleared']);
    expect(workspace.list.results.value).toBeNull();
    expect(workspace.list.filters.value).toEqual({});
    expect(workspace.openDossiers.size).toBe(0);
    expect(lockState.plans.plans.value).toBeNull();
    expect(lock.state.value.kind).toBe('locked');
    // The draft is on the device, and reopens after the unlock.
    expect(await lockState.drafts.load('household:new')).toEqual({ lastName: 'Brouillon' });
    expect(await lock.unlock('482915')).toEqual({ ok: true });
    expect(keyring.unlocked).toBe(true);
  });
});
