/**
 * A transfer file sealed under a passphrase (ENC10): still a small JSON text, so that it is
 * recognised as a Relais file, holding the passphrase-sealed transfer document in base64.
 * Files written before sealing (the transfer document itself, in clear) still import.
 */
import { openWithPassphrase, sealWithPassphrase } from './passphrase-seal';

export const SEALED_TRANSFER_FORMAT = 'relais-transfer-sealed';

interface SealedTransferFile {
  format: typeof SEALED_TRANSFER_FORMAT;
  version: 1;
  sealed: string;
}

const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether a parsed file is a sealed transfer file (else: an older clear file, or not ours). */
export function isSealedTransferFile(document: unknown): document is SealedTransferFile {
  return (
    typeof document === 'object' &&
    document !== null &&
    (document as SealedTransferFile).format === SEALED_TRANSFER_FORMAT &&
    typeof (document as SealedTransferFile).sealed === 'string'
  );
}

/** The file's text: the transfer document's JSON sealed under the passphrase. */
export async function sealTransferText(passphrase: string, documentJson: string): Promise<string> {
  const sealed = await sealWithPassphrase(passphrase, new TextEncoder().encode(documentJson));
  const file: SealedTransferFile = { format: SEALED_TRANSFER_FORMAT, version: 1, sealed: toBase64(sealed) };
  return JSON.stringify(file);
}

/** The transfer document's JSON; WrongPassphraseError when the passphrase does not open it. */
export async function openTransferFile(passphrase: string, file: SealedTransferFile): Promise<string> {
  const plain = await openWithPassphrase(passphrase, fromBase64(file.sealed));
  return new TextDecoder().decode(plain);
}
