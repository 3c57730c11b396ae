/**
 * The real server of the console's screen tests, with the same family recorded twice: Sam's
 * tablet at Point A records Zoé MARTIN; later Léa's phone at Point B records Zoé MARTAIN, born the
 * same day, with a newer phone number and the same Cofidis loan (same reference). Both push
 * through the real device client; the server's own detection (DUP1c) proposes the pair. A third
 * household (Zoé MARTIN again, Point A) lets a test merge twice (MERGE6's LIFO).
 */
import { act } from 'preact/test-utils';
import type { DuplicateCandidate } from '../../../src/domain/sync/coordination-protocol';
import type { Role } from '../../../src/domain/sync/protocol';
import { createAppState } from '../../../src/state/app-state';
import type { FetchLike } from '../../../src/sync/sync-http';
import { createSyncService } from '../../../src/sync/sync-service';
import { debtFields } from '../../support/debt-fields';
import {
  type Device,
  householdFields,
  makeDevice,
  PASSWORD,
  sqliteEngine,
  TestClock,
  TestServer,
  WP_A,
  WP_B,
} from '../../sync/helpers';
import { idleSchedulerEnv } from '../../sync/idle-scheduler-env';
import { makeTestState } from '../make-test-state';

export const START = Date.UTC(2026, 10, 20, 9, 0);
/** When Léa records the family again (her phone number is the newer one). */
export const LATER = Date.UTC(2026, 10, 24, 15, 0);

export const USERNAME: Record<Role, string> = {
  admin: 'admin',
  coordinator: 'camille',
  counsellor: 'sam',
  volunteer: 'vol',
};

export interface Family {
  householdId: string;
}

export interface ConsoleServer {
  real: TestServer;
  adminToken: string;
  sams: Family;
  leas: Family;
  devices: Device[];
}

async function recordZoe(
  device: Device,
  options: { welcomePointId: string; lastName: string; phone: string; salaryCents?: number },
): Promise<Family> {
  const { household } = await device.repository.createHousehold(
    { ...householdFields(), welcomePointId: options.welcomePointId, phone: options.phone },
    [{ role: 'applicant', firstName: 'Zoé', lastName: options.lastName, birthDate: '1984-03-07' }],
  );
  if (options.salaryCents !== undefined) {
    await device.repository.addRow('resource', household.id, {
      type: 'salary',
      amountCents: options.salaryCents,
      frequency: 'monthly',
      regular: true,
    });
    await device.repository.addRow('charge', household.id, {
      type: 'rent',
      amountCents: 62_000,
      frequency: 'monthly',
      mode: 'real',
    });
  }
  await device.repository.addDebtWithCreditor(
    household.id,
    { name: 'Cofidis', category: 'credit_institution' },
    debtFields({ product: 'revolving_credit', capitalRemainingCents: 350_000, reference: 'CF-778812' }),
  );
  await device.client.sync();
  return { householdId: household.id };
}

/** The server with Sam's and Léa's records of the same family, detected as a pair. */
export async function consoleServer(opened: { close(): void }[]): Promise<ConsoleServer> {
  const real = await TestServer.start(sqliteEngine, new TestClock(START, 1));
  const adminToken = await real.makeWorld(
    [
      { username: 'camille', displayName: 'Camille Roux', role: 'coordinator' },
      { username: 'sam', displayName: 'Sam Martin', role: 'counsellor' },
      { username: 'lea', displayName: 'Léa Bernard', role: 'counsellor', welcomePointIds: [WP_B] },
      { username: 'vol', role: 'volunteer' },
    ],
    { pointB: true },
  );
  const samsTablet = await makeDevice(real, 'tablet', { username: 'sam' });
  const leasPhone = await makeDevice(real, 'phone', { username: 'lea' });
  opened.push(samsTablet.db, leasPhone.db);
  const sams = await recordZoe(samsTablet, {
    welcomePointId: WP_A,
    lastName: 'Martin',
    phone: '06 11 22 33 44',
    salaryCents: 145_000,
  });
  real.clock.ms = LATER;
  const leas = await recordZoe(leasPhone, {
    welcomePointId: WP_B,
    lastName: 'Martain',
    phone: '06 99 88 77 66',
  });
  await real.app.duplicates.idle();
  return { real, adminToken, sams, leas, devices: [samsTablet, leasPhone] };
}

/** A third record of Zoé (Point A, Sam's tablet): pairs with both of the others. */
export async function recordZoeAgain(server: ConsoleServer): Promise<Family> {
  const tablet = server.devices[0];
  if (tablet === undefined) throw new Error('no tablet');
  const third = await recordZoe(tablet, {
    welcomePointId: WP_A,
    lastName: 'Martin',
    phone: '06 11 22 33 44',
  });
  await server.real.app.duplicates.idle();
  return third;
}

export async function queueOf(server: ConsoleServer, status = 'open'): Promise<DuplicateCandidate[]> {
  const response = await server.real.inject(
    'GET',
    `/api/coordination/duplicates?status=${status}`,
    undefined,
    server.adminToken,
  );
  return (response.body as { candidates: DuplicateCandidate[] }).candidates;
}

/**
 * The link between the console and the server: it notes each request (method, path, body),
 * `dropNext` lets the server apply the next request to a path and then loses its answer (the
 * connection cut after the commit), `hold` keeps POSTs waiting.
 */
export class ConsoleLink {
  readonly requests: { method: string; path: string; query: URLSearchParams; body: unknown }[] = [];
  dropNext: string | null = null;
  hold: Promise<void> | null = null;
  constructor(private readonly real: TestServer) {}

  fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input, 'http://127.0.0.1');
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    if (method === 'POST' && url.pathname.startsWith('/api/coordination/')) await this.hold;
    const response = await this.real.fetch(input, init);
    if (this.dropNext === url.pathname) {
      this.dropNext = null;
      throw new TypeError('network connection lost');
    }
    return response;
  };

  posted(path: string): unknown[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => r.body);
  }
}

/** The app state on a device wired as in boot.tsx, `role`'s account signed in (nobody for null). */
export async function signedIn(role: Role | null, server: ConsoleServer) {
  const base = makeTestState();
  const link = new ConsoleLink(server.real);
  const service = createSyncService({
    db: base.deps.workspace.repository.db,
    fetch: link.fetch,
    appVersion: '1.2.3',
    env: idleSchedulerEnv,
  });
  if (role !== null) await service.login(USERNAME[role], PASSWORD);
  const state = createAppState({ ...base.deps, sync: service });
  await act(() => state.start());
  return { ...base, state, service, link };
}
