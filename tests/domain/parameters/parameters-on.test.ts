import { describe, expect, it } from 'vitest';
import {
  chooseForfaits,
  forfaitForPersons,
  NATIONAL_DEFAULT_FORFAITS,
} from '../../../src/domain/parameters/commission-forfaits';
import { LEGAL_INTEREST_RATES } from '../../../src/domain/parameters/legal-interest-rates';
import { MissingParameterError } from '../../../src/domain/parameters/lookup';
import { PARAMETER_SET_VERSION, ParameterMetaSchema } from '../../../src/domain/parameters/parameter-meta';
import {
  consumptionUnitScaleOn,
  debtRatioThresholdOn,
  legalInterestRateOn,
  planDurationOn,
  rsaAmountsOn,
  seizureScaleOn,
} from '../../../src/domain/parameters/parameters-on';
import { RSA_AMOUNTS } from '../../../src/domain/parameters/rsa-amounts';
import { SEIZURE_SCALES } from '../../../src/domain/parameters/seizure-scales';

function missing(fn: () => unknown): MissingParameterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MissingParameterError) return error;
    throw error;
  }
  throw new Error('expected a MissingParameterError');
}

describe('parameter records', () => {
  it('all carry a valid date window and a source', () => {
    for (const record of [...SEIZURE_SCALES, ...RSA_AMOUNTS, ...LEGAL_INTEREST_RATES]) {
      expect(ParameterMetaSchema.safeParse(record).success).toBe(true);
    }
    expect(PARAMETER_SET_VERSION).toMatch(/^fr-\d{4}\.\d+$/);
  });
});

describe('seizure scale by date', () => {
  it('switches on 1 January', () => {
    expect(seizureScaleOn('2024-12-31').id).toBe('seizure-scale-2024');
    expect(seizureScaleOn('2025-01-01').thresholdsAnnualCents[0]).toBe(444_000);
    expect(seizureScaleOn('2026-06-30').incrementPerDependentAnnualCents).toBe(174_000);
  });
  it('names the missing parameter outside 2024-2026', () => {
    const before = missing(() => seizureScaleOn('2023-12-31'));
    expect(before.parameter).toBe('seizureScale');
    expect(before.date).toBe('2023-12-31');
    expect(missing(() => seizureScaleOn('2027-01-01')).parameter).toBe('seizureScale');
  });
});

describe('RSA by date', () => {
  it('switches on 1 April', () => {
    expect(rsaAmountsOn('2025-03-31').baseMonthlyCents).toBe(63_571);
    expect(rsaAmountsOn('2025-04-01').baseMonthlyCents).toBe(64_652);
    expect(rsaAmountsOn('2025-04-01').mayotteBaseMonthlyCents).toBe(32_326);
  });
  it('is an error before April 2024', () => {
    expect(missing(() => rsaAmountsOn('2024-03-31')).parameter).toBe('rsa.amounts');
  });
  it('uses the unconfirmed press estimate from April 2026 (revaluation not published)', () => {
    const estimate = rsaAmountsOn('2026-04-01');
    expect(estimate).toMatchObject({
      id: 'rsa-2026-04-estimate',
      confidence: 'U',
      baseMonthlyCents: 65_234,
      validTo: null,
    });
    expect(rsaAmountsOn('2026-03-31').id).toBe('rsa-2025-04');
    expect(rsaAmountsOn('2026-11-27').id).toBe('rsa-2026-04-estimate');
    // 646.52 € + 0.9 % = 652.338 € → 652.34 €
    expect(Math.round(64_652 * 1.009)).toBe(estimate.baseMonthlyCents);
    expect(estimate.mayotteBaseMonthlyCents).toBeNull();
  });
});

describe('legal interest rate by semester', () => {
  it.each([
    ['2024-01-15', 801, 507],
    ['2024-07-01', 816, 492],
    ['2025-06-30', 721, 371],
    ['2025-12-31', 665, 276],
    ['2026-01-01', 667, 262],
  ])('on %s: %i bps (individual) / %i bps (other)', (on, individual, other) => {
    const rate = legalInterestRateOn(on);
    expect(rate.individualCreditorBps).toBe(individual);
    expect(rate.otherCreditorBps).toBe(other);
  });
  it('is an error for S2 2026 (not found)', () => {
    expect(missing(() => legalInterestRateOn('2026-07-01')).parameter).toBe('legalInterestRate');
  });
});

describe('other parameters', () => {
  it('HCSF 35 % since 2022, OECD-modified scale, 84-month plans', () => {
    expect(debtRatioThresholdOn('2026-01-01').maxDebtRatioBps).toBe(3_500);
    expect(missing(() => debtRatioThresholdOn('2021-12-31')).parameter).toBe('debtRatioThreshold');
    expect(consumptionUnitScaleOn('2026-01-01')).toMatchObject({
      firstAdultMilli: 1_000,
      otherOlderMilli: 500,
      youngChildMilli: 300,
      ageThresholdYears: 14,
    });
    expect(planDurationOn('2026-01-01').maxPlanMonths).toBe(84);
  });
});

describe('commission forfaits', () => {
  it('gives 573 € single, 774 € couple and +201 € per further person by default', () => {
    const base = NATIONAL_DEFAULT_FORFAITS.amounts.base;
    expect(base).toBeDefined();
    if (!base) return;
    expect(forfaitForPersons(base, 1)).toBe(57_300);
    expect(forfaitForPersons(base, 2)).toBe(77_400);
    expect(forfaitForPersons(base, 4)).toBe(117_600);
  });
  it("prefers the counsellor's département entry, then a national entry of the year, then the marked default", () => {
    const local = {
      ...NATIONAL_DEFAULT_FORFAITS,
      id: 'f-67',
      departement: '67',
      year: 2026,
      isNationalDefault: false,
    };
    const national = { ...NATIONAL_DEFAULT_FORFAITS, id: 'f-nat-2026', year: 2026, isNationalDefault: false };
    expect(chooseForfaits([national, local], '67', 2026)).toEqual({
      entry: local,
      usedNationalDefault: false,
    });
    expect(chooseForfaits([national, local], '68', 2026).entry.id).toBe('f-nat-2026');
    expect(chooseForfaits([local], '68', 2026)).toEqual({
      entry: NATIONAL_DEFAULT_FORFAITS,
      usedNationalDefault: true,
    });
  });
});
