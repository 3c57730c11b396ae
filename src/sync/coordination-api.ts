/**
 * The coordinator's console over the sync server (issue 14, docs/merges.md): the queue of
 * duplicate candidates (DUP1, DUP2), the merge preview (MERGE4), the merge and unmerge commands
 * (MERGE1–MERGE6) and their audit log (MERGE7). It speaks through the sync service's fetch,
 * server origin and saved session (the same authorized transport as the Administration screen),
 * and checks every answer with the schemas the server validates with
 * (src/domain/sync/coordination-protocol.ts).
 *
 * Online only: nothing is queued. A request that does not reach the server, or whose answer is
 * lost on the way back, fails with `offline`: for a merge the outcome is then unknown, and the
 * caller retries with the same mergeId (MERGE2).
 */
import { z } from 'zod';
import {
  type DuplicateCandidate,
  DuplicateListSchema,
  type MergeCommand,
  MergeCommandSchema,
  type MergeLogEntry,
  MergeLogSchema,
  type MergePreview,
  MergePreviewSchema,
  type MergeRefusal,
  MergeRefusalSchema,
  type MergeResult,
  MergeResultSchema,
  NotDuplicateRequestSchema,
  type UnmergeResult,
  UnmergeResultSchema,
} from '../domain/sync/coordination-protocol';
import { AuthorizedFetchError, type AuthorizedTransport, authorizedFetch } from './authorized-fetch';

export type CoordinationErrorKind =
  /** The request did not reach the server, or its answer was lost (outcome unknown). */
  | 'offline'
  /** Nobody is signed in on this device. */
  | 'not-logged-in'
  /** The session expired or was revoked. */
  | 'unauthorized'
  /** The signed-in person is not a coordinator or an admin. */
  | 'forbidden'
  /** A household or merge the request names does not exist (any more). */
  | 'not-found'
  /** The server refused the request as malformed (400): e.g. a child duplicate without a choice. */
  | 'invalid'
  /** A merge or unmerge refused (409): `refusal` says why (already merged, LIFO…). */
  | 'refused'
  /** The server failed or answered something this app does not understand. */
  | 'server';

export class CoordinationError extends Error {
  constructor(
    readonly kind: CoordinationErrorKind,
    message: string,
    readonly status?: number,
    /** The server's reason for a 409 (MergeRefusalSchema). */
    readonly refusal?: MergeRefusal,
  ) {
    super(message);
    this.name = 'CoordinationError';
  }
}

export type CandidateStatus = DuplicateCandidate['status'];

export interface DuplicateQuery {
  status?: CandidateStatus;
  /** Pairs with at least one household of this welcome point. */
  welcomePointId?: string;
  limit?: number;
}

export interface CoordinationApi {
  listDuplicates(query?: DuplicateQuery): Promise<DuplicateCandidate[]>;
  /** DUP2: the pair is not proposed again until one of the two changes. */
  markNotDuplicate(householdA: string, householdB: string, reason?: string): Promise<void>;
  mergePreview(survivorId: string, mergedId: string): Promise<MergePreview>;
  /** MERGE1/MERGE2: the same command (same mergeId) twice gives the same result. */
  merge(command: MergeCommand): Promise<MergeResult>;
  /** MERGE6: refused (`refused`, reason `merge-superseded`) while a later merge is active. */
  undoMerge(mergeId: string, reason: string): Promise<UnmergeResult>;
  /** MERGE7: newest first; only the merges involving `householdId` when given. */
  listMerges(query?: { householdId?: string; limit?: number }): Promise<MergeLogEntry[]>;
}

function queryString(entries: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

interface ErrorBody {
  error?: string;
  message?: string;
}

async function refusal(response: Response): Promise<CoordinationError> {
  const status = response.status;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // No JSON body (a proxy's page): the status alone decides.
  }
  const { error, message: text } = (body ?? {}) as ErrorBody;
  const message = text ?? error ?? `HTTP ${status}`;
  if (status === 401) return new CoordinationError('unauthorized', message, status);
  if (status === 403) return new CoordinationError('forbidden', message, status);
  if (status === 404) return new CoordinationError('not-found', message, status);
  if (status === 409) {
    const parsed = MergeRefusalSchema.safeParse(body);
    return parsed.success
      ? new CoordinationError('refused', message, status, parsed.data)
      : new CoordinationError('server', message, status);
  }
  if (status === 400) return new CoordinationError('invalid', message, status);
  return new CoordinationError('server', message, status);
}

/** The "not a duplicate" answer's body is not part of the contract: the 2xx status is the answer. */
const ANY_BODY = z.unknown();

/** The coordinator API over one authorized transport (SyncService.adminTransport in the app). */
export function createCoordinationApi(transport: AuthorizedTransport): CoordinationApi {
  async function request<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: z.ZodType<T>) {
    let response: Response;
    try {
      response = await authorizedFetch(transport, method, `/api/coordination${path}`, body);
    } catch (error) {
      if (error instanceof AuthorizedFetchError) throw new CoordinationError(error.kind, error.message);
      throw error;
    }
    if (!response.ok) throw await refusal(response);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      // An empty 2xx body is fine for commands that answer nothing (schema decides).
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new CoordinationError('server', 'The server answered an unexpected shape', response.status);
    }
    return parsed.data;
  }

  return {
    async listDuplicates(query = {}) {
      const path = `/duplicates${queryString({
        status: query.status ?? 'open',
        welcomePointId: query.welcomePointId,
        limit: query.limit,
      })}`;
      return (await request('GET', path, undefined, DuplicateListSchema)).candidates;
    },
    async markNotDuplicate(householdA, householdB, reason) {
      const body = NotDuplicateRequestSchema.parse({
        householdA,
        householdB,
        ...(reason === undefined || reason.trim() === '' ? {} : { reason: reason.trim() }),
      });
      await request('POST', '/duplicates/not-duplicate', body, ANY_BODY);
    },
    mergePreview(survivorId, mergedId) {
      return request(
        'GET',
        `/merge-preview${queryString({ survivorId, mergedId })}`,
        undefined,
        MergePreviewSchema,
      );
    },
    merge(command) {
      return request('POST', '/merges', MergeCommandSchema.parse(command), MergeResultSchema);
    },
    undoMerge(mergeId, reason) {
      return request(
        'POST',
        `/merges/${encodeURIComponent(mergeId)}/undo`,
        { reason: reason.trim() },
        UnmergeResultSchema,
      );
    },
    async listMerges(query = {}) {
      const path = `/merges${queryString({ householdId: query.householdId, limit: query.limit })}`;
      return (await request('GET', path, undefined, MergeLogSchema)).merges;
    },
  };
}
