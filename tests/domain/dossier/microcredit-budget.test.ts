/**
 * MC2 (docs/reports-and-plans.md): a micro-credit granted and not yet repaid weighs on the budget
 * by its monthly payment, as a loan's current instalment does. The fixture (Awa Diallo, single):
 * resources 1,450 € salary + 210 € housing benefit; one running loan at 180 €/month (the rent
 * arrears and the tax debt have no instalment).
 */
import { describe, expect, it } from 'vitest';
import { type Dossier, toHouseholdDocument } from '../../../src/domain/dossier/dossier';
import type { MicrocreditRow } from '../../../src/domain/dossier/rows';
import { HouseholdSchema } from '../../../src/domain/household/household';
import { diagnosisOf, makeDossier, meta } from '../documents/fixture';

function microcredit(overrides: Partial<MicrocreditRow> = {}): MicrocreditRow {
  return {
    ...meta('mc-1'),
    requestedOn: '2026-05-04',
    decision: 'granted',
    decidedOn: '2026-06-01',
    lender: 'Crédit Municipal',
    amountCents: 300_000,
    months: 24,
    monthlyPaymentCents: 13_500,
    firstPaymentOn: '2026-07-05',
    ...overrides,
  } as MicrocreditRow;
}

function withMicrocredits(...rows: MicrocreditRow[]): Dossier {
  return { ...makeDossier({ withScenario: false }), microcredits: rows };
}

describe('MC2: a granted micro-credit being repaid is a loan repayment of the budget', () => {
  it('[MC2] its 135 € monthly payment adds to the current instalments: 180 € + 135 € = 315 €, and the reste à vivre before a plan falls by 135 €', () => {
    const without = diagnosisOf(withMicrocredits());
    const withMc = diagnosisOf(withMicrocredits(microcredit()));
    // By hand: the fixture's one running loan, 18,000 cents, plus the micro-credit's 13,500.
    expect(without.debts.instalmentsMonthlyCents).toBe(18_000);
    expect(withMc.debts.instalmentsMonthlyCents).toBe(31_500);
    expect(withMc.indicators.ravBeforePlanCents).toBe(without.indicators.ravBeforePlanCents - 13_500);
    // Debt ratio (rent excluded): 31,500 / 166,000 resources = 18.98 % → 1,898 bps.
    expect(withMc.resources.totalMonthlyCents).toBe(166_000);
    expect(withMc.indicators.debtRatioBps).toBe(1_898);
    // It owes nothing more to the liability (its remaining capital is not recorded).
    expect(withMc.debts.totalOutstandingCents).toBe(without.debts.totalOutstandingCents);
  });

  it('[MC2] the document names the lender as the creditor of a micro_credit debt and stays valid', () => {
    const doc = HouseholdSchema.parse(toHouseholdDocument(withMicrocredits(microcredit())));
    expect(doc.creditors.find((c) => c.id === 'mc-1')).toEqual({
      id: 'mc-1',
      name: 'Crédit Municipal',
      category: 'credit_institution',
    });
    expect(doc.debts.find((d) => d.id === 'mc-1')).toMatchObject({
      creditorId: 'mc-1',
      product: 'micro_credit',
      instalmentMonthlyCents: 13_500,
    });
  });

  it('[MC2] only once granted and until repaid: requested, refused, repaid, without a payment or deleted, it is not in the budget', () => {
    const notCounted = [
      microcredit({ decision: undefined }),
      microcredit({ decision: 'refused' }),
      microcredit({ repaidOn: '2028-06-05' }),
      microcredit({ monthlyPaymentCents: undefined }),
      microcredit({ deleted: true }),
    ];
    for (const row of notCounted) {
      const doc = toHouseholdDocument(withMicrocredits(row));
      expect(doc.debts.map((d) => d.id)).not.toContain('mc-1');
      expect(diagnosisOf(withMicrocredits(row)).debts.instalmentsMonthlyCents).toBe(18_000);
    }
  });
});
