import { describe, expect, it } from 'vitest';
import {
  NotPassphraseSealedError,
  openWithPassphrase,
  PassphraseTooShortError,
  PBKDF2_ITERATIONS,
  sealWithPassphrase,
  WrongPassphraseError,
} from '../../../src/db/crypto/passphrase-seal';

const bytes = new TextEncoder().encode('{"households":[{"name":"Zoé Martin"}]}');

describe('passphrase sealing of transfer files', () => {
  it('[ENC10] the right passphrase opens; a wrong one or altered bytes are refused as a wrong passphrase', async () => {
    const sealed = await sealWithPassphrase('cheval-agrafe-42', bytes);
    expect(new TextDecoder('latin1').decode(sealed)).not.toContain('Martin');
    expect(await openWithPassphrase('cheval-agrafe-42', sealed)).toEqual(bytes);
    await expect(openWithPassphrase('cheval-agrafe-43', sealed)).rejects.toBeInstanceOf(WrongPassphraseError);
    const altered = new Uint8Array(sealed);
    altered[altered.length - 5] = (altered[altered.length - 5] ?? 0) ^ 1;
    await expect(openWithPassphrase('cheval-agrafe-42', altered)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('[ENC10] PBKDF2-SHA-256 with at least 600,000 iterations, written in the authenticated header', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const sealed = await sealWithPassphrase('cheval-agrafe-42', bytes);
    const view = new DataView(sealed.buffer, sealed.byteOffset);
    expect(view.getUint32(5)).toBe(PBKDF2_ITERATIONS);
    // A header asking for fewer iterations is refused before any derivation.
    const weaker = new Uint8Array(sealed);
    new DataView(weaker.buffer).setUint32(5, 1000);
    await expect(openWithPassphrase('cheval-agrafe-42', weaker)).rejects.toBeInstanceOf(
      NotPassphraseSealedError,
    );
    // More iterations than written: the header is authenticated, so the file does not open.
    const stronger = new Uint8Array(sealed);
    new DataView(stronger.buffer).setUint32(5, PBKDF2_ITERATIONS + 1);
    await expect(openWithPassphrase('cheval-agrafe-42', stronger)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('[ENC10] a passphrase has at least 8 characters; clear bytes are not taken for a sealed file', async () => {
    await expect(sealWithPassphrase('1234567', bytes)).rejects.toBeInstanceOf(PassphraseTooShortError);
    await expect(openWithPassphrase('cheval-agrafe-42', bytes)).rejects.toBeInstanceOf(
      NotPassphraseSealedError,
    );
  });
});
