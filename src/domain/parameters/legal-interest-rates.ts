/**
 * Taux de l'intérêt légal (C. mon. fin. L313-2), fixed by arrêté for each semester, with two
 * rates since 2015: claims held by individuals not acting professionally, and all other
 * cases. In plans the rate may not exceed it (C. consom. L733-1 3°).
 */
import type { ParameterMeta } from './parameter-meta';

export interface LegalInterestRate extends ParameterMeta {
  /** Rate for claims held by natural persons not acting for professional needs, basis points. */
  readonly individualCreditorBps: number;
  /** Rate in all other cases (banks, finance companies, utilities...), basis points. */
  readonly otherCreditorBps: number;
}

const MONEYVOX =
  'https://www.moneyvox.fr/credit/actualites/98471/une-dette-a-rembourser-a-un-particulier-ce-sera-maintenant-plus-de-8';

export const LEGAL_INTEREST_RATES: readonly LegalInterestRate[] = [
  {
    id: 'legal-rate-2024-s1',
    validFrom: '2024-01-01',
    validTo: '2024-06-30',
    legalBasis: 'Arrêté fixant le taux de l’intérêt légal, 1er semestre 2024; C. mon. fin. L313-2',
    sourceUrls: [MONEYVOX],
    confidence: 'C',
    individualCreditorBps: 801,
    otherCreditorBps: 507,
  },
  {
    id: 'legal-rate-2024-s2',
    validFrom: '2024-07-01',
    validTo: '2024-12-31',
    legalBasis: 'Arrêté fixant le taux de l’intérêt légal, 2e semestre 2024; C. mon. fin. L313-2',
    sourceUrls: [MONEYVOX],
    confidence: 'C',
    individualCreditorBps: 816,
    otherCreditorBps: 492,
  },
  {
    id: 'legal-rate-2025-s1',
    validFrom: '2025-01-01',
    validTo: '2025-06-30',
    legalBasis: 'Arrêté fixant le taux de l’intérêt légal, 1er semestre 2025; C. mon. fin. L313-2',
    sourceUrls: [
      MONEYVOX,
      'https://www.cna2c.fr/nos-actualites-juridiques/taux-de-linteret-legal-a-compter-du-1er-juillet-2025',
    ],
    confidence: 'C',
    individualCreditorBps: 721,
    otherCreditorBps: 371,
  },
  {
    id: 'legal-rate-2025-s2',
    validFrom: '2025-07-01',
    validTo: '2025-12-31',
    legalBasis: 'Arrêté fixant le taux de l’intérêt légal, 2e semestre 2025; C. mon. fin. L313-2',
    sourceUrls: [
      'https://www.cna2c.fr/nos-actualites-juridiques/taux-de-linteret-legal-a-compter-du-1er-juillet-2025',
    ],
    confidence: 'C',
    individualCreditorBps: 665,
    otherCreditorBps: 276,
  },
  {
    id: 'legal-rate-2026-s1',
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    legalBasis: 'Arrêté du 15 décembre 2025; C. mon. fin. L313-2',
    sourceUrls: [
      'https://juriblio.fr/arretes/arrete-du-15-decembre-2025/187383136',
      'https://www.avocat-plagnol.com/taux-de-l-interet-legal-fixe-pour-le-premier-semestre-de-l-annee-2026_ad205.html',
    ],
    confidence: 'C',
    individualCreditorBps: 667,
    otherCreditorBps: 262,
  },
];
