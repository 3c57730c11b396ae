import { describe, expect, it } from 'vitest';
import { MUTATION_SCHEMA_VERSION, MutationSchema } from '../../../src/domain/sync/mutation';
import { UpcastError, upcastMutation } from '../../../src/domain/sync/upcast';

const v0 = {
  seq: 3,
  mutationId: '0195a1b2-c3d4-7000-9000-000000000003',
  deviceId: 'device-1',
  userId: 'user-1',
  op: 'patch',
  entity: 'charge',
  entityId: 'c-1',
  householdId: 'h-1',
  patch: { amountCents: 45_000, label: 'Loyer' },
  baseVersion: 4,
  clientTime: 1_760_000_000_000,
  schemaVersion: 0,
  appVersion: '0.0.9',
};

describe('[UPCAST1] upcastMutation', () => {
  it('turns a version-0 mutation (no HLC) into a valid current mutation', () => {
    const up = upcastMutation(0, v0);
    expect(MutationSchema.parse(up)).toMatchObject({
      hlc: '1760000000000-0000-device-1',
      base: { version: 4, fieldVersions: { amountCents: 4, label: 4 } },
      schemaVersion: MUTATION_SCHEMA_VERSION,
    });
    expect(up).not.toHaveProperty('clientTime');
    expect(up).not.toHaveProperty('baseVersion');
  });

  it('returns a current mutation unchanged', () => {
    const current = { ...v0, schemaVersion: MUTATION_SCHEMA_VERSION };
    expect(upcastMutation(MUTATION_SCHEMA_VERSION, current)).toBe(current);
  });

  it('throws UpcastError for a missing clock, an unknown or a newer version', () => {
    expect(() => upcastMutation(0, { ...v0, clientTime: undefined })).toThrow(UpcastError);
    expect(() => upcastMutation(-1, v0)).toThrow(UpcastError);
    expect(() => upcastMutation(MUTATION_SCHEMA_VERSION + 1, v0)).toThrow(UpcastError);
  });
});
