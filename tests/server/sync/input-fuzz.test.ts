/**
 * A seeded fuzz test of every endpoint with malformed input (INPUT1–INPUT4, QUAR1, PUSH4,
 * CLOCK1), on SQLite and, with DATABASE_URL, PostgreSQL, through app.inject (no network):
 * random JSON, wrong types, huge strings, deep nesting, invalid UTF-8, control characters, wrong
 * content types, negative or NaN amounts, a reused mutation id with another payload, clocks far
 * in the past or the future, forged scopes, broken auth.
 *
 * It asserts no 5xx, no request left unanswered past REQUEST_BOUND_MS, and no change to what a
 * coordinator pulls (every row, every open conflict) nor to the accounts and welcome points. Rows
 * are compared without their `version`: a quarantined mutation on an existing row re-sends that
 * row with a new version and nothing else changed (PULL9).
 *
 * INPUT_FUZZ_SEED and INPUT_FUZZ_REQUESTS change the seed and the count (default 2,100 per
 * engine); a failure prints the seed and the requests that failed.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../src/domain/sync/protocol';
import { bearer, chargeFields, ENGINES, requireServerRow, useSyncServer, WP_A } from './harness';
import { brokenPush, endpoints, type FuzzContext, type FuzzRequest, Rng } from './input-fuzz-cases';

const SEED = Number(process.env.INPUT_FUZZ_SEED ?? 20_261_206);
const REQUESTS = Number(process.env.INPUT_FUZZ_REQUESTS ?? 2100);
/** A bound on one answer, far above the slowest seen (a 400 kB body, tens of ms): a hang, not slowness. */
const REQUEST_BOUND_MS = 10_000;
/** Share of the requests that are pushes of broken mutations (the rest: every endpoint in turn). */
const PUSH_SHARE = 0.4;

interface Answer {
  status: number | 'no answer';
  body: string;
}

async function answerWithin(inject: Promise<LightMyRequestResponse>, ms: number): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<Answer>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'no answer', body: '' }), ms);
  });
  try {
    return await Promise.race([inject.then((r) => ({ status: r.statusCode, body: r.body })), bound]);
  } finally {
    clearTimeout(timer);
  }
}

for (const engine of ENGINES) {
  describe(`input fuzz on ${engine.name}`, () => {
    const server = useSyncServer(engine);

    /** What must not change: every row and open conflict a coordinator pulls, accounts, welcome points. */
    async function snapshot(coordinatorDevice: Awaited<ReturnType<typeof server.device>>) {
      const { rows, last } = await coordinatorDevice.pullAll();
      const pulled = [...rows.entries()]
        .map(([key, row]) => {
          const { version: _version, ...rest } = row;
          return [key, rest] as const;
        })
        .sort(([a], [b]) => a.localeCompare(b));
      const admin = bearer(server.world.admin.token);
      const users = await server.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin });
      const points = await server.app.inject({
        method: 'GET',
        url: '/api/admin/welcome-points',
        headers: admin,
      });
      return { pulled, conflicts: last.conflicts, users: users.json(), points: points.json() };
    }

    it(`[INPUT1][INPUT2][INPUT3][INPUT4][QUAR1] ${REQUESTS} malformed requests (seed ${SEED}): no 5xx, no hang, nothing changed`, async () => {
      const { world } = server;
      const device = await server.device(world.counsellorA);
      const outsider = await server.device(world.volunteerB);
      const coordinatorDevice = await server.device(world.coordinator);

      // A household with rows and one open conflict, so there is state to (not) change.
      const h = device.createHousehold(WP_A);
      const charge = device.create('charge', h.entityId, chargeFields());
      const note = device.create('note', h.entityId, {
        text: 'Premier rendez-vous.\nDossier complet.',
        authorId: world.counsellorA.userId,
        writtenAt: server.clock.ms,
      });
      await device.push([h, charge, note]);
      // The open conflict is on another charge than the one the fuzz patches with the same value
      // (an informed patch of a conflicted field would settle it, CONF4).
      const disputed = device.create('charge', h.entityId, chargeFields(30_000));
      await device.push([disputed]);
      const disputedRow = await requireServerRow(server.store, 'charge', disputed.entityId);
      const other = await server.device(world.coordinator);
      await other.push([other.patch('charge', disputedRow, { amountCents: 31_000 })]);
      const conflicted = await device.push([device.patch('charge', disputedRow, { amountCents: 32_000 })]);
      expect(conflicted.results[0]?.status).toBe('conflict-recorded');

      const ctx: FuzzContext = {
        admin: world.admin,
        coordinator: world.coordinator,
        device,
        outsider,
        household: await requireServerRow(server.store, 'household', h.entityId),
        charge: await requireServerRow(server.store, 'charge', charge.entityId),
        appliedMutationId: charge.mutationId,
        nextSeq: conflicted.ackSeq + 1,
      };
      const before = await snapshot(coordinatorDevice);
      expect(before.pulled.length).toBe(4);
      expect(before.conflicts).toHaveLength(1);

      const mine = bearer(device.account.token).authorization;
      const rng = new Rng(SEED);
      const routes = endpoints(ctx);
      const failures: string[] = [];
      const byEndpoint = new Map<string, number>();
      const byOperator = new Map<string, number>();
      let quarantined = 0;
      for (let i = 0; i < REQUESTS; i += 1) {
        const fuzz: FuzzRequest =
          rng.next() < PUSH_SHARE
            ? brokenPush(rng, ctx)
            : (routes[i % routes.length] as (typeof routes)[number])(rng, ctx);
        byEndpoint.set(fuzz.endpoint, (byEndpoint.get(fuzz.endpoint) ?? 0) + 1);
        for (const operator of fuzz.operator.split('+'))
          byOperator.set(operator, (byOperator.get(operator) ?? 0) + 1);
        const answer = await answerWithin(server.app.inject(fuzz.request), REQUEST_BOUND_MS);
        if (answer.status === 'no answer' || answer.status >= 500) {
          failures.push(
            `#${i} ${fuzz.endpoint} [${fuzz.operator}] → ${answer.status} ${answer.body.slice(0, 300)}`,
          );
          continue;
        }
        const fromDevice =
          (fuzz.request.headers as Record<string, string> | undefined)?.authorization === mine;
        if (fuzz.endpoint === 'POST /sync/push (mutations)' && fromDevice && answer.status === 200) {
          const response = JSON.parse(answer.body) as PushResponse;
          ctx.nextSeq = response.ackSeq + 1;
          quarantined += response.results.filter((r) => r.status === 'quarantined').length;
        }
      }
      expect(failures, `seed ${SEED}`).toEqual([]);

      const after = await snapshot(coordinatorDevice);
      expect(after, `seed ${SEED}`).toEqual(before);

      // The fuzz reached what it means to: every endpoint, every way of breaking, and the
      // mutation level (quarantine) as well as the request level.
      expect(byEndpoint.size).toBe(routes.length + 1);
      for (const [endpoint, count] of byEndpoint) expect(count, endpoint).toBeGreaterThanOrEqual(20);
      for (const operator of [
        'random-json',
        'wrong-type',
        'huge-string',
        'deep',
        'invalid-utf8',
        'control-char',
        'content-type',
        'negative-amount',
        'nan-amount',
        'reused-mutation-id',
        'far-clock',
      ]) {
        expect(byOperator.get(operator) ?? 0, operator).toBeGreaterThanOrEqual(10);
      }
      expect(quarantined).toBeGreaterThanOrEqual(100);
      // The server still works for the device that sent all this.
      const fine = device.create('charge', h.entityId, chargeFields(), randomUUID());
      expect((await device.push([{ ...fine, seq: ctx.nextSeq }])).results[0]?.status).toBe('applied');
    }, 240_000);
  });
}
