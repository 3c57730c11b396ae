import { describe, expect, it } from 'vitest';
import {
  CursorSchema,
  decodeCursor,
  encodeCursor,
  MAX_PUSH_MUTATIONS,
  PullRequestSchema,
  PushRequestSchema,
  PushResponseSchema,
} from '../../../src/domain/sync/protocol';

const envelope = { seq: 1, mutationId: '0195a1b2-c3d4-7000-9000-000000000041' };
const push = {
  protocolVersion: 1,
  schemaVersion: 2,
  appVersion: '0.1.0',
  deviceId: 'd1',
  mutations: [envelope],
};

describe('push request', () => {
  it('[PUSH7] needs only seq and mutationId per mutation; the rest is checked per mutation (quarantine, not 400)', () => {
    const parsed = PushRequestSchema.parse({
      ...push,
      mutations: [{ ...envelope, entity: 'invoice', extra: 1 }],
    });
    expect(parsed.mutations[0]).toEqual({ ...envelope, entity: 'invoice', extra: 1 });
    expect(PushRequestSchema.safeParse({ ...push, mutations: [{ seq: 1 }] }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ ...push, mutations: [{ ...envelope, seq: 0 }] }).success).toBe(
      false,
    );
  });

  it(`[PUSH7] refuses more than ${MAX_PUSH_MUTATIONS} mutations`, () => {
    const many = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => ({ ...envelope, seq: i + 1 }));
    expect(PushRequestSchema.safeParse({ ...push, mutations: many }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ ...push, mutations: many.slice(1) }).success).toBe(true);
  });

  it('describes a response with results, ackSeq and an optional expectedSeq', () => {
    const response = {
      ackSeq: 2,
      results: [
        { seq: 1, mutationId: 'm1', status: 'duplicate', original: { status: 'applied', version: 3 } },
        { seq: 2, mutationId: 'm2', status: 'quarantined', reason: 'schema-invalid' },
      ],
      expectedSeq: 3,
      serverTime: 1_764_000_000_000,
    };
    expect(PushResponseSchema.parse(response)).toEqual(response);
    expect(
      PushResponseSchema.safeParse({ ...response, results: [{ seq: 1, mutationId: 'm', status: 'merged' }] })
        .success,
    ).toBe(false);
  });
});

describe('[PULL6] cursors', () => {
  it('are opaque strings carrying the epoch and the sequence', () => {
    expect(encodeCursor(7, 42)).toBe('c1.7.42');
    expect(decodeCursor('c1.7.42')).toEqual({ epoch: 7, seq: 42 });
    expect(decodeCursor(null)).toEqual({ epoch: null, seq: 0 });
    expect(decodeCursor(undefined)).toEqual({ epoch: null, seq: 0 });
    for (const bad of ['42', 'c1.42', 'c2.1.1', 'c1.1.-1', ''])
      expect(CursorSchema.safeParse(bad).success).toBe(false);
  });

  it('pull requests default the limit and bound it', () => {
    const base = { protocolVersion: 1, schemaVersion: 2, appVersion: '0.1.0', deviceId: 'd1' };
    expect(PullRequestSchema.parse(base).limit).toBe(500);
    expect(PullRequestSchema.safeParse({ ...base, limit: 5000 }).success).toBe(false);
    expect(PullRequestSchema.parse({ ...base, cursor: null }).cursor).toBeNull();
  });
});
