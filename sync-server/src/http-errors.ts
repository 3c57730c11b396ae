/**
 * Errors with an HTTP status, turned into `{ error, message }` by the error handler, plus the
 * `extra` fields a client acts on (the wipe order's `code` and `mode`, WIPE4).
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = (message = 'Authentication required'): HttpError => new HttpError(401, message);
export const forbidden = (message: string): HttpError => new HttpError(403, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);
export const conflict = (message: string): HttpError => new HttpError(409, message);

/** Database trouble is the server's: 503, nothing applied, the client retries (PUSH9). */
export function databaseUnavailable(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const wrapped = new HttpError(503, 'The database is unavailable: nothing was applied, retry later');
  (wrapped as Error & { cause?: unknown }).cause = error;
  return wrapped;
}
