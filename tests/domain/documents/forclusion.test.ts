import { describe, expect, it } from 'vitest';
import {
  CONSUMER_CREDIT_PRODUCTS,
  checkDebtForclusion,
  checkForclusion,
} from '../../../src/domain/documents';
import { DossierSchema, toHouseholdDocument } from '../../../src/domain/dossier/dossier';
import { HouseholdSchema } from '../../../src/domain/household/household';
import { diagnosisOf, makeDossier, protect, withStoredDetails } from './fixture';

describe('forclusion warning (R312-35: two years from the first unpaid instalment)', () => {
  const today = '2026-11-27';

  it('warns from the second anniversary of the first unpaid instalment on', () => {
    expect(checkForclusion('revolving_credit', '2024-11-27', today)).toEqual({
      kind: 'warning',
      barredOn: '2026-11-27',
    });
    expect(checkForclusion('amortising_loan', '2023-01-15', today).kind).toBe('warning');
  });

  it('does not warn the day before the anniversary', () => {
    expect(checkForclusion('revolving_credit', '2024-11-28', today)).toEqual({
      kind: 'ok',
      barredOn: '2026-11-28',
    });
  });

  it('29 February plus two years is 28 February', () => {
    expect(checkForclusion('overdraft', '2024-02-29', '2026-02-27').kind).toBe('ok');
    expect(checkForclusion('overdraft', '2024-02-29', '2026-02-28')).toEqual({
      kind: 'warning',
      barredOn: '2026-02-28',
    });
  });

  it('applies only to consumer credits, and asks for the date when it is unknown', () => {
    expect([...CONSUMER_CREDIT_PRODUCTS].sort()).toEqual(
      ['amortising_loan', 'lease', 'micro_credit', 'overdraft', 'revolving_credit'].sort(),
    );
    expect(checkForclusion('mortgage', '2020-01-01', today)).toEqual({ kind: 'not-applicable' });
    expect(checkForclusion('rent_arrears', '2020-01-01', today)).toEqual({ kind: 'not-applicable' });
    expect(checkForclusion('micro_credit', undefined, today)).toEqual({ kind: 'date-unknown' });
  });
});

describe('forclusion on the stored debt row', () => {
  const today = '2026-11-27';

  it('reads the first unpaid date stored on the debt (Debts tab), not a date typed on the letter', () => {
    const dossier = withStoredDetails(makeDossier(), { firstUnpaidOn: '2024-10-03' });
    const debt = dossier.debts.find((d) => d.id === 'debt-credit');
    if (!debt) throw new Error('no debt');
    expect(debt.firstUnpaidOn).toBe('2024-10-03');
    expect(checkDebtForclusion(debt, today)).toEqual({ kind: 'warning', barredOn: '2026-10-03' });
    expect(checkDebtForclusion({ ...debt, firstUnpaidOn: '2025-01-10' }, today)).toEqual({
      kind: 'ok',
      barredOn: '2027-01-10',
    });
    const { firstUnpaidOn: _unused, ...withoutDate } = debt;
    expect(checkDebtForclusion(withoutDate, today).kind).toBe('date-unknown');
  });

  it('the stored row with every new field stays valid, and the engine still diagnoses the household', () => {
    let dossier = withStoredDetails(makeDossier({ couple: true }), { firstUnpaidOn: '2024-10-03' });
    dossier = protect(dossier, 'm-marc', 'tutelle');
    dossier.household = {
      ...dossier.household,
      indebtednessCause: 'Perte d’emploi.',
      documentsProvided: ['id_filer', 'cause_letter'],
    };
    expect(DossierSchema.safeParse(dossier).success).toBe(true);
    const doc = toHouseholdDocument(dossier);
    const parsed = HouseholdSchema.safeParse(doc);
    expect(parsed.success).toBe(true);
    const serialised = JSON.stringify(doc);
    for (const key of ['firstUnpaidOn', 'legalProtection', 'RC-778899', 'TSA 12345', 'CLI-42']) {
      expect(serialised).not.toContain(key);
    }
    const diagnosis = diagnosisOf(dossier);
    expect(diagnosis.debts.totalOutstandingCents).toBe(420_000 + 60_000 + 130_000 + 85_000);
    expect(diagnosis).toEqual(diagnosisOf(makeDossier({ couple: true })));
  });
});
