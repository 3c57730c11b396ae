import { describe, expect, it } from 'vitest';
import { randomDataKey } from '../../../src/db/crypto/data-keyring';
import {
  NONCE_BYTES,
  openBytes,
  openJson,
  SealedDataError,
  sealBytes,
  sealJson,
  TAG_BYTES,
} from '../../../src/db/crypto/row-cipher';

function webKey(key: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

describe('the row cipher', () => {
  it('[ENC3] WebCrypto AES-GCM opens what the row cipher sealed, context as additional data', async () => {
    const key = randomDataKey();
    const context = 'relais:households:"h-1"';
    const sealed = sealJson(key, { name: 'Zoé Martin', cents: 12_345 }, context);
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: new Uint8Array(sealed.subarray(0, NONCE_BYTES)),
        additionalData: new TextEncoder().encode(context),
      },
      await webKey(key),
      new Uint8Array(sealed.subarray(NONCE_BYTES)),
    );
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual({ name: 'Zoé Martin', cents: 12_345 });
  });

  it('[ENC3] the row cipher opens what WebCrypto AES-GCM sealed', async () => {
    const key = randomDataKey();
    const iv = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const body = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        await webKey(key),
        new TextEncoder().encode('"Loyer"'),
      ),
    );
    const sealed = new Uint8Array([...iv, ...body]);
    expect(openJson(key, sealed)).toBe('Loyer');
  });

  it('[ENC3] output is nonce ‖ ciphertext ‖ tag with a fresh nonce each time', () => {
    const key = randomDataKey();
    const plain = new TextEncoder().encode('abc');
    const a = sealBytes(key, plain);
    const b = sealBytes(key, plain);
    expect(a.length).toBe(NONCE_BYTES + plain.length + TAG_BYTES);
    expect(a.subarray(0, NONCE_BYTES)).not.toEqual(b.subarray(0, NONCE_BYTES));
    expect(openBytes(key, a)).toEqual(plain);
  });

  it('[ENC3] altered bytes, a cut tag, another key or another context are refused', () => {
    const key = randomDataKey();
    const sealed = sealJson(key, { a: 1 }, 'ctx');
    for (let i = 0; i < sealed.length; i += 7) {
      const altered = new Uint8Array(sealed);
      altered[i] = (altered[i] ?? 0) ^ 0x80;
      expect(() => openJson(key, altered, 'ctx')).toThrow(SealedDataError);
    }
    expect(() => openJson(key, sealed.subarray(0, sealed.length - 1), 'ctx')).toThrow(SealedDataError);
    expect(() => openJson(randomDataKey(), sealed, 'ctx')).toThrow(SealedDataError);
    expect(() => openJson(key, sealed, 'other')).toThrow(SealedDataError);
    expect(() => openJson(key, new Uint8Array(3), 'ctx')).toThrow(SealedDataError);
  });

  it('[ENC4] bytes come back as bytes; objects JSON would change are refused', () => {
    const key = randomDataKey();
    const value = { bytes: new Uint8Array([0, 1, 255]), list: [null, true, 'é'], nested: { n: -1.5 } };
    expect(openJson(key, sealJson(key, value))).toEqual(value);
    expect(() => sealJson(key, { when: new Date() })).toThrow(TypeError);
    expect(() => sealJson(key, new Date())).toThrow(TypeError);
    expect(() => sealJson(key, { blob: new Blob(['x']) })).toThrow(TypeError);
    expect(() => sealJson(key, { buffer: new ArrayBuffer(2) })).toThrow(TypeError);
  });
});
