/**
 * Barème des saisies et cessions des rémunérations (Code du travail R3252-2, R3252-3).
 * Thresholds are ANNUAL net remuneration in cents; each threshold is raised by the
 * per-dependent increment. Changes every 1 January by decree.
 */
import type { ParameterMeta } from './parameter-meta';

export interface SeizureScale extends ParameterMeta {
  /** Upper bounds of the six bands, annual cents, no dependent. */
  readonly thresholdsAnnualCents: readonly [number, number, number, number, number, number];
  /** Added to every threshold per dependent, annual cents. */
  readonly incrementPerDependentAnnualCents: number;
}

/**
 * Seizable fraction of each band, as numerators over 60 (1/20, 1/10, 1/5, 1/4, 1/3, 2/3, all).
 * Sixtieths keep the annual sum an exact integer so it is rounded once, at the end.
 */
export const SEIZURE_BAND_FRACTIONS_OVER_60 = [3, 6, 12, 15, 20, 40, 60] as const;

export const SEIZURE_SCALES: readonly SeizureScale[] = [
  {
    id: 'seizure-scale-2024',
    validFrom: '2024-01-01',
    validTo: '2024-12-31',
    legalBasis: 'Décret n° 2023-1228; C. trav. R3252-2, R3252-3',
    sourceUrls: [
      'https://legisocial.fr/actualites-sociales/6394-bareme-saisies-remunerations-annee-2024-connu.html',
      'https://code.travail.gouv.fr/code-du-travail/r3252-3',
    ],
    confidence: 'C',
    thresholdsAnnualCents: [437_000, 852_000, 1_269_000, 1_682_000, 2_097_000, 2_520_000],
    incrementPerDependentAnnualCents: 169_000,
  },
  {
    id: 'seizure-scale-2025',
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    legalBasis: 'Décret n° 2024-1231 du 30 décembre 2024; C. trav. R3252-2, R3252-3',
    sourceUrls: [
      'https://horizon-63.cerfrance.fr/actualites/le-bareme-des-saisies-et-cessions-des-remunerations-est-revise-pour-lannee-2025',
      'https://ffbatiment.fr/gestion-entreprise/gerer-mes-salaries/remuneration-des-salaries/dossier/cession-saisie-remunerations-seuils-montants-applicables',
    ],
    confidence: 'C',
    thresholdsAnnualCents: [444_000, 866_000, 1_289_000, 1_709_000, 2_130_000, 2_560_000],
    incrementPerDependentAnnualCents: 172_000,
  },
  {
    id: 'seizure-scale-2026',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    legalBasis: 'Décret n° 2025-1299 du 24 décembre 2025 (JO 26 déc. 2025); C. trav. R3252-2, R3252-3',
    sourceUrls: [
      'https://www.axens-audit.fr/ressources/lire/actualites/bareme-saisie-sur-salaire-2026',
      'https://www.eurex.fr/tag/social',
    ],
    confidence: 'C',
    thresholdsAnnualCents: [448_000, 873_000, 1_300_000, 1_723_000, 2_147_000, 2_581_000],
    incrementPerDependentAnnualCents: 174_000,
  },
];
