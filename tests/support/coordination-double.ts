/**
 * A stand-in for the coordinator routes of the sync server (src/domain/sync/coordination-protocol.ts)
 * for the console's model tests: every request is checked against the shared request schemas (a
 * request that does not parse is recorded in `invalid` and answered 400, as the server would),
 * every answer is parsed with the shared response schemas before it is sent. It keeps what the
 * routes keep: candidates and their decisions (DUP2), merges by mergeId (MERGE2), merged
 * households (MERGE3), LIFO undo (MERGE6). `dropNext` applies the next matching request and then
 * loses its answer (the fetch rejects), as a connection cut after the server's commit would.
 */
import {
  type DuplicateCandidate,
  DuplicateListQuerySchema,
  DuplicateListSchema,
  MergeCommandSchema,
  type MergeLogEntry,
  MergeLogQuerySchema,
  MergeLogSchema,
  type MergePreview,
  MergePreviewQuerySchema,
  MergePreviewSchema,
  MergeRefusalSchema,
  MergeResultSchema,
  NotDuplicateRequestSchema,
  UnmergeCommandSchema,
  UnmergeResultSchema,
} from '../../src/domain/sync/coordination-protocol';
import type { FetchLike } from '../../src/sync/sync-http';

export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

export class CoordinationDouble {
  readonly sent: SentRequest[] = [];
  /** Requests that did not parse with the shared request schemas. */
  readonly invalid: string[] = [];
  /** How many merges were applied (a repeat by mergeId applies nothing). */
  applied = 0;
  /** The next request to this path is applied, then its answer is lost. */
  dropNext: string | null = null;
  /** Answers of the next request to this path wait for it (a slow network). */
  hold: Promise<void> | null = null;
  private readonly merges = new Map<string, MergeLogEntry>();
  private readonly mergedInto = new Map<string, string>();
  private clock = Date.UTC(2026, 11, 1, 9, 0);

  constructor(
    private candidates: DuplicateCandidate[],
    private readonly previews: Map<string, MergePreview>,
  ) {}

  fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input, 'http://127.0.0.1');
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname.replace(/^\/api\/coordination/, '');
    this.sent.push({ method, path, query, body });
    if (this.hold !== null && method === 'POST') await this.hold;
    const response = this.answer(method, path, query, body);
    if (this.dropNext === path) {
      this.dropNext = null;
      throw new TypeError('network connection lost');
    }
    return response;
  };

  private refuse(body: unknown) {
    return json(409, MergeRefusalSchema.parse(body));
  }

  private bad(what: string) {
    this.invalid.push(what);
    return json(400, { error: 'Bad Request', message: what });
  }

  private answer(method: string, path: string, query: Record<string, string>, body: unknown): Response {
    this.clock += 60_000;
    if (method === 'GET' && path === '/duplicates') {
      const q = DuplicateListQuerySchema.safeParse(query);
      if (!q.success) return this.bad('duplicates query');
      const list = this.candidates
        .filter((c) => c.status === q.data.status)
        .filter((c) => !this.mergedInto.has(c.householdA.id) && !this.mergedInto.has(c.householdB.id))
        .filter(
          (c) =>
            q.data.welcomePointId === undefined ||
            c.householdA.welcomePointId === q.data.welcomePointId ||
            c.householdB.welcomePointId === q.data.welcomePointId,
        );
      return json(200, DuplicateListSchema.parse({ candidates: list }));
    }
    if (method === 'POST' && path === '/duplicates/not-duplicate') {
      const r = NotDuplicateRequestSchema.safeParse(body);
      if (!r.success) return this.bad('not-duplicate body');
      const ids = [r.data.householdA, r.data.householdB];
      this.candidates = this.candidates.map((c) =>
        ids.includes(c.householdA.id) && ids.includes(c.householdB.id)
          ? { ...c, status: 'not_duplicate', decidedBy: 'Camille Roux', decidedAt: this.clock }
          : c,
      );
      return json(200, { ok: true });
    }
    if (method === 'GET' && path === '/merge-preview') {
      const q = MergePreviewQuerySchema.safeParse(query);
      if (!q.success) return this.bad('preview query');
      const preview = this.previews.get(`${q.data.survivorId}|${q.data.mergedId}`);
      if (preview === undefined) return json(404, { error: 'Not Found' });
      return json(200, MergePreviewSchema.parse(preview));
    }
    if (method === 'POST' && path === '/merges') {
      const c = MergeCommandSchema.safeParse(body);
      if (!c.success) return this.bad('merge command');
      const stored = this.merges.get(c.data.mergeId);
      if (stored !== undefined) return json(200, MergeResultSchema.parse(this.resultOf(stored)));
      for (const id of [c.data.survivorId, c.data.mergedId]) {
        const into = this.mergedInto.get(id);
        if (into !== undefined)
          return this.refuse({ error: 'Conflict', reason: 'already-merged', survivorId: into });
      }
      const preview = this.previews.get(`${c.data.survivorId}|${c.data.mergedId}`);
      if (preview === undefined) return json(404, { error: 'Not Found' });
      if (c.data.childChoices.length !== preview.childDuplicates.length)
        return this.bad('one child choice per child duplicate');
      this.applied += 1;
      this.mergedInto.set(c.data.mergedId, c.data.survivorId);
      const entry: MergeLogEntry = {
        mergeId: c.data.mergeId,
        survivorId: c.data.survivorId,
        mergedId: c.data.mergedId,
        status: 'active',
        reason: c.data.reason,
        mergedBy: { userId: 'user-camille', displayName: 'Camille Roux' },
        mergedAt: this.clock,
        keptFields: preview.differences.map((d) => {
          const pick = c.data.fieldChoices[d.field] ?? d.defaultPick;
          return { field: d.field, pick, value: pick === 'survivor' ? d.survivorValue : d.mergedValue };
        }),
        childChoices: c.data.childChoices,
        redirects: 0,
        undoneBy: null,
        undoneAt: null,
        undoReason: null,
        flags: [],
      };
      this.merges.set(entry.mergeId, entry);
      return json(200, MergeResultSchema.parse(this.resultOf(entry)));
    }
    const undo = /^\/merges\/([^/]+)\/undo$/.exec(path);
    if (method === 'POST' && undo) {
      const c = UnmergeCommandSchema.safeParse(body);
      if (!c.success) return this.bad('undo body');
      const entry = this.merges.get(decodeURIComponent(undo[1] ?? ''));
      if (entry === undefined) return json(404, { error: 'Not Found' });
      if (entry.status === 'undone') {
        // MERGE6: as the server, a repeat of an undo returns the stored result (idempotent).
        return json(
          200,
          UnmergeResultSchema.parse({
            mergeId: entry.mergeId,
            status: 'undone',
            undoneAt: entry.undoneAt,
            flags: entry.flags,
          }),
        );
      }
      const involved = [entry.survivorId, entry.mergedId];
      const later = [...this.merges.values()].find(
        (m) =>
          m.status === 'active' &&
          m.mergedAt > entry.mergedAt &&
          (involved.includes(m.survivorId) || involved.includes(m.mergedId)),
      );
      if (later !== undefined)
        return this.refuse({ error: 'Conflict', reason: 'merge-superseded', laterMergeId: later.mergeId });
      const undone: MergeLogEntry = {
        ...entry,
        status: 'undone',
        undoneBy: { userId: 'user-camille', displayName: 'Camille Roux' },
        undoneAt: this.clock,
        undoReason: c.data.reason,
      };
      this.merges.set(entry.mergeId, undone);
      this.mergedInto.delete(entry.mergedId);
      return json(
        200,
        UnmergeResultSchema.parse({
          mergeId: entry.mergeId,
          status: 'undone',
          undoneAt: this.clock,
          flags: [],
        }),
      );
    }
    if (method === 'GET' && path === '/merges') {
      const q = MergeLogQuerySchema.safeParse(query);
      if (!q.success) return this.bad('merge log query');
      const merges = [...this.merges.values()]
        .filter(
          (m) => q.data.householdId === undefined || [m.survivorId, m.mergedId].includes(q.data.householdId),
        )
        .sort((a, b) => b.mergedAt - a.mergedAt);
      return json(200, MergeLogSchema.parse({ merges }));
    }
    return json(404, { error: 'Not Found' });
  }

  private resultOf(entry: MergeLogEntry) {
    return {
      mergeId: entry.mergeId,
      survivorId: entry.survivorId,
      mergedId: entry.mergedId,
      status: entry.status,
      mergedAt: entry.mergedAt,
      conflictIds: [],
    };
  }

  /** Another coordinator merged `mergedId` into `survivorId` meanwhile (MERGE3's pointer). */
  mergeElsewhere(mergedId: string, survivorId: string, mergeId: string): void {
    this.mergedInto.set(mergedId, survivorId);
    this.clock += 60_000;
    this.merges.set(mergeId, {
      mergeId,
      survivorId,
      mergedId,
      status: 'active',
      reason: 'fusion faite ailleurs',
      mergedBy: { userId: 'user-dominique', displayName: 'Dominique Petit' },
      mergedAt: this.clock,
      keptFields: [],
      childChoices: [],
      redirects: 0,
      undoneBy: null,
      undoneAt: null,
      undoReason: null,
      flags: [],
    });
  }
}
