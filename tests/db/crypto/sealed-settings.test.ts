/** ENC9: form drafts are sealed under the data key; their keys are form ids, never typed text. */
import { describe, expect, it } from 'vitest';
import { DataKeyring, DeviceLockedError, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { SealedDataError } from '../../../src/db/crypto/row-cipher';
import { sealedSettingsStore } from '../../../src/db/crypto/sealed-settings';
import { createSettingsStore } from '../../../src/db/settings-store';
import { createDraftRegistry } from '../../../src/state/drafts';
import { uniqueDbName } from '../helpers';
import { needles, rawStores, textsOf } from './raw-store';

const TYPED = { firstName: 'Zoé', lastName: 'Martin', label: 'Loyer résidence Bellevue' };

function setup() {
  const name = uniqueDbName('relais-settings');
  const plain = createSettingsStore(name);
  const keyring = new DataKeyring(randomDataKey());
  const drafts = createDraftRegistry(sealedSettingsStore(plain, keyring));
  return { name, plain, keyring, drafts };
}

describe('sealed drafts', () => {
  it('[ENC9] a draft is stored sealed and loads as typed', async () => {
    const { name, drafts } = setup();
    await drafts.save('member:new:h-1', TYPED);
    expect(await drafts.load('member:new:h-1')).toEqual(TYPED);
    const text = textsOf([...(await rawStores(name)).values()]).join('\n');
    for (const secret of Object.values(TYPED)) {
      for (const needle of needles(secret)) expect(text).not.toContain(needle);
    }
  });

  it('[ENC9] while locked a draft cannot be read or written; a draft typed before the lock survives it', async () => {
    const { keyring, drafts } = setup();
    const key = new Uint8Array(keyring.key());
    await drafts.save('note:new:h-1', 'Entretien chez Mme Martin');
    await drafts.flushAll();
    keyring.clear();
    await expect(drafts.load('note:new:h-1')).rejects.toBeInstanceOf(DeviceLockedError);
    await expect(drafts.save('note:new:h-1', 'x')).rejects.toBeInstanceOf(DeviceLockedError);
    expect(await drafts.count()).toBe(1);
    keyring.set(key);
    expect(await drafts.load('note:new:h-1')).toBe('Entretien chez Mme Martin');
  });

  it('[ENC9] a draft written in clear by an older app still loads; moving drafts re-seals them', async () => {
    const { plain, keyring, drafts } = setup();
    await plain.set('draft:note:new:h-1', 'typed before the update');
    expect(await drafts.load('note:new:h-1')).toBe('typed before the update');
    await drafts.save('note:new:h-old', 'merged');
    expect(await drafts.moveDraftsOf(new Map([['h-old', 'h-new']]))).toBe(1);
    expect(await drafts.load('note:new:h-new')).toBe('merged');
    // A sealed value copied under another key is refused: it is bound to its key.
    await plain.set('draft:note:new:h-2', await plain.get('draft:note:new:h-new'));
    await expect(sealedSettingsStore(plain, keyring).get('draft:note:new:h-2')).rejects.toBeInstanceOf(
      SealedDataError,
    );
  });
});
