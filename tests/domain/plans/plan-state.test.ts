import { describe, expect, it } from 'vitest';
import { planState } from '../../../src/domain/plans/plan-state';
import { payment, plan, THRESHOLDS } from './plan-fixtures';

// Plan: 12 × 100 € due on the 5th, March 2026 → February 2027; grace 10 days.
const LAPSE = 15;

describe('grace and missed instalments (PLAN2)', () => {
  it('[PLAN2] an unrecorded instalment is missed from the day after its grace, not on its last day', () => {
    // Due 5 March + 10 days = 15 March: the last day of grace.
    const onLastDay = planState(plan(), [], '2026-03-15', THRESHOLDS, LAPSE);
    expect(onLastDay).toMatchObject({ status: 'on_track', missedCount: 0, arrearsCents: 0, failing: false });
    // Changes on 16 March with no record.
    expect(onLastDay.recheckOn).toBe('2026-03-16');
    const dayAfter = planState(plan(), [], '2026-03-16', THRESHOLDS, LAPSE);
    expect(dayAfter).toMatchObject({ status: 'late', missedCount: 1, arrearsCents: 10_000, failing: false });
    // Next change: on 6 April the next instalment becomes 5 May.
    expect(dayAfter.nextDueOn).toBe('2026-04-05');
    expect(dayAfter.recheckOn).toBe('2026-04-06');
  });

  it('[PLAN2] a late payment recorded later makes good a missed instalment', () => {
    const missed = payment({ dueOn: '2026-03-05', status: 'missed', recordedOn: '2026-03-20' });
    const madeGood = payment({
      dueOn: '2026-03-05',
      status: 'late',
      amountCents: 10_000,
      paidOn: '2026-03-27',
      recordedOn: '2026-03-28',
    });
    expect(planState(plan(), [missed], '2026-03-30', THRESHOLDS, LAPSE)).toMatchObject({
      status: 'late',
      missedCount: 1,
      arrearsCents: 10_000,
    });
    // Whatever the order the records arrive in, the later one holds.
    for (const records of [
      [missed, madeGood],
      [madeGood, missed],
    ]) {
      expect(planState(plan(), records, '2026-03-30', THRESHOLDS, LAPSE)).toMatchObject({
        status: 'on_track',
        missedCount: 0,
        arrearsCents: 0,
      });
    }
  });

  it('[PLAN2] two records of one day: the greater id holds', () => {
    const a = payment({ id: 'aaaaaaaa-0000-4000-8000-000000000000', dueOn: '2026-03-05', status: 'paid' });
    const b = payment({ id: 'bbbbbbbb-0000-4000-8000-000000000000', dueOn: '2026-03-05', status: 'missed' });
    for (const records of [
      [a, b],
      [b, a],
    ]) {
      expect(planState(plan(), records, '2026-03-10', THRESHOLDS, LAPSE).missedCount).toBe(1);
    }
  });

  it('[PLAN2] arrears add what is short on each instalment; a partial payment is not a missed one', () => {
    const records = [
      payment({ dueOn: '2026-03-05', status: 'paid', amountCents: 6_000 }),
      payment({ dueOn: '2026-04-05', status: 'late', amountCents: 10_000, paidOn: '2026-04-09' }),
      payment({ dueOn: '2026-05-05', status: 'missed' }),
      // June: not recorded, grace ends 15 June; today 20 June → missed.
      // July: overpaid, which does not pay off another instalment.
      payment({ dueOn: '2026-07-05', status: 'paid', amountCents: 25_000, recordedOn: '2026-06-20' }),
    ];
    const state = planState(plan(), records, '2026-06-20', THRESHOLDS, LAPSE);
    // 40 € short on March, 100 € on May, 100 € on June.
    expect(state.arrearsCents).toBe(4_000 + 10_000 + 10_000);
    expect(state.missedCount).toBe(2);
    expect(state.status).toBe('late');
    expect(state.failing).toBe(false);
  });

  it('[PLAN2] records of another plan, or of a day not in the schedule, are ignored', () => {
    const records = [
      payment({ dueOn: '2026-03-05', status: 'missed', planId: '22222222-2222-4222-8222-222222222222' }),
      payment({ dueOn: '2026-03-06', status: 'missed' }),
      payment({ dueOn: '2026-03-05', status: 'paid' }),
    ];
    expect(planState(plan(), records, '2026-03-30', THRESHOLDS, LAPSE).missedCount).toBe(0);
  });

  it('[PLAN2] a suspension step of 0 € owes nothing, recorded or not', () => {
    const suspended = plan({
      firstDueOn: '2026-01-10',
      steps: [
        { months: 6, monthlyCents: 0 },
        { months: 6, monthlyCents: 5_000 },
      ],
    });
    expect(planState(suspended, [], '2026-07-20', THRESHOLDS, LAPSE)).toMatchObject({
      status: 'on_track',
      missedCount: 0,
      arrearsCents: 0,
      nextDueOn: '2026-08-10',
    });
    // 10 July (first 50 €) + 10 days: missed from 21 July.
    expect(planState(suspended, [], '2026-07-21', THRESHOLDS, LAPSE)).toMatchObject({
      status: 'late',
      missedCount: 1,
      arrearsCents: 5_000,
      nextDueOn: '2026-08-10',
    });
  });
});

describe('status and failing (PLAN3, PLAN4)', () => {
  it('[PLAN3] the formal notice: 15 days after the notice it still runs; the day after, a BdF plan lapses', () => {
    const noticed = plan({ formalNoticeOn: '2026-05-02' });
    const paid = ['2026-03-05', '2026-04-05', '2026-05-05'].map((dueOn) =>
      payment({ dueOn, status: 'paid' }),
    );
    const lastDay = planState(noticed, paid, '2026-05-17', THRESHOLDS, LAPSE);
    expect(lastDay).toMatchObject({ status: 'formal_notice', failing: true, lapsesOn: '2026-05-17' });
    expect(lastDay.recheckOn).toBe('2026-05-18');
    expect(planState(noticed, paid, '2026-05-18', THRESHOLDS, LAPSE)).toMatchObject({
      status: 'lapsed',
      failing: true,
      lapsesOn: '2026-05-17',
    });
  });

  it('[PLAN3] an amicable plan never lapses: the notice stays, with no lapse day', () => {
    const state = planState(
      plan({ kind: 'amicable', formalNoticeOn: '2026-05-02' }),
      [],
      '2026-06-30',
      THRESHOLDS,
      LAPSE,
    );
    expect(state.status).toBe('formal_notice');
    expect(state.lapsesOn).toBeUndefined();
    expect(state.failing).toBe(true);
  });

  it('[PLAN3] a notice settled in time stops the clock; settled after its period, the plan has lapsed', () => {
    const inTime = plan({ formalNoticeOn: '2026-05-02', formalNoticeSettledOn: '2026-05-17' });
    const paid = ['2026-03-05', '2026-04-05', '2026-05-05'].map((dueOn) =>
      payment({ dueOn, status: 'paid' }),
    );
    expect(planState(inTime, paid, '2026-06-01', THRESHOLDS, LAPSE)).toMatchObject({
      status: 'on_track',
      failing: false,
    });
    const tooLate = plan({ formalNoticeOn: '2026-05-02', formalNoticeSettledOn: '2026-05-18' });
    expect(planState(tooLate, paid, '2026-06-01', THRESHOLDS, LAPSE).status).toBe('lapsed');
  });

  it('[PLAN3] precedence: ended > lapsed > formal notice > late > review due > ending soon > on track', () => {
    // On 20 January 2027, with a 6-month review clock: review due from 5 September 2026, ending
    // soon from 5 November 2026 (3 months before the last instalment, 5 February 2027).
    const thresholds = { ...THRESHOLDS, reviewEveryMonths: 6 };
    const noRecords = planState(plan(), [], '2027-01-20', thresholds, LAPSE);
    expect(noRecords.status).toBe('late');
    const allPaidSoFar = ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) =>
      payment({ dueOn: `2026-${m}-05`, status: 'paid' }),
    );
    const paidJanuary = [...allPaidSoFar, payment({ dueOn: '2027-01-05', status: 'paid' })];
    expect(planState(plan(), paidJanuary, '2027-01-20', thresholds, LAPSE).status).toBe('review_due');
    expect(
      planState(plan({ lastReviewOn: '2026-12-01' }), paidJanuary, '2027-01-20', thresholds, LAPSE).status,
    ).toBe('ending_soon');
    expect(
      planState(plan({ lastReviewOn: '2026-12-01' }), paidJanuary, '2026-11-04', thresholds, LAPSE).status,
    ).toBe('on_track');
    // A notice beats late; lapse beats the notice; an early end beats everything.
    expect(
      planState(plan({ formalNoticeOn: '2027-01-10' }), [], '2027-01-20', thresholds, LAPSE).status,
    ).toBe('formal_notice');
    expect(
      planState(plan({ formalNoticeOn: '2027-01-01' }), [], '2027-01-20', thresholds, LAPSE).status,
    ).toBe('lapsed');
    const ended = planState(
      plan({ formalNoticeOn: '2027-01-01', endedOn: '2027-01-19', endReason: 'superseded' }),
      [],
      '2027-01-20',
      thresholds,
      LAPSE,
    );
    expect(ended).toMatchObject({ status: 'ended', failing: false });
    expect(ended.recheckOn).toBeUndefined();
  });

  it('[PLAN3] ended once every instalment is recorded and nothing is owed', () => {
    const all = ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12']
      .map((m) => payment({ dueOn: `2026-${m}-05`, status: 'paid' }))
      .concat(['01', '02'].map((m) => payment({ dueOn: `2027-${m}-05`, status: 'paid' })));
    const state = planState(plan({ lastReviewOn: '2027-01-05' }), all, '2027-02-05', THRESHOLDS, LAPSE);
    expect(state).toMatchObject({ status: 'ended', failing: false, endsOn: '2027-02-05', arrearsCents: 0 });
    // The last one short by 1 cent: not ended.
    const short = [...all.slice(0, 11), payment({ dueOn: '2027-02-05', status: 'paid', amountCents: 9_999 })];
    expect(
      planState(plan({ lastReviewOn: '2027-01-05' }), short, '2027-02-05', THRESHOLDS, LAPSE),
    ).toMatchObject({
      status: 'ending_soon',
      arrearsCents: 1,
    });
  });

  it('[PLAN4] failing from failingAfterMissed missed instalments', () => {
    // Missed: March (from 16 March), April (from 16 April), May (from 16 May).
    expect(planState(plan(), [], '2026-05-15', THRESHOLDS, LAPSE)).toMatchObject({
      missedCount: 2,
      failing: false,
    });
    expect(planState(plan(), [], '2026-05-16', THRESHOLDS, LAPSE)).toMatchObject({
      missedCount: 3,
      failing: true,
    });
  });

  it('[PLAN5] other thresholds: no grace, late from 2 missed, failing from 2', () => {
    const strict = { ...THRESHOLDS, graceDays: 0, lateAfterMissed: 2, failingAfterMissed: 2 };
    expect(planState(plan(), [], '2026-03-05', strict, LAPSE)).toMatchObject({
      missedCount: 0,
      status: 'on_track',
    });
    expect(planState(plan(), [], '2026-03-06', strict, LAPSE)).toMatchObject({
      missedCount: 1,
      status: 'on_track',
      failing: false,
    });
    expect(planState(plan(), [], '2026-04-06', strict, LAPSE)).toMatchObject({
      missedCount: 2,
      status: 'late',
      failing: true,
    });
  });

  it('[PLAN6] recheckOn is the first day the state changes with no record: the review, the end clock', () => {
    const paid = [payment({ dueOn: '2026-03-05', status: 'paid' })];
    // 10 March: next due 5 April → changes on 6 April; April missed from 16 April; review
    // 5 March 2027; ending soon 5 November 2026. First: 6 April.
    expect(planState(plan(), paid, '2026-03-10', THRESHOLDS, LAPSE).recheckOn).toBe('2026-04-06');
    // A plan ended early in the future changes that day.
    expect(planState(plan({ endedOn: '2026-03-20' }), paid, '2026-03-10', THRESHOLDS, LAPSE).recheckOn).toBe(
      '2026-03-20',
    );
  });
});
