/**
 * The network's figures over the sync server (issue 15, docs/reports-and-plans.md): the activity
 * report (RPT7) and its CSV downloads (RPT9, a funder's preset), the anonymised dossier export
 * (RPT10), the coordinators' plan worklist (PLAN7) and the association's plan thresholds (PLAN5,
 * admins). It speaks through the sync service's authorized transport, like the coordinator's
 * console, and checks every JSON answer with the schemas the server validates with.
 *
 * Online only: nothing is queued. A request that does not reach the server fails with `offline`.
 */
import type { z } from 'zod';
import {
  type PlanThresholds,
  PlanThresholdsSchema,
  type PlanWorklistQuery,
  type PlanWorklistResponse,
  PlanWorklistResponseSchema,
} from '../domain/plans/plan-monitoring';
import { type ActivityReport, ActivityReportSchema } from '../domain/reports/activity-report';
import { AuthorizedFetchError, type AuthorizedTransport, authorizedFetch } from './authorized-fetch';

export type NetworkErrorKind =
  /** The request did not reach the server, or its answer was lost. */
  | 'offline'
  /** Nobody is signed in on this device. */
  | 'not-logged-in'
  /** The session expired or was revoked. */
  | 'unauthorized'
  /** The signed-in person may not see this (a coordinator's scope, an admin's setting). */
  | 'forbidden'
  /** The server refused the request (400): `fields` names what it refused, when it says. */
  | 'invalid'
  /** The server failed, or answered something this app does not understand. */
  | 'server';

export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkErrorKind,
    message: string,
    readonly status?: number,
    /** For a 400: the first segment of each issue's path (`to`, `graceDays`…). */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** A period and a set of welcome points (none: every welcome point of the caller's scope). */
export interface ReportScope {
  from: string;
  to: string;
  welcomePoints?: readonly string[];
}

/** A file the server made: its bytes and the name to save it under. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

export interface NetworkApi {
  activityReport(scope: ReportScope): Promise<ActivityReport>;
  /** The report as CSV (RPT9), in its standard columns or a funder's preset (`pcb`). */
  activityCsv(scope: ReportScope, preset?: string): Promise<DownloadedFile>;
  /** RPT10: one row per household followed, anonymised. */
  dossiersCsv(scope: ReportScope): Promise<DownloadedFile>;
  worklist(query: Partial<PlanWorklistQuery>): Promise<PlanWorklistResponse>;
  planThresholds(): Promise<PlanThresholds>;
  savePlanThresholds(thresholds: PlanThresholds): Promise<PlanThresholds>;
}

type Param = string | number | readonly string[] | undefined;

/** Query parameters; a list repeats its name (`welcomePoint=a&welcomePoint=b`), as the server reads. */
export function queryString(entries: Record<string, Param>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(key, String(value));
    else for (const item of value) params.append(key, item);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

interface ErrorBody {
  error?: string;
  message?: string;
  issues?: { path?: string | (string | number)[]; message?: string }[];
}

function issueField(path: string | (string | number)[] | undefined): string | undefined {
  if (Array.isArray(path)) return path.length === 0 ? undefined : String(path[0]);
  return (path ?? '').split(/[/.]/).find((part) => part !== '');
}

/** The NetworkError a refused answer stands for (also the household rights' API). */
export async function refusal(response: Response): Promise<NetworkError> {
  const status = response.status;
  let body: ErrorBody = {};
  try {
    body = ((await response.json()) ?? {}) as ErrorBody;
  } catch {
    // No JSON body (a proxy's page): the status alone decides.
  }
  const message = body.message ?? body.error ?? `HTTP ${status}`;
  if (status === 401) return new NetworkError('unauthorized', message, status);
  if (status === 403) return new NetworkError('forbidden', message, status);
  if (status === 400) {
    const fields = (body.issues ?? [])
      .map((issue) => issueField(issue.path))
      .filter((field): field is string => field !== undefined);
    return new NetworkError('invalid', message, status, fields);
  }
  return new NetworkError('server', message, status);
}

/** The name in `Content-Disposition`, else the one this app gives. */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  if (match?.[1] === undefined) return fallback;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

function scopeQuery(scope: ReportScope): Record<string, Param> {
  return {
    from: scope.from,
    to: scope.to,
    welcomePoint: scope.welcomePoints && scope.welcomePoints.length > 0 ? scope.welcomePoints : undefined,
  };
}

/** The network API over one authorized transport (SyncService.adminTransport in the app). */
export function createNetworkApi(transport: AuthorizedTransport): NetworkApi {
  async function send(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await authorizedFetch(transport, method, path, body);
    } catch (error) {
      if (error instanceof AuthorizedFetchError) throw new NetworkError(error.kind, error.message);
      throw error;
    }
    if (!response.ok) throw await refusal(response);
    return response;
  }

  async function json<T>(method: 'GET' | 'PUT', path: string, schema: z.ZodType<T>, body?: unknown) {
    const response = await send(method, path, body);
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

  async function file(path: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await send('GET', path);
    try {
      return { blob: await response.blob(), fileName: fileNameOf(response, fallbackName) };
    } catch {
      // The connection dropped while the file came.
      throw new NetworkError('offline', 'The file did not arrive whole', response.status);
    }
  }

  return {
    activityReport(scope) {
      return json('GET', `/api/reports/activity${queryString(scopeQuery(scope))}`, ActivityReportSchema);
    },
    activityCsv(scope, preset) {
      const query = queryString({ ...scopeQuery(scope), format: 'csv', preset });
      const name = `rapport-activite${preset ? `-${preset}` : ''}-${scope.from}-${scope.to}.csv`;
      return file(`/api/reports/activity${query}`, name);
    },
    dossiersCsv(scope) {
      return file(
        `/api/reports/dossiers.csv${queryString(scopeQuery(scope))}`,
        `dossiers-anonymises-${scope.from}-${scope.to}.csv`,
      );
    },
    worklist(query) {
      const path = `/api/plans/worklist${queryString({
        status: query.status,
        welcomePoint: query.welcomePoint,
        limit: query.limit,
        after: query.after,
      })}`;
      return json('GET', path, PlanWorklistResponseSchema);
    },
    planThresholds() {
      return json('GET', '/api/admin/plan-thresholds', PlanThresholdsSchema);
    },
    savePlanThresholds(thresholds) {
      return json('PUT', '/api/admin/plan-thresholds', PlanThresholdsSchema, thresholds);
    },
  };
}
