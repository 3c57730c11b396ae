/**
 * The real server of the Network page's screen tests. Server time: Friday 20 November 2026.
 * Sam's tablet records at Point A, Léa's phone at Point B, and both push through the real device
 * client; the server derives the report facts and plan states in its drain (RPT8).
 *
 * Report period 2026-01-01 … 2026-03-31. Every figure the tests expect is derived here by hand:
 * - H1 (A) opened 5 Jan 2026: done appointments on 10 Jan and 12 Feb; a budget diagnosis on 3 Feb.
 * - H2 (A, RL-2026-0002, counsellor "sam") opened 1 Oct 2025, still open: carried over. A done
 *   appointment on 15 Mar. Plan P1: 12 × 100 € from 5 Jun 2026; Jun, Jul, Aug paid.
 * - H3 (B, RL-2026-0003) opened 2 Mar 2026: a done appointment on 3 Mar. Plan P2: 6 × 50 € from
 *   1 Oct 2026, nothing paid.
 *
 * consultations 4 (Jan 1, Feb 1, Mar 2; A 3, B 1); diagnoses 1 (Feb; A 1); households_new 2
 * (Jan 1 H1, Mar 1 H3; A 1, B 1); households_followed 3 (Jan H1+H2 = 2, Feb 2, Mar H1+H2+H3 = 3;
 * A 2, B 1); so 1 followed from before the period.
 *
 * Plans on 20 Nov 2026 (default thresholds: 10 days' grace, late from 1 missed, failing from 3):
 * - P1: Sep 5, Oct 5, Nov 5 (+10 days = 15 Nov, before the 20th) unpaid: 3 missed, 300,00 € in
 *   arrears, late and failing; next instalment 5 Dec 2026, last 5 May 2027.
 * - P2: Oct 1 and Nov 1 (+10 = 11 Nov) unpaid: 2 missed, 100,00 €, late, not failing; next
 *   1 Dec 2026, last 1 Mar 2027.
 * The late list: P2 (next due 1 Dec) before P1 (5 Dec); the failing list: P1.
 */

import type { ActivityReport } from '../../../src/domain/reports/activity-report';
import type { Role } from '../../../src/domain/sync/protocol';
import {
  type Device,
  householdFields,
  makeDevice,
  sqliteEngine,
  TestClock,
  TestServer,
  WP_A,
  WP_B,
} from '../../sync/helpers';

export { signedIn } from '../coordination/coordination-fixture';

export const NOW = Date.UTC(2026, 10, 20, 9, 0);
export const PERIOD = { from: '2026-01-01', to: '2026-03-31' };

export interface NetworkServer {
  real: TestServer;
  adminToken: string;
  devices: Device[];
  households: Record<'h1' | 'h2' | 'h3', string>;
}

async function household(device: Device, fields: Record<string, unknown>): Promise<string> {
  const { household } = await device.repository.createHousehold(
    { ...householdFields(), ...fields } as Parameters<Device['repository']['createHousehold']>[0],
    [{ role: 'applicant', firstName: 'Zoé', lastName: 'Martin', birthDate: '1984-03-07' }],
  );
  return household.id;
}

async function doneAppointment(device: Device, householdId: string, day: string): Promise<void> {
  await device.repository.addRow('appointment', householdId, {
    startsAt: `${day}T09:00`,
    status: 'done',
  });
}

export async function networkServer(
  opened: { close(): void }[],
  options: { counsellorWelcomePointB?: boolean } = {},
): Promise<NetworkServer> {
  const real = await TestServer.start(sqliteEngine, new TestClock(NOW, 1));
  const adminToken = await real.makeWorld(
    [
      { username: 'camille', displayName: 'Camille Roux', role: 'coordinator' },
      { username: 'sam', displayName: 'Sam Martin', role: 'counsellor' },
      { username: 'lea', displayName: 'Léa Bernard', role: 'counsellor', welcomePointIds: [WP_B] },
      { username: 'vol', role: 'volunteer' },
    ],
    { pointB: options.counsellorWelcomePointB ?? true },
  );
  const tablet = await makeDevice(real, 'tablet', { username: 'sam' });
  const phone = await makeDevice(real, 'phone', { username: 'lea' });
  opened.push(tablet.db, phone.db);

  const h1 = await household(tablet, { welcomePointId: WP_A, openedOn: '2026-01-05' });
  await doneAppointment(tablet, h1, '2026-01-10');
  await doneAppointment(tablet, h1, '2026-02-12');
  await tablet.repository.addRow('action', h1, {
    kind: 'budget_diagnosis',
    status: 'done',
    date: '2026-02-03',
  });

  const h2 = await household(tablet, {
    welcomePointId: WP_A,
    openedOn: '2025-10-01',
    reference: 'RL-2026-0002',
    counsellorId: 'sam',
  });
  await doneAppointment(tablet, h2, '2026-03-15');
  const p1 = await tablet.repository.addRow('plan', h2, {
    kind: 'amicable',
    firstDueOn: '2026-06-05',
    steps: [{ months: 12, monthlyCents: 10_000 }],
  });
  for (const dueOn of ['2026-06-05', '2026-07-05', '2026-08-05'])
    await tablet.repository.addRow('plan_payment', h2, {
      planId: p1.id,
      dueOn,
      status: 'paid',
      amountCents: 10_000,
      paidOn: dueOn,
      source: 'counsellor',
      recordedOn: dueOn,
    });
  await tablet.client.sync();

  const h3 = await household(phone, {
    welcomePointId: WP_B,
    openedOn: '2026-03-02',
    reference: 'RL-2026-0003',
  });
  await doneAppointment(phone, h3, '2026-03-03');
  await phone.repository.addRow('plan', h3, {
    kind: 'bdf_conventional',
    firstDueOn: '2026-10-01',
    steps: [{ months: 6, monthlyCents: 5_000 }],
  });
  await phone.client.sync();
  await real.app.derived.idle();
  return { real, adminToken, devices: [tablet, phone], households: { h1, h2, h3 } };
}

/** The report as the server answers it to the admin (to compare with what the screen shows). */
export async function serverReport(server: NetworkServer, query: string): Promise<ActivityReport> {
  const response = await server.real.inject(
    'GET',
    `/api/reports/activity?${query}`,
    undefined,
    server.adminToken,
  );
  return response.body as ActivityReport;
}

export type { Role };
