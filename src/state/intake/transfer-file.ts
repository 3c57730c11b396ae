/**
 * Transfer without network, as files: the export document sealed under a passphrase the sender
 * chooses (ENC10) and its file name, and the reading of an imported file (sealed, or in clear as
 * older versions wrote it) into either a report or a plain reason why nothing was imported.
 */
import {
  NotPassphraseSealedError,
  PASSPHRASE_MIN_LENGTH,
  WrongPassphraseError,
} from '../../db/crypto/passphrase-seal';
import { isSealedTransferFile, openTransferFile, sealTransferText } from '../../db/crypto/sealed-transfer';
import type { ImportReport } from '../../db/repository';
import { TransferValidationError } from '../../db/repository-errors';
import type { MessageKey } from '../../i18n/messages-fr';
import { describeWriteError, type WorkspaceModel } from '../workspace/workspace-model';

export type { ImportReport };
export { PASSPHRASE_MIN_LENGTH };

/** e.g. relais-2026-11-27.json */
export function exportFileName(today: string): string {
  return `relais-${today}.json`;
}

/** Whether a passphrase may seal a file (ENC10: at least 8 characters). */
export function passphraseLongEnough(passphrase: string): boolean {
  return [...passphrase].length >= PASSPHRASE_MIN_LENGTH;
}

/** The export of some dossiers (or all) as the text of the file, sealed under `passphrase`. */
export async function exportText(
  workspace: Pick<WorkspaceModel, 'exportDossiers'>,
  ids: readonly string[] | 'all',
  passphrase: string,
): Promise<{ text: string; count: number }> {
  const document = await workspace.exportDossiers(ids);
  const text = await sealTransferText(passphrase, JSON.stringify(document));
  return { text, count: document.households.length };
}

export type ImportOutcome =
  | { kind: 'imported'; report: ImportReport }
  /** A sealed file: ask for its passphrase (again, after a wrong one). */
  | { kind: 'needsPassphrase'; wrong: boolean }
  | { kind: 'failed'; reason: MessageKey };

/**
 * Imports a file's text; nothing is imported when it is not a valid Relais file. A sealed file
 * needs `passphrase`: without it, or with a wrong one, the outcome asks for it.
 */
export async function importText(
  workspace: Pick<WorkspaceModel, 'importDossiers'>,
  text: string,
  passphrase?: string,
): Promise<ImportOutcome> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { kind: 'failed', reason: 'transfer.error.notJson' };
  }
  if (isSealedTransferFile(document)) {
    if (passphrase === undefined || passphrase === '') return { kind: 'needsPassphrase', wrong: false };
    try {
      document = JSON.parse(await openTransferFile(passphrase, document));
    } catch (cause) {
      if (cause instanceof WrongPassphraseError) return { kind: 'needsPassphrase', wrong: true };
      if (
        cause instanceof NotPassphraseSealedError ||
        cause instanceof SyntaxError ||
        cause instanceof DOMException
      )
        return { kind: 'failed', reason: 'transfer.error.invalid' };
      throw cause;
    }
  }
  try {
    return { kind: 'imported', report: await workspace.importDossiers(document) };
  } catch (cause) {
    if (cause instanceof TransferValidationError) return { kind: 'failed', reason: 'transfer.error.invalid' };
    return { kind: 'failed', reason: describeWriteError(cause) as MessageKey };
  }
}
