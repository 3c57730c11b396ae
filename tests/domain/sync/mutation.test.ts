import { describe, expect, it } from 'vitest';
import { MutationSchema, OutboxEntrySchema, toMutation } from '../../../src/domain/sync/mutation';
import { RowMetaSchema } from '../../../src/domain/sync/row-meta';

const mutation = {
  seq: 41,
  mutationId: '0195a1b2-c3d4-7000-9000-000000000041',
  deviceId: 'device-1',
  userId: 'user-1',
  op: 'patch',
  entity: 'debt',
  entityId: 'debt-1',
  householdId: 'h-1',
  patch: { instalmentMonthlyCents: 12_000, label: null },
  base: { version: 5, fieldVersions: { instalmentMonthlyCents: 4, label: 0 } },
  hlc: '1760000000000-0000-device-1',
  schemaVersion: 1,
  appVersion: '0.1.0',
} as const;

describe('MutationSchema', () => {
  it('accepts a patch mutation', () => {
    expect(MutationSchema.parse(mutation)).toEqual(mutation);
  });

  it('rejects an unknown entity, a zero seq, a non-UUID mutation id, a bad hlc', () => {
    for (const bad of [
      { entity: 'invoice' },
      { seq: 0 },
      { mutationId: 'abc' },
      { hlc: '2026-03-02T10:00' },
      { op: 'upsert' },
    ]) {
      expect(MutationSchema.safeParse({ ...mutation, ...bad }).success).toBe(false);
    }
  });

  it('a delete sets deleted true, a restore deleted false', () => {
    expect(MutationSchema.safeParse({ ...mutation, op: 'delete', patch: { deleted: true } }).success).toBe(
      true,
    );
    expect(MutationSchema.safeParse({ ...mutation, op: 'delete', patch: {} }).success).toBe(false);
    expect(MutationSchema.safeParse({ ...mutation, op: 'restore', patch: { deleted: false } }).success).toBe(
      true,
    );
    expect(MutationSchema.safeParse({ ...mutation, op: 'restore', patch: { deleted: true } }).success).toBe(
      false,
    );
  });

  it('an outbox entry is a mutation plus delivery state; toMutation strips it', () => {
    const entry = OutboxEntrySchema.parse({ ...mutation, state: 'pending', attempts: 0, createdAt: 1 });
    expect(toMutation(entry)).toEqual(mutation);
    expect(OutboxEntrySchema.safeParse(mutation).success).toBe(false);
  });
});

describe('RowMetaSchema', () => {
  it('requires every sync field', () => {
    const meta = {
      id: 'r',
      householdId: 'h',
      version: 0,
      fieldVersions: {},
      deleted: false,
      updatedHlc: '1760000000000-0000-d',
      updatedAt: 1_760_000_000_000,
      origin: { deviceId: 'd', userId: 'u' },
    };
    expect(RowMetaSchema.safeParse(meta).success).toBe(true);
    for (const key of Object.keys(meta)) {
      const { [key]: _removed, ...rest } = meta as Record<string, unknown>;
      expect(RowMetaSchema.safeParse(rest).success, key).toBe(false);
    }
  });
});
