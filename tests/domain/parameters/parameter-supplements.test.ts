import { describe, expect, it } from 'vitest';
import { MissingParameterError } from '../../../src/domain/parameters/lookup';
import {
  parameterCatalogue,
  unconfirmedParameters,
} from '../../../src/domain/parameters/parameter-catalogue';
import {
  type ParameterSupplements,
  ParameterSupplementsSchema,
} from '../../../src/domain/parameters/parameter-supplements';
import {
  legalInterestRateOn,
  rsaAmountsOn,
  seizureScaleOn,
} from '../../../src/domain/parameters/parameters-on';

const DECREE = 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000000000001';

const rsaDecree = {
  id: 'rsa-2026-04',
  validFrom: '2026-04-01',
  validTo: null,
  legalBasis: 'Décret de revalorisation du RSA au 1er avril 2026; CASF L262-2',
  sourceUrls: [DECREE],
  confidence: 'C',
  baseMonthlyCents: 65_100,
} as const;

const legalRateS2 = {
  id: 'legal-rate-2026-s2',
  validFrom: '2026-07-01',
  validTo: '2026-12-31',
  legalBasis: 'Arrêté fixant le taux de l’intérêt légal, 2e semestre 2026; C. mon. fin. L313-2',
  sourceUrls: [DECREE],
  confidence: 'C',
  individualCreditorBps: 650,
  otherCreditorBps: 250,
} as const;

function parse(input: unknown): ParameterSupplements {
  return ParameterSupplementsSchema.parse(input);
}

function thrown(fn: () => unknown): MissingParameterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MissingParameterError) return error;
    throw error;
  }
  throw new Error('expected a MissingParameterError');
}

function issues(input: unknown) {
  const result = ParameterSupplementsSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues;
}

describe('ParameterSupplementsSchema', () => {
  it('accepts an empty object and complete records', () => {
    expect(parse({})).toEqual({});
    const s = parse({ rsaAmounts: [rsaDecree], legalInterestRates: [legalRateS2] });
    expect(s.rsaAmounts?.[0]?.baseMonthlyCents).toBe(65_100);
  });

  it('rejects overlapping records of one kind with a clear message and path', () => {
    const found = issues({
      rsaAmounts: [
        { ...rsaDecree, id: 'rsa-a', validFrom: '2026-04-01', validTo: '2026-12-31' },
        { ...rsaDecree, id: 'rsa-b', validFrom: '2026-10-01', validTo: null },
      ],
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toEqual(['rsaAmounts', 1, 'validFrom']);
    expect(found[0]?.message).toBe(
      'supplement "rsa-b" (2026-10-01 to open end) overlaps "rsa-a" (2026-04-01 to 2026-12-31): one rsaAmounts record per date',
    );
  });

  it('allows adjacent windows and the same dates in two different kinds', () => {
    expect(
      ParameterSupplementsSchema.safeParse({
        rsaAmounts: [
          { ...rsaDecree, id: 'rsa-a', validTo: '2027-03-31' },
          { ...rsaDecree, id: 'rsa-b', validFrom: '2027-04-01' },
        ],
        legalInterestRates: [{ ...legalRateS2, validFrom: '2026-04-01', validTo: '2026-12-31' }],
      }).success,
    ).toBe(true);
  });

  it('rejects a window that ends before it starts, and duplicate ids', () => {
    const window = issues({ legalInterestRates: [{ ...legalRateS2, validTo: '2026-06-30' }] });
    expect(window.map((i) => [i.path, i.message])).toEqual([
      [['legalInterestRates', 0, 'validTo'], 'validFrom must not be after validTo'],
    ]);
    const duplicate = issues({
      rsaAmounts: [rsaDecree],
      legalInterestRates: [{ ...legalRateS2, id: 'rsa-2026-04' }],
    });
    expect(duplicate[0]?.path).toEqual(['legalInterestRates', 0, 'id']);
    expect(duplicate[0]?.message).toMatch(/duplicate supplement id "rsa-2026-04"/);
  });

  it('requires positive integer cents, integer bps, a source and a plain id', () => {
    const found = issues({
      // A link is optional (an admin's entry may give only the legal text) but must be a URL.
      rsaAmounts: [{ ...rsaDecree, baseMonthlyCents: 651.5, sourceUrls: ['décret du JO'] }],
      legalInterestRates: [{ ...legalRateS2, id: 'local:x', otherCreditorBps: 2.5 }],
    });
    expect(found.map((i) => i.path.join('.')).sort()).toEqual([
      'legalInterestRates.0.id',
      'legalInterestRates.0.otherCreditorBps',
      'rsaAmounts.0.baseMonthlyCents',
      'rsaAmounts.0.sourceUrls.0',
    ]);
    expect(issues({ rsaAmounts: [{ ...rsaDecree, baseMonthlyCents: 0 }] })[0]?.path).toEqual([
      'rsaAmounts',
      0,
      'baseMonthlyCents',
    ]);
  });

  it('rejects an unknown kind (a typo would otherwise be ignored)', () => {
    expect(issues({ rsaAmount: [rsaDecree] })[0]?.code).toBe('unrecognized_keys');
  });

  it('checks that seizure thresholds increase', () => {
    const scale = {
      id: 'seizure-scale-2027',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      legalBasis: 'Décret barème 2027',
      sourceUrls: [DECREE],
      confidence: 'C',
      thresholdsAnnualCents: [450_000, 880_000, 1_310_000, 1_740_000, 2_160_000, 2_600_000],
      incrementPerDependentAnnualCents: 175_000,
    };
    expect(ParameterSupplementsSchema.safeParse({ seizureScales: [scale] }).success).toBe(true);
    const bad = { ...scale, thresholdsAnnualCents: [450_000, 440_000, 1, 2, 3, 4] };
    expect(issues({ seizureScales: [bad] })[0]?.path).toEqual(['seizureScales', 0, 'thresholdsAnnualCents']);
  });
});

describe('lookups with supplements', () => {
  it('a supplement covering the date replaces the built-in [U] estimate, with a local: id', () => {
    const s = parse({ rsaAmounts: [rsaDecree] });
    expect(rsaAmountsOn('2026-11-27').id).toBe('rsa-2026-04-estimate');
    const local = rsaAmountsOn('2026-11-27', s);
    expect(local).toMatchObject({
      id: 'local:rsa-2026-04',
      baseMonthlyCents: 65_100,
      mayotteBaseMonthlyCents: null,
      confidence: 'C',
      secondPersonRate: 50_000,
      majoredBaseRate: 128_412,
    });
    // Dates the supplement does not cover keep the built-in records.
    expect(rsaAmountsOn('2025-06-01', s).id).toBe('rsa-2025-04');
  });

  it('a legal-rate supplement for S2 2026 fills the gap; without it the lookup still throws', () => {
    const s = parse({ legalInterestRates: [legalRateS2] });
    expect(legalInterestRateOn('2026-09-01', s)).toMatchObject({
      id: 'local:legal-rate-2026-s2',
      individualCreditorBps: 650,
      otherCreditorBps: 250,
    });
    expect(legalInterestRateOn('2026-02-01', s).id).toBe('legal-rate-2026-s1');
    expect(() => legalInterestRateOn('2026-09-01')).toThrow(MissingParameterError);
    expect(thrown(() => legalInterestRateOn('2026-09-01', parse({})))).toMatchObject({
      parameter: 'legalInterestRate',
      date: '2026-09-01',
    });
    expect(() => legalInterestRateOn('2027-01-01', s)).toThrow(MissingParameterError);
  });

  it('a seizure-scale supplement covers 2027', () => {
    expect(() => seizureScaleOn('2027-01-01')).toThrow(MissingParameterError);
    const s = parse({
      seizureScales: [
        {
          id: 'seizure-scale-2027',
          validFrom: '2027-01-01',
          validTo: '2027-12-31',
          legalBasis: 'Décret barème 2027',
          sourceUrls: [DECREE],
          confidence: 'C',
          thresholdsAnnualCents: [450_000, 880_000, 1_310_000, 1_740_000, 2_160_000, 2_600_000],
          incrementPerDependentAnnualCents: 175_000,
        },
      ],
    });
    expect(seizureScaleOn('2027-01-01', s).id).toBe('local:seizure-scale-2027');
  });

  it('finds the unconfirmed records among the ids a result used', () => {
    const s = parse({ legalInterestRates: [{ ...legalRateS2, confidence: 'U' }] });
    const ids = ['rsa-2026-04-estimate', 'seizure-scale-2026', 'local:legal-rate-2026-s2', 'unknown'];
    expect(unconfirmedParameters(ids, s).map((e) => [e.kind, e.record.id])).toEqual([
      ['rsa.amounts', 'rsa-2026-04-estimate'],
      ['legalInterestRate', 'local:legal-rate-2026-s2'],
    ]);
    expect(unconfirmedParameters(ids).map((e) => e.record.id)).toEqual(['rsa-2026-04-estimate']);
    expect(parameterCatalogue().get('plan-duration-2016')?.kind).toBe('planDuration');
  });
});
