/**
 * The pull loop of a sync run (PULL1–PULL12, sync-design §9.3): pages requested by the server's
 * cursor until `hasMore` is false, each written in one transaction (src/db/sync-apply/
 * pull-apply.ts) in a pipeline (ADR 0013), with the fall-backs to the push loop a page can ask
 * for (a reset, PULL6; a re-feed after a server restore, §9.10) and the progress the screens show
 * (PULL11).
 */
import type { RelaisDb } from '../db/app-db';
import { DB_SCHEMA_VERSION } from '../db/app-db';
import { readMeta, SYNC_META, writeMeta } from '../db/sync-apply/meta';
import { applyPullPage, type PreparedPullRows, preparePullPage } from '../db/sync-apply/pull-apply';
import {
  type Cursor,
  decodeCursor,
  PROTOCOL_VERSION,
  type PullResponse,
  PullResponseSchema,
} from '../domain/sync/protocol';
import { refeedOutbox, type SyncReport } from './push-loop';
import type { DeviceSession } from './session-store';
import { responseError, SyncError } from './sync-errors';
import { postJson, type SyncHttp } from './sync-http';

export interface PullProgress {
  /** Rows received so far in this run. */
  rows: number;
  /** Pages applied so far. */
  pages: number;
  /** 0..1 when the server tells how far the cursor is; null when unknown. */
  fraction: number | null;
  done: boolean;
}

/**
 * PULL11: how far a pull is, 0..1, from the sequence numbers covered since the run started and
 * the server's `remaining` (null when an older server omits it, 1 on the last page).
 */
export function pullFraction(startSeq: number, page: PullResponse): number | null {
  if (!page.hasMore) return 1;
  if (page.remaining === undefined) return null;
  const covered = Math.max(0, decodeCursor(page.nextCursor).seq - startSeq);
  const total = covered + page.remaining;
  return total === 0 ? 0 : Math.min(1, covered / total);
}

/** A pull page and its rows parsed ahead of the transaction that writes them. */
interface PreparedPage {
  page: PullResponse;
  rows: PreparedPullRows;
}

/** What the pull loop works with (SyncClient builds it from its options). */
export interface PullLoopDeps {
  /** The strict connection: the cursor and the acknowledged seq are read and reset through it. */
  db: RelaisDb;
  /** The connection pages are written through (relaxed durability, ADR 0008). */
  pullDb: RelaisDb;
  http: SyncHttp;
  appVersion: string;
  now: () => number;
  /** Page size of a pull from a cursor. */
  pullLimit: number;
  /** Page size of a pull from no cursor (a new device, or after a reset). */
  initialPullLimit: number;
  /** The push loop, run when a page asks for a reset or a re-feed before the pull goes on. */
  pushAll: (session: DeviceSession, report: SyncReport) => Promise<void>;
}

export class PullLoop {
  constructor(private readonly deps: PullLoopDeps) {}

  /**
   * Pulls pages until hasMore is false (PULL1–PULL6), each applied in one transaction.
   *
   * PULL12, a pipeline: page N+1 is requested and its rows parsed while page N is written, and
   * its transaction is created (rows queued) before page N's has committed. IndexedDB runs
   * transactions on the same tables in the order they were created, and each page applies only
   * if the stored cursor is still the one it was requested from: if page N fails, page N+1 is
   * dropped with it and the run throws. At most two pages are being written at any time.
   */
  async pullAll(
    session: DeviceSession,
    report: SyncReport,
    onProgress?: (progress: PullProgress) => void,
  ): Promise<void> {
    let cursor = await readMeta<Cursor>(this.deps.db, SYNC_META.pullCursor);
    let startSeq = decodeCursor(cursor).seq;
    // A pull from no cursor brings the whole scope: ask for the largest pages (PULL1).
    let limit = cursor === undefined ? this.deps.initialPullLimit : this.deps.pullLimit;
    // Read once, not per page: a read on this connection would wait for the page transactions
    // queued on the pull connection. Only a push in this run changes it.
    let acked = await this.readAckedSeq();
    let resets = 0;
    let pages = 0;
    let rows = 0;
    /** The next page, requested and its rows parsed while the current one is written. */
    let next: Promise<PreparedPage> | undefined;
    /** The page being written, not yet awaited. */
    let writing: Promise<void> | undefined;
    /** Every page write started by this run. */
    const started: Promise<void>[] = [];
    const settle = async (): Promise<void> => {
      const pending = writing;
      writing = undefined;
      await pending;
    };
    try {
      for (;;) {
        const { page, rows: preparedRows } = await (next ?? this.requestPreparedPage(session, cursor, limit));
        next = undefined;
        if (page.deviceLastSeq < acked || page.resetRequired === true) {
          await settle();
          if (page.deviceLastSeq < acked) {
            // §9.10: the server has fewer of this device's mutations than it acknowledged.
            await refeedOutbox(this.deps.db, page.deviceLastSeq + 1, report);
          } else {
            // PULL6: the cursor is ahead of the server: push everything, then pull from the start.
            resets += 1;
            if (resets > 2) throw new SyncError('server', 'The server keeps asking for a reset');
            await writeMeta(this.deps.db, SYNC_META.pullCursor, undefined);
            cursor = undefined;
            startSeq = 0;
            limit = this.deps.initialPullLimit;
          }
          await this.deps.pushAll(session, report);
          acked = await this.readAckedSeq();
          continue;
        }
        if (page.hasMore) {
          // The network and the server work on the next page while this one is written.
          next = this.requestPreparedPage(session, page.nextCursor, limit);
          next.catch(() => undefined);
        }
        // Relaxed durability is enough here (ADR 0008): the page and its cursor commit together,
        // and a page lost to a power cut is pulled again from the cursor that survived.
        const write = applyPullPage(this.deps.pullDb, page, this.deps.now(), {
          deviceId: session.deviceId,
          prepared: preparedRows,
          fromCursor: cursor ?? null,
        }).then((applied) => {
          pages += 1;
          rows += applied.rows;
          report.pulled += applied.rows;
          report.rebased += applied.rebased;
          onProgress?.({ rows, pages, fraction: pullFraction(startSeq, page), done: !page.hasMore });
        });
        // Awaited by the next settle; if the page before fails, this one fails with it.
        write.catch(() => undefined);
        started.push(write);
        await settle();
        writing = write;
        cursor = page.nextCursor;
        if (!page.hasMore) return await settle();
      }
    } finally {
      // On a throw, a page may still be being written: the run ends only once it has committed
      // or failed, so that no pull transaction outlives the run.
      await Promise.allSettled(started);
    }
  }

  private async readAckedSeq(): Promise<number> {
    return (await readMeta<number>(this.deps.db, SYNC_META.ackedSeq)) ?? 0;
  }

  /** A pull page with its rows parsed (preparePullPage) as soon as it arrives. */
  private async requestPreparedPage(
    session: DeviceSession,
    cursor: Cursor | undefined,
    limit: number,
  ): Promise<PreparedPage> {
    const page = await this.requestPullPage(session, cursor, limit);
    return { page, rows: preparePullPage(page) };
  }

  /** One POST /api/sync/pull, validated. @throws SyncError */
  private async requestPullPage(
    session: DeviceSession,
    cursor: Cursor | undefined,
    limit: number,
  ): Promise<PullResponse> {
    let response: Response;
    try {
      response = await postJson(
        this.deps.http,
        '/api/sync/pull',
        {
          protocolVersion: PROTOCOL_VERSION,
          schemaVersion: DB_SCHEMA_VERSION,
          appVersion: this.deps.appVersion,
          deviceId: session.deviceId,
          cursor: cursor ?? null,
          limit,
        },
        session.token,
      );
    } catch {
      throw new SyncError('offline', 'The server cannot be reached');
    }
    if (!response.ok) throw await responseError(response);
    const parsed = PullResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new SyncError('server', 'The server answered a pull with something unreadable');
    return parsed.data;
  }
}
