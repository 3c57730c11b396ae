/**
 * Transfer without network, as files: the export document as a JSON text and its file name, and
 * the reading of an imported file into either a report or a plain reason why nothing was imported.
 */
import type { ImportReport } from '../../db/repository';
import { TransferValidationError } from '../../db/repository-errors';
import type { MessageKey } from '../../i18n/messages-fr';
import { describeWriteError, type WorkspaceModel } from '../workspace/workspace-model';

/** e.g. relais-2026-11-27.json */
export function exportFileName(today: string): string {
  return `relais-${today}.json`;
}

/** The export of some dossiers (or all) as the JSON text of the file. */
export async function exportText(
  workspace: Pick<WorkspaceModel, 'exportDossiers'>,
  ids: readonly string[] | 'all',
): Promise<{ text: string; count: number }> {
  const document = await workspace.exportDossiers(ids);
  return { text: JSON.stringify(document, null, 2), count: document.households.length };
}

export type ImportOutcome =
  | { kind: 'imported'; report: ImportReport }
  | { kind: 'failed'; reason: MessageKey };

/** Imports a file's text; nothing is imported when it is not a valid Relais file. */
export async function importText(
  workspace: Pick<WorkspaceModel, 'importDossiers'>,
  text: string,
): Promise<ImportOutcome> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { kind: 'failed', reason: 'transfer.error.notJson' };
  }
  try {
    return { kind: 'imported', report: await workspace.importDossiers(document) };
  } catch (cause) {
    if (cause instanceof TransferValidationError) return { kind: 'failed', reason: 'transfer.error.invalid' };
    return { kind: 'failed', reason: describeWriteError(cause) as MessageKey };
  }
}
