/**
 * For the seed pages (bundled into the built app's origin by writeSeedPage): the data key the
 * seeded rows are sealed under, held by the local profile's vault entry under TEST_PIN, through
 * the app's real key vault (LOCK13). The app then starts locked, and the test unlocks it with
 * TEST_PIN as a person would (keepUnlocked), so the seeded rows open.
 */
import { DataKeyring, randomDataKey } from '../../src/db/crypto/data-keyring';
import { KeyVault } from '../../src/db/crypto/key-vault';
import { LOCAL_USER } from '../../src/state/lock/lock-model';

/** The local profile's key: unlocked with `pin` when the device has one, else made and wrapped. */
export async function localProfileKeyring(pin: string): Promise<DataKeyring> {
  const vault = new KeyVault();
  const opened = await vault.unlock(LOCAL_USER.id, pin);
  if (opened.kind === 'unlocked') return new DataKeyring(opened.key);
  if (opened.kind !== 'no-entry') throw new Error(`The local profile did not open: ${opened.kind}`);
  const key = randomDataKey();
  await vault.setup(LOCAL_USER, 'pin', pin, key);
  return new DataKeyring(key);
}
