import { describe, expect, it } from 'vitest';
import { ChargeSchema } from '../../../src/domain/household/charge';
import { HouseholdSchema } from '../../../src/domain/household/household';
import { exampleA, exampleB } from '../budget/household-fixtures';

const paths = (value: unknown) => {
  const result = HouseholdSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('HouseholdSchema', () => {
  it('accepts the worked-example households', () => {
    expect(HouseholdSchema.safeParse(exampleA()).success).toBe(true);
    expect(HouseholdSchema.safeParse(exampleB()).success).toBe(true);
  });
  it('requires integer cents and real dates', () => {
    const h = exampleA();
    expect(paths({ ...h, resources: [{ ...h.resources[0], amountCents: 1800.5 }] })).toEqual([
      'resources.0.amountCents',
    ]);
    expect(paths({ ...h, members: [{ ...h.members[0], birthDate: '1980-02-30' }] })).toEqual([
      'members.0.birthDate',
    ]);
    expect(paths({ ...h, departement: '1' })).toEqual(['departement']);
  });
  it('checks the references between rows and the ids', () => {
    const h = exampleA();
    expect(paths({ ...h, debts: [{ ...h.debts[0], creditorId: 'nope' }] })).toEqual(['debts.0.creditorId']);
    expect(paths({ ...h, resources: [{ ...h.resources[0], ownerMemberId: 'ghost' }] })).toEqual([
      'resources.0.ownerMemberId',
    ]);
    expect(paths({ ...h, creditors: [...h.creditors, h.creditors[0]] })).toEqual(['creditors.4.id']);
  });
  it('requires exactly one applicant and at most one partner', () => {
    const h = exampleB();
    expect(paths({ ...h, members: h.members.filter((m) => m.role !== 'applicant') })).toEqual([
      'members',
      'resources.0.ownerMemberId',
    ]);
    expect(
      paths({
        ...h,
        members: [...h.members, { id: 'm9', role: 'non_filing_spouse', birthDate: '1980-01-01' }],
      }),
    ).toEqual(['members']);
  });
  it('requires a ceiling on capped_real charges', () => {
    const result = ChargeSchema.safeParse({
      id: 'c',
      type: 'work_transport',
      amountCents: 100,
      frequency: 'monthly',
      mode: 'capped_real',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['capMonthlyCents']);
  });
});
