/**
 * Storage failures as one typed error the UI can translate. IndexedDB and Dexie report them
 * under many names, sometimes wrapped (an AbortError whose `inner` is the QuotaExceededError,
 * dexie#776/#840; an OpenFailedError around the real cause). A write that fails rejects with a
 * StorageError: it never resolves, so the UI never shows "saved" for it (invariant I1).
 */

/**
 * - quota: the device is out of storage space for this site;
 * - closed: the connection to the database was lost (WebKit drops it; another tab upgraded it);
 * - blocked: another tab holds an older version open, or the upgrade could not proceed;
 * - upgrade: an upgrade function failed; the version change was rolled back, data intact (scenario 32);
 * - outdated: the database was written by a newer app version (this app must not write to it);
 * - unknown: anything else the browser reported.
 */
export type StorageErrorCode = 'quota' | 'closed' | 'blocked' | 'upgrade' | 'outdated' | 'unknown';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The connection may come back: reopening and retrying the transaction once is safe. */
  get isRetryable(): boolean {
    return this.code === 'closed';
  }
}

const CODES_BY_NAME: Readonly<Record<string, StorageErrorCode>> = {
  QuotaExceededError: 'quota',
  DatabaseClosedError: 'closed',
  InvalidStateError: 'closed',
  // WebKit reports a lost connection as UnknownError (sync-design §9.10): treat as closed.
  UnknownError: 'closed',
  BlockedError: 'blocked',
  VersionChangeError: 'blocked',
  UpgradeError: 'blocked',
  VersionError: 'outdated',
  AbortError: 'unknown',
  OpenFailedError: 'unknown',
  MissingAPIError: 'unknown',
  TransactionInactiveError: 'unknown',
  ReadOnlyError: 'unknown',
  DataError: 'unknown',
  ConstraintError: 'unknown',
  DataCloneError: 'unknown',
  TimeoutError: 'unknown',
};

interface NamedError {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
}

function namesOf(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [];
  const e = error as NamedError;
  const names = typeof e.name === 'string' ? [e.name] : [];
  return [...names, ...namesOf(e.inner, depth + 1), ...namesOf(e.cause, depth + 1)];
}

/**
 * The StorageError for a failure, or undefined when it is not a storage failure (a validation
 * error, a bug): those propagate unchanged.
 * @example toStorageError(new DOMException('full', 'QuotaExceededError'))?.code // 'quota'
 */
export function toStorageError(error: unknown): StorageError | undefined {
  if (error instanceof StorageError) return error;
  const names = namesOf(error);
  // The most specific cause wins: a quota error anywhere in the chain is a quota error.
  const priority: StorageErrorCode[] = ['quota', 'outdated', 'blocked', 'closed', 'unknown'];
  const codes = new Set(names.map((n) => CODES_BY_NAME[n]).filter((c) => c !== undefined));
  const code = priority.find((c) => codes.has(c));
  if (code === undefined) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new StorageError(code, message, { cause: error });
}

/** The error to rethrow for a failure: its StorageError, or the error itself. */
export function mapStorageError(error: unknown): unknown {
  return toStorageError(error) ?? error;
}
