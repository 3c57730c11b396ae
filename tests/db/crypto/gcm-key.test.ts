import { gcm } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { DataKeyring, DeviceLockedError, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { GCM_NONCE_BYTES, GcmKey, GcmTagError } from '../../../src/db/crypto/gcm-key';
import { openJson, sealJson } from '../../../src/db/crypto/row-cipher';

function webKey(key: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function bytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Message and additional-data lengths around the 16-byte block and 4-byte word boundaries. */
const LENGTHS = [0, 1, 3, 4, 15, 16, 17, 31, 32, 33, 64, 333, 1000];
const AAD_LENGTHS = [undefined, 0, 1, 16, 17, 45];

describe('the AES-GCM key expanded once (ADR 0027)', () => {
  it('[ENC3] seals byte for byte what @noble/ciphers gcm() seals with the same nonce', () => {
    const key = randomDataKey();
    const expanded = new GcmKey(key);
    for (const length of LENGTHS) {
      for (const aadLength of AAD_LENGTHS) {
        const plain = bytes(length);
        const aad = aadLength === undefined ? undefined : bytes(aadLength);
        const sealed = expanded.seal(plain, aad);
        const nonce = sealed.subarray(0, GCM_NONCE_BYTES);
        expect(sealed.subarray(GCM_NONCE_BYTES)).toEqual(gcm(key, nonce, aad).encrypt(plain));
        expect(expanded.open(sealed, aad)).toEqual(plain);
      }
    }
  });

  it('[ENC3] WebCrypto opens what it sealed, and it opens what WebCrypto sealed (unaligned input too)', async () => {
    const key = randomDataKey();
    const expanded = new GcmKey(key);
    const web = await webKey(key);
    for (const length of LENGTHS) {
      const plain = bytes(length);
      const aad = bytes(length % 23);
      const sealed = expanded.seal(plain, aad);
      const opened = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: new Uint8Array(sealed.subarray(0, GCM_NONCE_BYTES)), additionalData: aad },
        web,
        new Uint8Array(sealed.subarray(GCM_NONCE_BYTES)),
      );
      expect(new Uint8Array(opened)).toEqual(plain);

      const iv = bytes(GCM_NONCE_BYTES);
      const body = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, web, plain),
      );
      // One byte in front: the sealed bytes start at an odd offset of their buffer.
      const shifted = new Uint8Array(1 + GCM_NONCE_BYTES + body.length);
      shifted.set(iv, 1);
      shifted.set(body, 1 + GCM_NONCE_BYTES);
      expect(expanded.open(shifted.subarray(1), aad)).toEqual(plain);
    }
  });

  it('[ENC3] altered bytes, a cut tag, other additional data or another key are refused', () => {
    const key = randomDataKey();
    const expanded = new GcmKey(key);
    const aad = new TextEncoder().encode('relais:debts:"d-1"');
    const sealed = expanded.seal(bytes(50), aad);
    for (let i = 0; i < sealed.length; i += 1) {
      const altered = new Uint8Array(sealed);
      altered[i] = (altered[i] ?? 0) ^ 0x01;
      expect(() => expanded.open(altered, aad)).toThrow(GcmTagError);
    }
    expect(() => expanded.open(sealed.subarray(0, sealed.length - 1), aad)).toThrow(GcmTagError);
    expect(() => expanded.open(sealed, new TextEncoder().encode('relais:debts:"d-2"'))).toThrow(GcmTagError);
    expect(() => expanded.open(sealed)).toThrow(GcmTagError);
    expect(() => new GcmKey(randomDataKey()).open(sealed, aad)).toThrow(GcmTagError);
  });

  it('[ENC3] every seal draws a fresh nonce, past the batch the nonces are drawn in', () => {
    const expanded = new GcmKey(randomDataKey());
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i += 1) {
      const nonce = expanded.seal(new Uint8Array(1)).subarray(0, GCM_NONCE_BYTES);
      expect(nonce.some((b) => b !== 0)).toBe(true);
      seen.add(Array.from(nonce).join(','));
    }
    expect(seen.size).toBe(1_000);
  });

  it('[ENC8] the keyring wipes its expanded key when it forgets or replaces the key', () => {
    const first = randomDataKey();
    const keyring = new DataKeyring(first);
    const expanded = keyring.cipher();
    expect(keyring.cipher()).toBe(expanded);
    const sealed = sealJson(keyring.cipher(), { name: 'Zoé' }, 'ctx');
    expect(openJson(first, sealed, 'ctx')).toEqual({ name: 'Zoé' });

    // Replaced: what is sealed next is under the new key, never the old expanded one.
    const second = randomDataKey();
    keyring.set(second);
    expect(() => expanded.seal(new Uint8Array(1))).toThrow(/wiped/);
    const resealed = sealJson(keyring.cipher(), { name: 'Zoé' }, 'ctx');
    expect(openJson(second, resealed, 'ctx')).toEqual({ name: 'Zoé' });

    const current = keyring.cipher();
    keyring.clear();
    expect(() => current.open(resealed)).toThrow(/wiped/);
    expect(() => keyring.cipher()).toThrow(DeviceLockedError);
  });
});
