import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/domain/budget/diagnose';
import { DiagnosisOptionsSchema } from '../../../src/domain/budget/diagnosis-options';
import { parameterAlerts } from '../../../src/domain/budget/parameter-alerts';
import { computeCapacity } from '../../../src/domain/budget/repayment-capacity';
import { rsaForHousehold } from '../../../src/domain/budget/rsa-floor';
import { seizableFraction } from '../../../src/domain/budget/seizable-fraction';
import { MissingParameterError } from '../../../src/domain/parameters/lookup';
import {
  type ParameterSupplements,
  ParameterSupplementsSchema,
} from '../../../src/domain/parameters/parameter-supplements';
import { exampleA, exampleB } from './household-fixtures';

const TODAY = '2026-11-27';
const SOURCE = 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000000000001';

const supplements: ParameterSupplements = ParameterSupplementsSchema.parse({
  rsaAmounts: [
    {
      id: 'rsa-2026-04',
      validFrom: '2026-04-01',
      validTo: null,
      legalBasis: 'Décret de revalorisation du RSA au 1er avril 2026; CASF L262-2, R262-1, L262-9',
      sourceUrls: [SOURCE],
      confidence: 'C',
      baseMonthlyCents: 65_100,
    },
  ],
  legalInterestRates: [
    {
      id: 'legal-rate-2026-s2',
      validFrom: '2026-07-01',
      validTo: '2026-12-31',
      legalBasis: "Arrêté fixant le taux de l'intérêt légal, 2e semestre 2026; C. mon. fin. L313-2",
      sourceUrls: [SOURCE],
      confidence: 'C',
      individualCreditorBps: 650,
      otherCreditorBps: 250,
    },
  ],
});

const codes = (d: ReturnType<typeof diagnose>) => d.alerts.map((a) => a.code);

describe('diagnose today (2026-11-27) with the built-in catalogue only', () => {
  const d = diagnose({ on: TODAY, household: exampleA() });

  it('works, with the unconfirmed RSA estimate of April 2026', () => {
    expect(d.capacity).toMatchObject({
      capacityMonthlyCents: 33_838,
      seizableMonthlyCents: 33_838,
      rsaFloorCents: 65_234,
      bindingLimit: 'seizable',
    });
    expect(d.parameterSet).toEqual({
      version: 'fr-2026.3',
      parameterIds: [
        'hcsf-2022',
        'oecd-modified-scale',
        'plan-duration-2016',
        'rsa-2026-04-estimate',
        'seizure-scale-2026',
      ],
    });
  });

  it('flags the unconfirmed figure in plain French and English', () => {
    const flagged = d.alerts.filter((a) => a.code === 'unconfirmed-parameter');
    expect(flagged).toEqual([
      {
        code: 'unconfirmed-parameter',
        severity: 'warning',
        rule: 'domain-rules 0 [U]',
        subjectIds: [],
        key: 'alert.unconfirmed-parameter',
        params: { parameterIds: 'rsa-2026-04-estimate', count: 1 },
        text: {
          fr: 'Le montant du RSA utilisé (avril 2026) est une estimation, pas encore le montant officiel.',
          en: 'The RSA amount used (April 2026) is an estimate, not yet the official amount.',
        },
      },
    ]);
    const rsa = d.explanations.rsaMonthlyCents;
    expect(rsa?.inputs.baseConfidence).toBe('U');
    expect(rsa?.parameterIds).toEqual(['rsa-2026-04-estimate']);
    expect(rsa?.text.fr).toContain('Montant de base estimé (estimation non confirmée) : à vérifier.');
  });

  it('says the legal-rate comparison was not made (S2 2026 not found) instead of failing', () => {
    const missing = d.alerts.find((a) => a.code === 'legal-rate-missing');
    expect(missing).toMatchObject({
      severity: 'warning',
      params: { parameter: 'legalInterestRate', date: TODAY },
    });
    expect(codes(d)).not.toContain('rate-above-legal-rate');
  });

  it('raises no unconfirmed alert before April 2026', () => {
    const before = diagnose({ on: '2026-03-31', household: exampleA() });
    expect(before.capacity.rsaFloorCents).toBe(64_652);
    expect(codes(before)).not.toContain('unconfirmed-parameter');
    expect(codes(before)).not.toContain('legal-rate-missing');
  });

  it('applies the estimate from 2026-04-01 and the composition rules to it', () => {
    const d0401 = diagnose({ on: '2026-04-01', household: exampleB() });
    // 652.34 + 326.17 (50 %) + 195.70 (30 %) + 195.70 (30 %) = 1 369.91 €
    expect(d0401.capacity.rsaFloorCents).toBe(136_991);
    expect(codes(d0401)).toContain('unconfirmed-parameter');
  });
});

describe('diagnose with parameter supplements', () => {
  const d = diagnose({ on: TODAY, household: exampleA(), options: { parameterSupplements: supplements } });

  it('uses the official figures entered by the coordinator and stamps their local ids', () => {
    expect(d.capacity.rsaFloorCents).toBe(65_100);
    expect(d.parameterSet.parameterIds).toEqual([
      'hcsf-2022',
      'local:legal-rate-2026-s2',
      'local:rsa-2026-04',
      'oecd-modified-scale',
      'plan-duration-2016',
      'seizure-scale-2026',
    ]);
    expect(d.explanations.rsaMonthlyCents?.parameterIds).toEqual(['local:rsa-2026-04']);
  });

  it('no longer flags anything unconfirmed and compares rates with the entered legal rate', () => {
    expect(codes(d)).not.toContain('unconfirmed-parameter');
    expect(codes(d)).not.toContain('legal-rate-missing');
    const h = exampleA();
    h.debts[1] = { ...h.debts[1]!, nominalRateBps: 1_990 };
    const rated = diagnose({ on: TODAY, household: h, options: { parameterSupplements: supplements } });
    expect(rated.alerts.find((a) => a.code === 'rate-above-legal-rate')?.params).toEqual({
      nominalRateBps: 1_990,
      legalRateBps: 250,
    });
  });

  it('flags a supplement entered as unconfirmed, by its local id', () => {
    const unsure = ParameterSupplementsSchema.parse({
      rsaAmounts: [{ ...supplements.rsaAmounts?.[0], confidence: 'U' }],
    });
    const flagged = diagnose({ on: TODAY, household: exampleA(), options: { parameterSupplements: unsure } });
    expect(flagged.alerts.find((a) => a.code === 'unconfirmed-parameter')?.params).toEqual({
      parameterIds: 'local:rsa-2026-04',
      count: 1,
    });
  });

  it('is validated by DiagnosisOptionsSchema: overlapping records are rejected with their path', () => {
    const rsa = supplements.rsaAmounts?.[0];
    const result = DiagnosisOptionsSchema.safeParse({
      parameterSupplements: { rsaAmounts: [rsa, { ...rsa, id: 'rsa-2026-10', validFrom: '2026-10-01' }] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ['parameterSupplements', 'rsaAmounts', 1, 'validFrom'],
    ]);
    expect(result.error?.issues[0]?.message).toMatch(/overlaps "rsa-2026-04"/);
  });

  it('does not mutate the supplements', () => {
    const before = structuredClone(supplements);
    diagnose({ on: TODAY, household: exampleB(), options: { parameterSupplements: supplements } });
    expect(supplements).toEqual(before);
  });
});

describe('the capacity, RSA and seizable paths take the supplements too', () => {
  it('rsaForHousehold and computeCapacity', () => {
    const input = {
      on: TODAY,
      adults: 1,
      children: 0,
      isolatedParent: false,
      territory: 'metropole',
    } as const;
    expect(rsaForHousehold(input).rsaMonthlyCents).toBe(65_234);
    expect(
      rsaForHousehold({ ...input, parameterSupplements: supplements }).parameterSet.parameterIds,
    ).toEqual(['local:rsa-2026-04']);
    const capacity = computeCapacity({
      on: TODAY,
      monthlyResourcesCents: 70_000,
      dependents: 0,
      adults: 1,
      children: 0,
      livingCostsCents: 50_000,
      parameterSupplements: supplements,
    });
    expect(capacity).toMatchObject({
      rsaFloorCents: 65_100,
      capacityMonthlyCents: 4_900,
      bindingLimit: 'rsa',
    });
    expect(capacity.parameterSet.parameterIds).toEqual(['local:rsa-2026-04', 'seizure-scale-2026']);
  });

  it('seizableFraction keeps the built-in scale when no supplement covers the date', () => {
    const r = seizableFraction({
      on: TODAY,
      monthlyResourcesCents: 180_000,
      dependents: 0,
      parameterSupplements: supplements,
    });
    expect(r.parameterSet.parameterIds).toEqual(['seizure-scale-2026']);
  });

  it('Mayotte from April 2026 stays a MissingParameterError (no figure in the rules)', () => {
    expect(() =>
      rsaForHousehold({ on: TODAY, adults: 1, children: 0, isolatedParent: false, territory: 'mayotte' }),
    ).toThrow(MissingParameterError);
  });

  it('parameterAlerts is empty for confirmed figures only', () => {
    expect(parameterAlerts(['rsa-2025-04', 'seizure-scale-2026'])).toEqual([]);
    expect(parameterAlerts(['rsa-2026-04-estimate'])).toHaveLength(1);
  });
});
