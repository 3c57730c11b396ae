/**
 * What the two push benchmarks (sync-push.bench.ts, sync-push-postgres.bench.ts) share: the
 * accounts a fresh server needs, and a device that builds its mutations as the app's outbox does
 * (one seq and HLC per mutation) and pushes them, gzipped, through the real endpoint.
 */
import { randomUUID } from 'node:crypto';
import { formatHlc } from '../src/domain/sync/hlc';
import { postJson } from './post-json';

export const BENCH_PASSWORD = 'benchmark password';
/** Mutations per push request: 500 × 3 fields is the 1,500 field changes a request of issue 17. */
export const BATCH = 500;

/** A charge the device created, with the version its next patch is based on. */
export interface BenchCharge {
  id: string;
  householdId: string;
  version: number;
}

interface PushResponse {
  ackSeq: number;
  results: { status: string }[];
}

/** One device: its session, its push seq and clock, and the charges it created. */
export class BenchDevice {
  readonly id = randomUUID();
  token = '';
  userId = '';
  readonly clock = Date.now();
  readonly charges: BenchCharge[] = [];
  private seq = 0;

  mutation(op: string, entity: string, entityId: string, householdId: string, patch: object, version = 0) {
    this.seq += 1;
    const fieldVersions: Record<string, number> = {};
    for (const key of Object.keys(patch)) fieldVersions[key] = version;
    return {
      seq: this.seq,
      mutationId: randomUUID(),
      deviceId: this.id,
      userId: this.userId,
      op,
      entity,
      entityId,
      householdId,
      patch,
      base: { version, fieldVersions: op === 'create' ? {} : fieldVersions },
      hlc: formatHlc({ ms: this.clock + this.seq, counter: this.seq % 0xffff, node: this.id }),
      schemaVersion: 1,
      appVersion: '0.1.0',
    };
  }

  /** One push request; throws unless every mutation was applied. */
  async push(base: string, mutations: unknown[]): Promise<PushResponse> {
    const body = { protocolVersion: 1, schemaVersion: 2, appVersion: '0.1.0', deviceId: this.id, mutations };
    const response = (await postJson(base, '/api/sync/push', body, this.token, true)) as PushResponse;
    if (response.results.some((r) => r.status !== 'applied')) throw new Error('a mutation was not applied');
    return response;
  }

  /** Creates of `households` households with `charges` charges each, in push batches. */
  seedBatches(households: number, charges: number): unknown[][] {
    const seed: unknown[] = [];
    for (let h = 0; h < households; h += 1) {
      const householdId = randomUUID();
      seed.push(
        this.mutation('create', 'household', householdId, householdId, {
          schemaVersion: 1,
          territory: 'metropole',
          departement: '42',
          housingStatus: 'tenant',
          status: 'active',
          openedOn: '2026-11-02',
          welcomePointId: 'wp-bench',
        }),
      );
      for (let c = 0; c < charges; c += 1) {
        const id = randomUUID();
        this.charges.push({ id, householdId, version: 1 });
        const patch = { type: 'rent', amountCents: 40_000 + c, frequency: 'monthly', mode: 'real' };
        seed.push(this.mutation('create', 'charge', id, householdId, patch));
      }
    }
    return slices(seed);
  }

  /** A patch of 3 fields of every charge (round `round`), in push batches; versions move on. */
  patchBatches(round: number): unknown[][] {
    const out = this.charges.map((c, j) => {
      const patch = {
        amountCents: 41_000 + round * 100 + j,
        label: `Loyer ${round}-${j}`,
        hasProof: round % 2 === 0,
      };
      return this.mutation('patch', 'charge', c.id, c.householdId, patch, c.version);
    });
    for (const c of this.charges) c.version += 1;
    return slices(out);
  }
}

export function slices<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/**
 * On a fresh server: the first admin, the welcome point `wp-bench`, one counsellor, and
 * `count` devices signed in as that counsellor.
 */
export async function signInDevices(base: string, count: number): Promise<BenchDevice[]> {
  await postJson(base, '/api/setup', { username: 'admin', password: BENCH_PASSWORD, displayName: 'Admin' });
  const admin = (await postJson(base, '/api/auth/login', {
    username: 'admin',
    password: BENCH_PASSWORD,
    deviceId: 'bench-admin',
  })) as { token: string };
  await postJson(base, '/api/admin/welcome-points', { id: 'wp-bench', name: 'Bench' }, admin.token);
  const user = {
    displayName: 'C',
    password: BENCH_PASSWORD,
    role: 'counsellor',
    welcomePointIds: ['wp-bench'],
  };
  await postJson(base, '/api/admin/users', { ...user, username: 'counsellor' }, admin.token);
  const devices = Array.from({ length: count }, () => new BenchDevice());
  for (const device of devices) {
    const login = (await postJson(base, '/api/auth/login', {
      username: 'counsellor',
      password: BENCH_PASSWORD,
      deviceId: device.id,
    })) as { token: string; user: { id: string } };
    device.token = login.token;
    device.userId = login.user.id;
  }
  return devices;
}
