import { describe, expect, it } from 'vitest';
import { planReminders } from '../../../src/domain/plans/plan-reminders';
import { planState } from '../../../src/domain/plans/plan-state';
import { payment, plan, THRESHOLDS } from './plan-fixtures';

function remindersOn(p: ReturnType<typeof plan>, records: ReturnType<typeof payment>[], today: string) {
  return planReminders(planState(p, records, today, THRESHOLDS, 15), p, today, THRESHOLDS);
}

describe('planReminders (PLAN8)', () => {
  it('[PLAN8] the next instalment, its day and amount', () => {
    expect(remindersOn(plan(), [], '2026-03-01')).toEqual([
      { code: 'instalment_due', dueOn: '2026-03-05', dueCents: 10_000 },
    ]);
  });

  it('[PLAN8] missed instalments with what is owed, then the next instalment', () => {
    expect(
      remindersOn(
        plan(),
        [payment({ dueOn: '2026-03-05', status: 'paid', amountCents: 7_500 })],
        '2026-04-20',
      ),
    ).toEqual([
      { code: 'instalments_missed', missedCount: 1, arrearsCents: 2_500 + 10_000 },
      { code: 'instalment_due', dueOn: '2026-05-05', dueCents: 10_000 },
    ]);
  });

  it('[PLAN8] the formal notice clock: last day and days left, today counted', () => {
    const noticed = plan({ formalNoticeOn: '2026-03-10' });
    const paid = [payment({ dueOn: '2026-03-05', status: 'paid' })];
    // Period ends 25 March; on 20 March: 20, 21, 22, 23, 24, 25 = 6 days.
    expect(remindersOn(noticed, paid, '2026-03-20')[0]).toEqual({
      code: 'formal_notice',
      formalNoticeOn: '2026-03-10',
      lapsesOn: '2026-03-25',
      daysLeft: 6,
    });
    expect(remindersOn(noticed, paid, '2026-03-26')[0]).toEqual({
      code: 'plan_lapsed',
      lapsesOn: '2026-03-25',
    });
  });

  it('[PLAN8] the review, even when the plan is late; no instalment reminder in a 0 € suspension', () => {
    const suspended = plan({
      firstDueOn: '2025-01-05',
      steps: [
        { months: 30, monthlyCents: 0 },
        { months: 12, monthlyCents: 10_000 },
      ],
    });
    expect(remindersOn(suspended, [], '2026-01-10')).toEqual([{ code: 'review_due', dueOn: '2026-01-05' }]);
  });

  it('[PLAN8] the end near; nothing once ended', () => {
    const short = plan({ steps: [{ months: 2, monthlyCents: 10_000 }] });
    const first = [payment({ dueOn: '2026-03-05', status: 'paid' })];
    expect(remindersOn(short, first, '2026-03-20')).toEqual([
      { code: 'instalment_due', dueOn: '2026-04-05', dueCents: 10_000 },
      { code: 'plan_ends', endsOn: '2026-04-05' },
    ]);
    const both = [...first, payment({ dueOn: '2026-04-05', status: 'paid' })];
    expect(remindersOn(short, both, '2026-04-05')).toEqual([]);
  });
});
