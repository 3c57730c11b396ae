// @vitest-environment node
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulationApi, type SimulationApi } from '../../src/worker/simulation-api';
import { createSimulationClient, type SimulationConnection } from '../../src/worker/simulation-client';
import { householdWithDebts } from './simulation-fixtures';

const opened: MessagePort[] = [];

function channelConnection(api = createSimulationApi()): {
  connection: SimulationConnection;
  api: typeof api;
} {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  Comlink.expose(api, port1);
  const remote = Comlink.wrap<SimulationApi>(port2);
  return {
    api,
    connection: {
      remote,
      close: () => {
        remote[Comlink.releaseProxy]();
        port1.close();
        port2.close();
      },
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
  for (const port of opened.splice(0)) port.close();
});

describe('simulation worker API over Comlink (MessageChannel round trip)', () => {
  it('compares six scenarios for 30 debts and returns summaries, schedules and the hint', async () => {
    const { connection } = channelConnection();
    const response = await connection.remote.compare(1, householdWithDebts(30));
    expect(response.status).toBe('done');
    if (response.status !== 'done') return;
    expect(response.comparison.outcomes).toHaveLength(6);
    for (const outcome of response.comparison.outcomes) {
      expect(outcome.result.schedule.length).toBeGreaterThan(0);
      expect(outcome.summary.totalPaidCents).toBeGreaterThan(0);
    }
    expect(response.comparison.orientation.reasons.length).toBeGreaterThan(0);
    connection.close();
  });

  it('validates its input with the domain schemas', async () => {
    const { connection } = channelConnection();
    const response = await connection.remote.compare(1, { startDate: '2026-02-30', scenarios: [] });
    expect(response.status).toBe('invalid');
    if (response.status === 'invalid') {
      expect(response.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['startDate', 'capacity', 'debts', 'scenarios']),
      );
    }
    const simulated = await connection.remote.simulate({
      on: '2026-03-01',
      capacityMonthlyCents: 400,
      maxMonths: 84,
      policy: 'pro-rata',
      debts: [{ id: 'a', creditorCategory: 'other', balanceCents: 1_000, annualRateBps: 0 }],
    });
    expect(simulated).toMatchObject({ status: 'done', output: { feasible: true, months: 3 } });
    connection.close();
  });

  it('reports a missing legal parameter as an error, not a crash', async () => {
    const { connection } = channelConnection();
    const input = { ...householdWithDebts(3), startDate: '2030-01-01' };
    const response = await connection.remote.compare(1, {
      ...input,
      scenarios: [{ kind: 'banque-de-france', rateBps: 100 }],
    });
    expect(response).toMatchObject({ status: 'error', error: 'MissingParameterError' });
    connection.close();
  });

  it('the worker drops an outdated request when a newer one is queued', async () => {
    const api = createSimulationApi();
    const [first, second] = await Promise.all([
      api.compare(1, householdWithDebts(30)),
      api.compare(2, householdWithDebts(5)),
    ]);
    expect(first.status).toBe('cancelled');
    expect(second.status).toBe('done');
    expect(api.stats()).toMatchObject({ completed: 1, cancelled: 1, scenariosRun: 6 });
  });
});

describe('simulation client', () => {
  it('resolves an outdated call as cancelled, and the worker skips its work', async () => {
    const { connection, api } = channelConnection();
    const client = createSimulationClient({ connect: () => connection, idleTimeoutMs: 0 });
    const first = client.compare(householdWithDebts(30));
    const second = client.compare(householdWithDebts(30));
    expect(await first).toEqual({ status: 'cancelled' });
    const latest = await second;
    expect(latest.status).toBe('done');
    // The worker ran at most the first scenario of the outdated request.
    expect(api.stats().completed).toBe(1);
    expect(api.stats().scenariosRun).toBeLessThanOrEqual(7);
    expect(api.stats().cancelled).toBe(1);
    client.dispose();
  });

  it('cancel() resolves the pending call and tells the worker', async () => {
    // The worker side's own answer to the compare call: the test waits for it, then looks.
    const api = createSimulationApi();
    const workerAnswers: Promise<unknown>[] = [];
    const watched: typeof api = {
      ...api,
      compare: (requestId, input) => {
        const answer = api.compare(requestId, input);
        workerAnswers.push(answer);
        return answer;
      },
    };
    const { connection } = channelConnection(watched);
    const client = createSimulationClient({ connect: () => connection, idleTimeoutMs: 0 });
    const call = client.compare(householdWithDebts(30));
    client.cancel();
    expect(await call).toEqual({ status: 'cancelled' });
    await connection.remote.ping();
    expect(workerAnswers).toHaveLength(1);
    expect(await workerAnswers[0]).toMatchObject({ status: 'cancelled' });
    expect(api.stats()).toMatchObject({ completed: 0, cancelled: 1 });
    client.dispose();
  });

  it('starts the worker lazily and terminates it when idle', async () => {
    // The idle timer runs on a fake clock; Comlink's messages are not timers and stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let connections = 0;
    const client = createSimulationClient({
      connect: () => {
        connections += 1;
        return channelConnection().connection;
      },
      idleTimeoutMs: 20,
    });
    expect(client.isConnected()).toBe(false);
    expect((await client.compare(householdWithDebts(3))).status).toBe('done');
    expect(client.isConnected()).toBe(true);
    vi.advanceTimersByTime(19);
    expect(client.isConnected()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(client.isConnected()).toBe(false);
    expect((await client.compare(householdWithDebts(3))).status).toBe('done');
    expect(connections).toBe(2);
    client.dispose();
  });
});
