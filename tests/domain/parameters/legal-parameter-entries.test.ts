/**
 * Legal parameters entered by admins (issue 12, point 4): the refusal rules shared by the admin
 * form and the server, the entries as parameter supplements, and the engine using an entry from
 * its effective date (the built-in record before it).
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/domain/budget/diagnose';
import {
  type LegalParameterEntry,
  type LegalParameterInput,
  legalParameterInputSchema,
  legalParameterProblems,
  supplementsFromLegalParameters,
} from '../../../src/domain/parameters/legal-parameter-entries';
import { ParameterSupplementsSchema } from '../../../src/domain/parameters/parameter-supplements';
import { exampleA } from '../budget/household-fixtures';

const TODAY = '2026-12-06';

const rsa: LegalParameterInput = {
  kind: 'rsaAmounts',
  effectiveFrom: '2026-06-01',
  source: 'Décret n° 2026-301 du 28 mars 2026',
  baseMonthlyCents: 65_100,
};
const scale: LegalParameterInput = {
  kind: 'seizureScales',
  effectiveFrom: '2027-01-01',
  source: 'Décret fixant le barème 2027; C. trav. R3252-2',
  thresholdsAnnualCents: [450_000, 880_000, 1_310_000, 1_740_000, 2_160_000, 2_600_000],
  incrementPerDependentAnnualCents: 175_000,
};
const rate: LegalParameterInput = {
  kind: 'legalInterestRates',
  effectiveFrom: '2026-07-01',
  source: 'Arrêté du 20 juin 2026; C. mon. fin. L313-2',
  individualCreditorBps: 650,
  otherCreditorBps: 250,
};
const forfaits: LegalParameterInput = {
  kind: 'commissionForfaits',
  effectiveFrom: '2026-01-01',
  source: 'Règlement intérieur de la commission de Paris, 2026',
  departement: '75',
  base: { firstPersonCents: 60_000, secondPersonCents: 21_000, perAdditionalPersonCents: 21_000 },
};

const codes = (input: LegalParameterInput) =>
  legalParameterProblems(input, TODAY).map((p) => `${p.path.join('.')}:${p.code}`);

describe('legalParameterProblems: what an admin may not enter', () => {
  it('accepts a well-formed entry of every kind', () => {
    for (const input of [rsa, scale, rate, forfaits]) expect(codes(input)).toEqual([]);
  });

  it('refuses a negative amount, in every kind', () => {
    expect(codes({ ...rsa, baseMonthlyCents: -1 })).toEqual(['baseMonthlyCents:negative-amount']);
    expect(codes({ ...rate, otherCreditorBps: -5 })).toEqual(['otherCreditorBps:negative-amount']);
    expect(
      codes({
        ...forfaits,
        base: { firstPersonCents: 60_000, secondPersonCents: -1, perAdditionalPersonCents: 0 },
      } as LegalParameterInput),
    ).toEqual(['base.secondPersonCents:negative-amount']);
    expect(codes({ ...scale, incrementPerDependentAnnualCents: -175_000 })).toEqual([
      'incrementPerDependentAnnualCents:negative-amount',
    ]);
  });

  it('refuses an effective date before 2000 or more than two years after today', () => {
    expect(codes({ ...rsa, effectiveFrom: '1999-12-31' })).toEqual(['effectiveFrom:date-before-2000']);
    expect(codes({ ...rsa, effectiveFrom: '2000-01-01' })).toEqual([]);
    // Today 2026-12-06: two years ahead is 2028-12-06, still accepted; the day after is not.
    expect(codes({ ...rsa, effectiveFrom: '2028-12-06' })).toEqual([]);
    expect(codes({ ...rsa, effectiveFrom: '2028-12-07' })).toEqual(['effectiveFrom:date-too-far']);
  });

  it('refuses a scale that does not increase, at the threshold that breaks it', () => {
    expect(
      codes({
        ...scale,
        thresholdsAnnualCents: [450_000, 880_000, 880_000, 1_740_000, 1_700_000, 2_600_000],
      } as LegalParameterInput),
    ).toEqual([
      'thresholdsAnnualCents.2:scale-not-increasing',
      'thresholdsAnnualCents.4:scale-not-increasing',
    ]);
  });

  it('refuses a rate above 100 %, an empty source, control characters and forfaits without the basic one', () => {
    expect(codes({ ...rate, individualCreditorBps: 10_001 })).toEqual([
      'individualCreditorBps:rate-too-high',
    ]);
    expect(codes({ ...rsa, source: '  ' })).toEqual(['source:source-required']);
    expect(codes({ ...forfaits, base: null } as LegalParameterInput)).toEqual([
      'base.firstPersonCents:forfait-empty',
    ]);
    const heating = { firstPersonCents: 5_000, secondPersonCents: 1_000, perAdditionalPersonCents: 1_000 };
    expect(codes({ ...forfaits, base: null, chauffage: heating } as LegalParameterInput)).toEqual([
      'base.firstPersonCents:forfait-empty',
    ]);
    expect(codes({ ...forfaits, chauffage: heating } as LegalParameterInput)).toEqual([]);
    expect(codes({ ...rsa, source: 'Décret\u0000' })).toEqual(['source:control-character']);
  });

  it('the request schema gives each refusal with its field and an English reason', () => {
    const result = legalParameterInputSchema(TODAY).safeParse({ ...rsa, effectiveFrom: '1999-01-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['effectiveFrom', 'the effective date must not be before 2000-01-01'],
    ]);
    expect(legalParameterInputSchema(TODAY).safeParse({ ...rsa, kind: 'other' }).success).toBe(false);
  });
});

const entry = (id: string, input: LegalParameterInput): LegalParameterEntry => ({ ...input, id });

describe('supplementsFromLegalParameters: the entries as dated records', () => {
  it('applies each entry until the next of its kind, and at most to the end of its legal period', () => {
    const s = supplementsFromLegalParameters([
      entry('rsa-b', { ...rsa, effectiveFrom: '2026-10-01', baseMonthlyCents: 66_000 }),
      entry('rsa-a', rsa),
      entry('rate', rate),
      entry('scale', scale),
      entry('forfaits-75', forfaits),
      entry('forfaits-nat', { ...forfaits, departement: null }),
    ]);
    expect(s.rsaAmounts?.map((r) => [r.id, r.validFrom, r.validTo])).toEqual([
      ['rsa-a', '2026-06-01', '2026-09-30'],
      // The RSA is revalued every 1 April: an entry ends on the 31 March after it.
      ['rsa-b', '2026-10-01', '2027-03-31'],
    ]);
    expect(s.legalInterestRates?.map((r) => r.validTo)).toEqual(['2026-12-31']);
    expect(s.seizureScales?.map((r) => r.validTo)).toEqual(['2027-12-31']);
    // Two places, the same dates: no overlap.
    expect(s.commissionForfaits?.map((r) => [r.departement, r.validTo])).toEqual([
      ['75', '2026-12-31'],
      [null, '2026-12-31'],
    ]);
    expect(ParameterSupplementsSchema.safeParse(s).success).toBe(true);
    expect(s.rsaAmounts?.[0]?.legalBasis).toBe('Décret n° 2026-301 du 28 mars 2026');
  });
});

describe('the engine uses an entered value from its effective date', () => {
  const household = exampleA();
  const supplements = supplementsFromLegalParameters([
    entry('rsa', rsa),
    entry('rate', rate),
    entry('forfaits', forfaits),
    entry('scale', scale),
  ]);
  const on = (date: string, withEntries: boolean) =>
    diagnose({
      on: date,
      household,
      ...(withEntries ? { options: { parameterSupplements: supplements } } : {}),
    });

  it('RSA: the built-in estimate 652,34 € the day before, the entered 651,00 € from 1 June 2026', () => {
    // Example A is one adult without children: the household RSA is the base amount (R262-1).
    expect(on('2026-05-31', true).capacity.rsaFloorCents).toBe(65_234);
    expect(on('2026-06-01', true).capacity.rsaFloorCents).toBe(65_100);
    expect(on('2026-06-01', false).capacity.rsaFloorCents).toBe(65_234);
    expect(on('2026-06-01', true).alerts.map((a) => a.code)).not.toContain('unconfirmed-parameter');
  });

  it('legal rate: the built-in S1 2026 until 30 June; from 1 July 2026 only the entry covers the date', () => {
    expect(on('2026-06-30', false).alerts.map((a) => a.code)).not.toContain('legal-rate-missing');
    expect(on('2026-07-01', false).alerts.map((a) => a.code)).toContain('legal-rate-missing');
    expect(on('2026-07-01', true).alerts.map((a) => a.code)).not.toContain('legal-rate-missing');
  });

  it('forfaits: the commission of Paris’s 600 € replace the national 573 € in the living-costs budget', () => {
    const before = on('2026-05-31', false);
    // The premise: example A counts one base forfait for one person, the national 573 €.
    expect(before.charges.forfaits).toEqual([{ kind: 'base', amountCents: 57_300 }]);
    const after = on('2026-05-31', true);
    expect(after.charges.forfaits).toEqual([{ kind: 'base', amountCents: 60_000 }]);
    expect(after.charges.livingCostsCents - before.charges.livingCostsCents).toBe(60_000 - 57_300);
    expect(after.alerts.map((a) => a.code)).not.toContain('forfait-national-default');
  });

  it('seizure scale: no 2027 scale is built in; the entered one is used from 1 January 2027', () => {
    expect(() => on('2027-01-01', false)).toThrow(/seizureScale/);
    const d = on('2027-01-01', true);
    expect(d.parameterSet.parameterIds).toContain('local:scale');
    // 1 800 € a month = 21 600 € a year, no dependent, on the entered thresholds:
    // 4 500 × 1/20 = 225; 4 300 × 1/10 = 430; 4 300 × 1/5 = 860; 4 300 × 1/4 = 1 075;
    // 4 200 × 1/3 = 1 400; nothing above 21 600. 3 990 € a year = 332,50 € a month.
    expect(d.capacity.seizableMonthlyCents).toBe(33_250);
  });
});
