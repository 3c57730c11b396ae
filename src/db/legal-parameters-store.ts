/**
 * The legal parameters the admins maintain (ADR 0018), as this device last received them: kept
 * in the meta table so a diagnosis offline uses the same figures as online. Written by the sync
 * client at each run when the server's version changed; read and followed by the state layer.
 */
import type { LegalParametersDocument } from '../domain/parameters/legal-parameter-entries';
import type { RelaisDb } from './app-db';
import { observeQuery } from './live-query';
import { readMeta, writeMeta } from './sync-apply/meta';

const KEY = 'legalParameters';

/** The stored document, or undefined when none was received (or it no longer parses). */
export async function readLegalParameters(db: RelaisDb): Promise<LegalParametersDocument | undefined> {
  const stored = await readMeta<LegalParametersDocument>(db, KEY);
  if (stored === undefined) return undefined;
  // The schemas are imported here, not with the module: the sync client and the app's state
  // import this store on the dossier list's first load, which has no use for them.
  const { LegalParameterEntrySchema } = await import('../domain/parameters/legal-parameter-entries');
  // Written by an older or newer app: an entry this app cannot read is left out, not guessed.
  const entries = stored.entries.flatMap((e) => {
    const parsed = LegalParameterEntrySchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  // A left-out entry makes the version unknown, so the next run downloads the entries again.
  return { version: entries.length === stored.entries.length ? stored.version : -1, entries };
}

export async function writeLegalParameters(db: RelaisDb, document: LegalParametersDocument): Promise<void> {
  await writeMeta(db, KEY, document);
}

/** Calls `listener` with the stored document now and after each change. */
export function observeLegalParameters(
  db: RelaisDb,
  listener: (document: LegalParametersDocument | undefined) => void,
): () => void {
  return observeQuery(
    () => readLegalParameters(db),
    listener,
    () => undefined,
  );
}
