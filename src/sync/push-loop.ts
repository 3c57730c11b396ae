/**
 * The push loop of a sync run (PUSH1–PUSH7, sync-design §9.3): the outbox sent in batches (at
 * most `maxMutations` mutations and `maxBytes` bytes, halved on a 413), each response applied in
 * one transaction (src/db/sync-apply/push-apply.ts), and the sent-log re-fed to a server that
 * lost what it had acknowledged (§9.10). A failure keeps every entry in the outbox and throws a
 * SyncError.
 */
import type { RelaisDb } from '../db/app-db';
import { DB_SCHEMA_VERSION } from '../db/app-db';
import {
  applyPushResponse,
  type QuarantineEcho,
  readOutbox,
  recordPushFailure,
  refeedFromSentLog,
} from '../db/sync-apply/push-apply';
import { type OutboxEntry, toMutation } from '../domain/sync/mutation';
import { PROTOCOL_VERSION, PushResponseSchema } from '../domain/sync/protocol';
import type { DeviceSession } from './session-store';
import { responseError, SyncError } from './sync-errors';
import { postJson, type SyncHttp } from './sync-http';

export interface SyncReport {
  pushed: number;
  pulled: number;
  rebased: number;
  quarantined: QuarantineEcho[];
  /** Entries re-fed from the sent-log to a server restored from a backup. */
  refed: number;
  at: number;
}

/** What the push loop works with (SyncClient builds it from its options). */
export interface PushLoopDeps {
  db: RelaisDb;
  http: SyncHttp;
  appVersion: string;
  now: () => number;
  /** Mutations per request, at most MAX_PUSH_MUTATIONS. */
  maxMutations: number;
  /** Bytes per request, at most MAX_PUSH_BYTES. */
  maxBytes: number;
}

export class PushLoop {
  constructor(private readonly deps: PushLoopDeps) {}

  /** Pushes the outbox until it is empty (PUSH1–PUSH7). */
  async pushAll(session: DeviceSession, report: SyncReport): Promise<void> {
    let limit = this.deps.maxMutations;
    let stalls = 0;
    for (;;) {
      const entries = await readOutbox(this.deps.db, limit);
      if (entries.length === 0) return;
      const { body, sent } = this.buildPush(session.deviceId, entries);
      let response: Response;
      try {
        response = await postJson(this.deps.http, '/api/sync/push', body, session.token);
      } catch (error) {
        await recordPushFailure(this.deps.db, sent, String(error));
        throw new SyncError('offline', 'The server cannot be reached');
      }
      if (response.status === 413 && limit > 1) {
        limit = Math.max(1, Math.floor(sent.length / 2));
        continue;
      }
      if (!response.ok) {
        const error = await responseError(response);
        await recordPushFailure(this.deps.db, sent, `${response.status} ${error.message}`);
        // A 429 (SEC3) or 503 names its wait in Retry-After; the scheduler waits at least that.
        throw error;
      }
      const parsed = PushResponseSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        throw new SyncError('server', 'The server answered a push with something unreadable');
      const push = parsed.data;
      const applied = await applyPushResponse(this.deps.db, push, this.deps.now(), session.deviceId);
      report.pushed += applied.acked;
      report.quarantined.push(...applied.quarantined);
      const first = sent[0] ?? 0;
      if (push.expectedSeq !== undefined && push.expectedSeq < first) {
        // PUSH5 + §9.10: the server lost seqs it had acknowledged (restored from a backup).
        await refeedOutbox(this.deps.db, push.expectedSeq, report);
        stalls = 0;
        continue;
      }
      if (applied.acked === 0) {
        stalls += 1;
        if (stalls >= 3)
          throw new SyncError('rejected', `The server acknowledged nothing (ackSeq ${push.ackSeq})`);
      } else {
        stalls = 0;
      }
    }
  }

  /** The request body and the seqs it carries, cut to the byte limit (at least one mutation). */
  private buildPush(deviceId: string, entries: readonly OutboxEntry[]): { body: unknown; sent: number[] } {
    const head = {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: DB_SCHEMA_VERSION,
      appVersion: this.deps.appVersion,
      deviceId,
    };
    const encoder = new TextEncoder();
    let size = encoder.encode(JSON.stringify({ ...head, mutations: [] })).length;
    const mutations: unknown[] = [];
    for (const entry of entries) {
      const mutation = toMutation(entry);
      const bytes = encoder.encode(JSON.stringify(mutation)).length + 1;
      if (mutations.length > 0 && size + bytes > this.deps.maxBytes) break;
      size += bytes;
      mutations.push(mutation);
    }
    const sent = entries.slice(0, mutations.length).map((e) => e.seq);
    return { body: { ...head, mutations }, sent };
  }
}

/**
 * §9.10: the server has fewer of this device's mutations than it acknowledged (restored from a
 * backup): the sent-log from `fromSeq` goes back to the outbox, to be pushed again.
 * @throws SyncError `lost-changes` when the sent-log no longer holds them all
 */
export async function refeedOutbox(db: RelaisDb, fromSeq: number, report: SyncReport): Promise<void> {
  const refeed = await refeedFromSentLog(db, fromSeq);
  report.refed += refeed.moved;
  if (!refeed.complete) {
    throw new SyncError(
      'lost-changes',
      `The server lost changes from seq ${fromSeq} that this device no longer keeps`,
    );
  }
}
