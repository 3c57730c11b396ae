/**
 * The app opens on the unlock screen (docs/device-lock.md): the benches seed the device under the
 * local profile's key (tests/e2e/seed-keyring.ts, LOCK13) and type TEST_PIN there as a person
 * would. The cold start is then two spans, timed inside the page: navigation to the unlock
 * field, and the PIN's submission to the screen the bench waits for (the PBKDF2 derivation,
 * the unwrap and the first sealed reads).
 */
import type { Page } from 'playwright-core';
import { TEST_PIN } from '../tests/support/test-pin';

/** Init script: when the unlock field first shows, and when its form is submitted. */
export const UNLOCK_PROBE = `
(() => {
  window.__unlockShownAt = null;
  window.__pinSubmittedAt = null;
  const seen = () => {
    if (window.__unlockShownAt === null && document.getElementById('unlock-secret')) window.__unlockShownAt = performance.now();
  };
  document.addEventListener('DOMContentLoaded', () => new MutationObserver(seen).observe(document.body, { childList: true, subtree: true }));
  document.addEventListener('submit', () => { if (window.__pinSubmittedAt === null) window.__pinSubmittedAt = performance.now(); }, true);
})();
`;

export interface UnlockTimes {
  /** From navigation start to the unlock field on screen. */
  unlockShownAt: number;
  /** performance.now() when the PIN was submitted. */
  pinSubmittedAt: number;
}

/** Waits for the unlock screen, types TEST_PIN and submits; the page must carry UNLOCK_PROBE. */
export async function typePinOnUnlockScreen(page: Page): Promise<UnlockTimes> {
  const field = page.locator('#unlock-secret');
  await field.waitFor({ timeout: 30_000 });
  await field.fill(TEST_PIN);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await field.waitFor({ state: 'detached', timeout: 30_000 });
  const times = await page.evaluate(() => {
    const w = window as never as { __unlockShownAt: number | null; __pinSubmittedAt: number | null };
    return { unlockShownAt: w.__unlockShownAt, pinSubmittedAt: w.__pinSubmittedAt };
  });
  if (times.unlockShownAt === null || times.pinSubmittedAt === null)
    throw new Error('the unlock probe saw no unlock screen or no submission');
  return { unlockShownAt: times.unlockShownAt, pinSubmittedAt: times.pinSubmittedAt };
}

/**
 * Seed-page code (bundled by installSeedPage, appended to a seed script; its names are its own so
 * it adds to any script): `window.deriveLocalKey()` times the local profile's vault unlock alone
 * (PBKDF2 with the iterations its entry was wrapped with, then the unwrap), the call the unlock
 * screen makes.
 */
export const DERIVE_KEY_SCRIPT = `
import { KeyVault as BenchKeyVault } from './src/db/crypto/key-vault';
import { LOCAL_USER as BENCH_LOCAL_USER } from './src/state/lock/lock-model';
import { TEST_PIN as BENCH_PIN } from './tests/support/test-pin';

window.deriveLocalKey = async () => {
  const vault = new BenchKeyVault();
  const t0 = performance.now();
  const opened = await vault.unlock(BENCH_LOCAL_USER.id, BENCH_PIN);
  const ms = performance.now() - t0;
  if (opened.kind !== 'unlocked') throw new Error('the local profile did not open: ' + opened.kind);
  return ms;
};
`;

/** Runs the seed page's `deriveLocalKey` (page bundled with DERIVE_KEY_SCRIPT). */
export async function timeKeyDerivation(seedPage: Page): Promise<number> {
  return seedPage.evaluate(() => (window as never as { deriveLocalKey(): Promise<number> }).deriveLocalKey());
}
