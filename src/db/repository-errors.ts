/** Errors of the repository's contract (storage failures are StorageError, storage-errors.ts). */
import type { z } from 'zod';
import type { EntityName } from '../domain/sync/entities';

/** A row to write does not satisfy its schema; nothing was written. */
export class RowValidationError extends Error {
  override readonly name = 'RowValidationError';
  constructor(
    readonly entity: EntityName,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(`invalid ${entity}: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
}

/** The row does not exist (or is deleted, for an edit). */
export class RowNotFoundError extends Error {
  override readonly name = 'RowNotFoundError';
  constructor(
    readonly entity: EntityName,
    readonly id: string,
    readonly reason: 'missing' | 'deleted' = 'missing',
  ) {
    super(`${entity} ${id} is ${reason}`);
  }
}

/** Notes are append-only: an edit is a revision (reviseNote), never an update. */
export class AppendOnlyError extends Error {
  override readonly name = 'AppendOnlyError';
  constructor(readonly entity: EntityName) {
    super(`${entity} rows are append-only: write a revision instead`);
  }
}

/** A transfer file that is not a valid Relais export; nothing was imported. */
export class TransferValidationError extends Error {
  override readonly name = 'TransferValidationError';
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(
      `invalid transfer file: ${issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
}
