/**
 * The household's rights over the sync server (docs/household-rights.md): the export (RIGHT1,
 * RIGHT2) and the erasure (RIGHT3–RIGHT7) for coordinators and admins, the retention period and
 * the anonymisation runs for admins (RIGHT12). Online only, through the sync service's
 * authorized transport; every JSON answer is checked with the schemas the server validates with.
 */
import type { z } from 'zod';
import {
  type AnonymisationRun,
  AnonymisationRunsSchema,
  type ErasureRefusal,
  ErasureRefusalSchema,
  type ErasureRequest,
  type ErasureResult,
  ErasureResultSchema,
  type RetentionView,
  RetentionViewSchema,
} from '../domain/rights/rights-protocol';
import { AuthorizedFetchError, type AuthorizedTransport, authorizedFetch } from './authorized-fetch';
import { type DownloadedFile, fileNameOf, NetworkError, refusal } from './network-api';

/** An erasure the server refused (409, RIGHT7), with its reason. */
export class ErasureRefusedError extends Error {
  constructor(readonly reason: ErasureRefusal['reason']) {
    super(`erasure refused: ${reason}`);
    this.name = 'ErasureRefusedError';
  }
}

export interface RightsApi {
  exportHousehold(householdId: string): Promise<DownloadedFile>;
  eraseHousehold(householdId: string, request: ErasureRequest): Promise<ErasureResult>;
  retention(): Promise<RetentionView>;
  saveRetention(years: number): Promise<RetentionView>;
  anonymisationRuns(): Promise<AnonymisationRun[]>;
}

export function createRightsApi(transport: AuthorizedTransport): RightsApi {
  async function send(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<Response> {
    try {
      return await authorizedFetch(transport, method, path, body);
    } catch (error) {
      if (error instanceof AuthorizedFetchError) throw new NetworkError(error.kind, error.message);
      throw error;
    }
  }

  async function parse<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
    let parsed: ReturnType<typeof schema.safeParse>;
    try {
      parsed = schema.safeParse(await response.json());
    } catch {
      throw new NetworkError('server', 'The server answered something that is not JSON', response.status);
    }
    if (!parsed.success)
      throw new NetworkError('server', 'The server answered an unexpected shape', response.status);
    return parsed.data;
  }

  async function json<T>(method: 'GET' | 'PUT', path: string, schema: z.ZodType<T>, body?: unknown) {
    const response = await send(method, path, body);
    if (!response.ok) throw await refusal(response);
    return parse(response, schema);
  }

  const path = (householdId: string, action: string) =>
    `/api/households/${encodeURIComponent(householdId)}/${action}`;

  return {
    async exportHousehold(householdId) {
      const response = await send('GET', path(householdId, 'export'));
      if (!response.ok) throw await refusal(response);
      try {
        return {
          blob: await response.blob(),
          fileName: fileNameOf(response, `dossier-${householdId.slice(0, 8)}.json`),
        };
      } catch {
        throw new NetworkError('offline', 'The file did not arrive whole', response.status);
      }
    },
    async eraseHousehold(householdId, request) {
      const response = await send('POST', path(householdId, 'erasure'), request);
      if (response.status === 409)
        throw new ErasureRefusedError((await parse(response, ErasureRefusalSchema)).reason);
      if (!response.ok) throw await refusal(response);
      return parse(response, ErasureResultSchema);
    },
    retention() {
      return json('GET', '/api/admin/retention', RetentionViewSchema);
    },
    saveRetention(years) {
      return json('PUT', '/api/admin/retention', RetentionViewSchema, { years });
    },
    async anonymisationRuns() {
      return (await json('GET', '/api/admin/anonymisation-runs?limit=10', AnonymisationRunsSchema)).runs;
    },
  };
}
