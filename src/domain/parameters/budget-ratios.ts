/**
 * Ratios counsellors use as warning signals: the HCSF debt-service ceiling and the
 * OECD-modified consumption-unit scale (INSEE). Neither is a legal limit for the commission.
 */
import type { ParameterMeta } from './parameter-meta';

export interface DebtRatioThreshold extends ParameterMeta {
  /** Maximum debt service over net income, basis points, insurance included. */
  readonly maxDebtRatioBps: number;
}

export const DEBT_RATIO_THRESHOLDS: readonly DebtRatioThreshold[] = [
  {
    id: 'hcsf-2022',
    validFrom: '2022-01-01',
    validTo: null,
    legalBasis:
      'Décision du Haut Conseil de stabilité financière du 29 septembre 2021 (contraignante depuis le 1er janvier 2022)',
    sourceUrls: [
      'https://www.agefiactifs.com/immobilier/article/les-normes-du-hcsf-publiees-au-journal-officiel-91439',
      'https://april.fr/actualites/assurance-pret/nouvelles-regles-credit-immobilier-2022',
    ],
    confidence: 'C',
    maxDebtRatioBps: 3_500,
  },
];

export interface ConsumptionUnitScale extends ParameterMeta {
  /** Weight of the first adult, thousandths. */
  readonly firstAdultMilli: number;
  /** Weight of each other person aged `ageThresholdYears` or more, thousandths. */
  readonly otherOlderMilli: number;
  /** Weight of each child younger than `ageThresholdYears`, thousandths. */
  readonly youngChildMilli: number;
  readonly ageThresholdYears: number;
}

export const CONSUMPTION_UNIT_SCALES: readonly ConsumptionUnitScale[] = [
  {
    id: 'oecd-modified-scale',
    validFrom: '1990-01-01',
    validTo: null,
    legalBasis: 'INSEE, définition « unité de consommation » (échelle OCDE modifiée)',
    sourceUrls: ['https://www.insee.fr/en/metadonnees/definition/c1802'],
    confidence: 'C',
    firstAdultMilli: 1_000,
    otherOlderMilli: 500,
    youngChildMilli: 300,
    ageThresholdYears: 14,
  },
];
