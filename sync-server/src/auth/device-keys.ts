/**
 * The server's wrap of a device's data key (WIPE1, docs/remote-wipe.md): AES-256-GCM under the
 * server's own `device_key_wrap` secret (server_secrets, made once at first use), a fresh 12-byte
 * IV per wrap, the (user, device) pair as additional data so a wrapped key moved to another row
 * fails to open. Stored as base64 of iv | ciphertext | tag.
 *
 * What it protects against: a copy of the database alone (a backup, a dump) does not give the
 * keys, as long as the secret table is not in it too. It does not protect against someone who
 * holds the whole database: the escrow exists so the server can give the key back (ADR 0024).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { StoreTx } from '../stores/store-tx';

const SECRET_NAME = 'device_key_wrap';
const IV_BYTES = 12;
const TAG_BYTES = 16;

async function wrapSecret(tx: StoreTx): Promise<Buffer> {
  const hex = await tx.serverSecret(SECRET_NAME, () => randomBytes(32).toString('hex'));
  return Buffer.from(hex, 'hex');
}

const aadOf = (userId: string, deviceId: string): Buffer => Buffer.from(`${userId}\n${deviceId}`, 'utf8');

export async function wrapDeviceKey(
  tx: StoreTx,
  userId: string,
  deviceId: string,
  key: Uint8Array,
): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await wrapSecret(tx), iv);
  cipher.setAAD(aadOf(userId, deviceId));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** @throws when the wrap was not made for this (user, device) under this server's secret */
export async function unwrapDeviceKey(
  tx: StoreTx,
  userId: string,
  deviceId: string,
  wrapped: string,
): Promise<Buffer> {
  const bytes = Buffer.from(wrapped, 'base64');
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', await wrapSecret(tx), iv);
  decipher.setAAD(aadOf(userId, deviceId));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]);
}
