import { describe, expect, it } from 'vitest';
import { type RootRow, reportFacts } from '../../../src/domain/reports/report-facts';

const household = (data: Record<string, unknown> = {}, deleted = false): RootRow => ({
  entity: 'household',
  id: 'h1',
  deleted,
  data: { status: 'active', openedOn: '2026-01-10', ...data },
});
const action = (id: string, data: Record<string, unknown>, deleted = false): RootRow => ({
  entity: 'action',
  id,
  deleted,
  data: { date: '2026-02-03', status: 'done', ...data },
});
const row = (entity: string, id: string, data: Record<string, unknown>, deleted = false): RootRow => ({
  entity,
  id,
  deleted,
  data,
});

/** The facts as `code@startsOn..endsOn×quantity`, sorted, so a test reads as its hand-derived list. */
const facts = (rows: RootRow[], survivorOf?: (id: string) => string): string[] =>
  reportFacts(rows, survivorOf)
    .map((f) => `${f.code}@${f.startsOn}..${f.endsOn ?? 'open'}×${f.quantity}`)
    .sort();

describe('reportFacts (RPT1, RPT2)', () => {
  it('RPT1: a household is new on its opening day and followed from then until it is closed', () => {
    expect(facts([household()])).toEqual([
      'households_followed@2026-01-10..open×1',
      'households_new@2026-01-10..2026-01-10×1',
    ]);
    expect(facts([household({ closedOn: '2026-06-30' })])).toContain(
      'households_followed@2026-01-10..2026-06-30×1',
    );
  });

  it('RPT1a, RPT4: a deleted or merged household has no facts, whatever its rows', () => {
    const children = [action('a1', { kind: 'bdf_filing' })];
    expect(facts([household({}, true), ...children])).toEqual([]);
    expect(facts([household({ mergedInto: 'h2' }), ...children])).toEqual([]);
  });

  it('RPT1: each action kind counts under its code, dated as the table says', () => {
    const rows = [
      household(),
      action('a1', { kind: 'budget_diagnosis' }),
      action('a2', { kind: 'bdf_filing', date: '2026-02-10' }),
      action('a3', { kind: 'bdf_decision', decision: 'personal_recovery_ordered', date: '2026-05-01' }),
      action('a4', { kind: 'bdf_decision', decision: 'liquidation_ordered', date: '2026-05-02' }),
      action('a5', { kind: 'bdf_decision', decision: 'admissible' }),
      action('a6', {
        kind: 'grace_period',
        status: 'answered',
        answer: { date: '2026-03-20', outcome: 'partially_accepted' },
      }),
      action('a7', {
        kind: 'grace_period',
        status: 'answered',
        answer: { date: '2026-03-21', outcome: 'refused' },
      }),
      action('a8', { kind: 'grace_period', status: 'sent' }),
      action('a9', { kind: 'mediation_request', status: 'sent', date: '2026-04-01' }),
      action('a10', { kind: 'tax_relief_request', status: 'sent', date: '2026-04-02' }),
      action('a11', { kind: 'micro_credit_application', date: '2026-04-03' }),
      action('a12', { kind: 'document_produced', documentKind: 'bdf_file' }),
    ];
    expect(facts(rows)).toEqual([
      'bank_mediations@2026-04-01..2026-04-01×1',
      'bdf_dossiers@2026-02-10..2026-02-10×1',
      'diagnoses@2026-02-03..2026-02-03×1',
      'grace_periods@2026-03-20..2026-03-20×1',
      'households_followed@2026-01-10..open×1',
      'households_new@2026-01-10..2026-01-10×1',
      'liquidations@2026-05-02..2026-05-02×1',
      'microcredit_requests@2026-04-03..2026-04-03×1',
      'prp@2026-05-01..2026-05-01×1',
      'tax_relief@2026-04-02..2026-04-02×1',
    ]);
  });

  it('RPT1a, RPT1b: the latest revision counts; a cancelled, planned or deleted action does not', () => {
    const rows = [
      household(),
      action('d1', { kind: 'budget_diagnosis', date: '2026-02-01' }),
      action('d2', {
        kind: 'budget_diagnosis',
        date: '2026-03-05',
        supersedes: 'd1',
        revision: { kind: 'correction', reason: 'wrong day', writtenAt: 2 },
      }),
      action('f1', { kind: 'bdf_filing' }),
      action('f2', {
        kind: 'bdf_filing',
        status: 'cancelled',
        supersedes: 'f1',
        revision: { kind: 'cancellation', reason: 'not filed', writtenAt: 3 },
      }),
      action('t1', { kind: 'tax_relief_request', status: 'planned' }),
      action('m1', { kind: 'mediation_request' }, true),
    ];
    expect(facts(rows).filter((f) => !f.startsWith('households'))).toEqual([
      'diagnoses@2026-03-05..2026-03-05×1',
    ]);
  });

  it('RPT1a: two concurrent corrections of one action count it once, as the one written last', () => {
    const fix = (id: string, date: string, writtenAt: number) =>
      action(id, {
        kind: 'bdf_filing',
        date,
        supersedes: 'f1',
        revision: { kind: 'correction', reason: 'date', writtenAt },
      });
    const rows = [
      household(),
      action('f1', { kind: 'bdf_filing' }),
      fix('f2', '2026-02-11', 9),
      fix('f3', '2026-02-12', 5),
    ];
    expect(facts(rows).filter((f) => f.startsWith('bdf'))).toEqual(['bdf_dossiers@2026-02-11..2026-02-11×1']);
  });

  it('RPT1: done appointments are consultations; plans are spans to their last instalment or end', () => {
    const rows = [
      household(),
      row('appointment', 'p1', { startsAt: '2026-02-14T09:30', status: 'done', orientation: 'mediation' }),
      row('appointment', 'p2', { startsAt: '2026-02-15T09:30', status: 'missed' }),
      row('appointment', 'p3', { startsAt: '2026-02-16T09:30', status: 'planned' }),
      // 6 + 12 monthly instalments from 31 January: the 18th falls on 31 June → 30 June 2027.
      row('plan', 'pl1', {
        kind: 'bdf_imposed',
        firstDueOn: '2026-01-31',
        steps: [
          { months: 6, monthlyCents: 0 },
          { months: 12, monthlyCents: 5000 },
        ],
      }),
      row('plan', 'pl2', {
        kind: 'amicable',
        firstDueOn: '2026-03-05',
        steps: [{ months: 24, monthlyCents: 100 }],
        endedOn: '2026-09-01',
      }),
    ];
    expect(facts(rows).filter((f) => !f.startsWith('households'))).toEqual([
      'consultations@2026-02-14..2026-02-14×1',
      'plans_followed@2026-01-31..2027-06-30×1',
      'plans_followed@2026-03-05..2026-09-01×1',
    ]);
  });

  it('RPT1: a micro-credit is a request, then instructed, then granted on their own days', () => {
    const rows = [
      household(),
      row('microcredit', 'mc1', {
        requestedOn: '2026-01-20',
        instructedOn: '2026-02-02',
        decision: 'granted',
        decidedOn: '2026-03-03',
      }),
      row('microcredit', 'mc2', { requestedOn: '2026-01-21', decision: 'refused', decidedOn: '2026-02-01' }),
    ];
    expect(facts(rows).filter((f) => f.startsWith('micro'))).toEqual([
      'microcredit_granted@2026-03-03..2026-03-03×1',
      'microcredit_instructed@2026-02-02..2026-02-02×1',
      'microcredit_requests@2026-01-20..2026-01-20×1',
      'microcredit_requests@2026-01-21..2026-01-21×1',
    ]);
  });

  it('WS2, RPT6: a workshop counts duration × (distinct households after merges + anonymous)', () => {
    const workshop = row('workshop', 'w1', {
      date: '2026-04-09',
      welcomePointId: 'wp1',
      topic: 'Budget',
      durationMinutes: 120,
      participantHouseholdIds: ['h1', 'h2', 'h3'],
      anonymousParticipants: 2,
    });
    // 3 named + 2 anonymous = 5 participants × 120 min = 600.
    expect(facts([workshop])).toEqual(['training_hours@2026-04-09..2026-04-09×600']);
    // h2 was merged into h1: 2 named + 2 anonymous = 4 × 120 = 480.
    expect(facts([workshop], (id) => (id === 'h2' ? 'h1' : id))).toEqual([
      'training_hours@2026-04-09..2026-04-09×480',
    ]);
    expect(facts([{ ...workshop, deleted: true }])).toEqual([]);
  });
});
