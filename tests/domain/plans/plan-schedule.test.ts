import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/dates';
import { formalNoticeRuleOn } from '../../../src/domain/parameters/parameters-on';
import { planMonths, planSchedule, planScheduleIssue } from '../../../src/domain/plans/plan-schedule';
import { plan } from './plan-fixtures';

describe('planSchedule (PLAN1)', () => {
  it('[PLAN1] keeps the first due day each month: 31 January → 29 February (leap) → 31 March → 30 April', () => {
    const schedule = planSchedule(
      plan({
        firstDueOn: '2024-01-31',
        steps: [
          { months: 2, monthlyCents: 0 },
          { months: 3, monthlyCents: 12_345 },
        ],
      }),
    );
    expect(schedule).toEqual([
      { dueOn: '2024-01-31', dueCents: 0 },
      { dueOn: '2024-02-29', dueCents: 0 },
      { dueOn: '2024-03-31', dueCents: 12_345 },
      { dueOn: '2024-04-30', dueCents: 12_345 },
      { dueOn: '2024-05-31', dueCents: 12_345 },
    ]);
  });

  it('[PLAN1] 28 February in a common year, and across a year end', () => {
    const dues = planSchedule(
      plan({ firstDueOn: '2025-11-30', steps: [{ months: 4, monthlyCents: 1 }] }),
    ).map((i) => i.dueOn);
    expect(dues).toEqual(['2025-11-30', '2025-12-30', '2026-01-30', '2026-02-28']);
  });

  it('[PLAN1] counts the months of every step', () => {
    expect(
      planMonths({
        steps: [
          { months: 24, monthlyCents: 0 },
          { months: 60, monthlyCents: 5_000 },
        ],
      }),
    ).toBe(84);
  });
});

describe('planScheduleIssue (PLAN1, L733-3)', () => {
  it('[PLAN1] accepts 84 months in all and refuses 85, naming the dated limit', () => {
    const at84 = plan({
      steps: [
        { months: 24, monthlyCents: 0 },
        { months: 60, monthlyCents: 5_000 },
      ],
    });
    expect(planScheduleIssue(at84)).toBeUndefined();
    const at85 = plan({
      steps: [
        { months: 25, monthlyCents: 0 },
        { months: 60, monthlyCents: 5_000 },
      ],
    });
    expect(planScheduleIssue(at85)).toEqual({
      code: 'too_long',
      months: 85,
      maxMonths: 84,
      parameterId: 'plan-duration-2016',
    });
  });

  it('[PLAN1] a plan starting before the limit was in force has no figure to check against', () => {
    expect(() => planScheduleIssue(plan({ firstDueOn: '2015-01-05' }))).toThrow(/planDuration/);
  });
});

describe('the formal notice rule (PLAN5, R732-2)', () => {
  it('[PLAN5] is a dated legal parameter of 15 days with its source', () => {
    const rule = formalNoticeRuleOn('2026-05-02');
    expect(rule.lapseDays).toBe(15);
    expect(rule.legalBasis).toMatch(/R732-2/);
    expect(rule.sourceUrls.length).toBeGreaterThan(0);
    expect(() => formalNoticeRuleOn('2016-06-30')).toThrow(/planFormalNotice/);
  });
});

describe('addDays', () => {
  it('crosses month and leap-year ends', () => {
    expect(addDays('2026-02-20', 10)).toBe('2026-03-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
