/**
 * RSA montant forfaitaire (CASF L262-2, R262-1; majoré L262-9). Revalued every 1 April.
 * Rates are parts per 100 000 of the base amount for one person. CAF rounds each
 * increment to the cent and then sums (646.52 + 323.26 + 193.96 + 193.96 = 1 357.70).
 */
import type { ParameterMeta } from './parameter-meta';

export interface RsaAmounts extends ParameterMeta {
  /** Montant forfaitaire for one person, metropolitan France and DROM except Mayotte. */
  readonly baseMonthlyCents: number;
  /** Montant forfaitaire for one person in Mayotte; null when no figure was found. */
  readonly mayotteBaseMonthlyCents: number | null;
  /** Increment for the second person of the household (50 %). */
  readonly secondPersonRate: number;
  /** Increment for each further person (30 %). */
  readonly additionalPersonRate: number;
  /** Increment from the third child or dependent under 25, the spouse not counted (40 %). */
  readonly thirdChildRate: number;
  /** RSA majoré (isolated parent or pregnant woman): amount with no child (128.412 %). */
  readonly majoredBaseRate: number;
  /** RSA majoré: increment per child (42.804 %). */
  readonly majoredPerChildRate: number;
}

/** Composition rates of CASF R262-1 and L262-9: the same for every record, supplements included. */
export const RSA_COMPOSITION_RULES = {
  secondPersonRate: 50_000,
  additionalPersonRate: 30_000,
  thirdChildRate: 40_000,
  majoredBaseRate: 128_412,
  majoredPerChildRate: 42_804,
} as const;

export const RSA_AMOUNTS: readonly RsaAmounts[] = [
  {
    id: 'rsa-2024-04',
    validFrom: '2024-04-01',
    validTo: '2025-03-31',
    legalBasis: 'Revalorisation du 1er avril 2024 (décret annuel); CASF L262-2, R262-1, L262-9',
    sourceUrls: [
      'https://ceram.fr/economie/quel-est-le-montant-du-rsa-pour-une-personne-seule',
      'https://fo66.fr/?p=28613',
    ],
    confidence: 'C',
    baseMonthlyCents: 63_571,
    // No Mayotte figure for 2024-2025 was found in the sources: asking for it is an error.
    mayotteBaseMonthlyCents: null,
    ...RSA_COMPOSITION_RULES,
  },
  {
    id: 'rsa-2025-04',
    validFrom: '2025-04-01',
    validTo: '2026-03-31',
    legalBasis: 'Décret n° 2025-293 du 29 mars 2025; CASF L262-2, R262-1, L262-9',
    sourceUrls: [
      'https://www.lexbase.fr/index/source/117719164-decret-n-2025293-du-29-mars-2025-portant-revalorisation-du-montant-forfaitaire-du-revenu-de-solidari',
      'https://open.lefebvre-dalloz.fr/baremes-taux/droit-social/minima-sociaux-revenu-solidarite-active_social-minima-rsa',
    ],
    confidence: 'C',
    baseMonthlyCents: 64_652,
    // Mayotte 323.26 € is a secondary source [S] (eurex, formulepaie).
    mayotteBaseMonthlyCents: 32_326,
    ...RSA_COMPOSITION_RULES,
  },
  {
    // The April 2026 revaluation was not found [U] (domain-rules 0 and 4). Until the decree is
    // entered as a parameter supplement, this press estimate is used, and every result that
    // uses it carries the 'unconfirmed-parameter' alert.
    id: 'rsa-2026-04-estimate',
    validFrom: '2026-04-01',
    validTo: null,
    legalBasis:
      'Estimation de presse (+0,9 % sur 646,52 €) en attendant le décret de revalorisation du 1er avril 2026, non confirmée [U]; CASF L262-2, R262-1, L262-9',
    sourceUrls: [
      'https://www.moneyvox.fr/votre-argent/actualites/106112/rsa-combien-toucherez-vous-en-2026-si-le-degel-des-aides-de-la-caf-est-confirme',
    ],
    confidence: 'U',
    baseMonthlyCents: 65_234,
    // domain-rules gives no Mayotte figure for April 2026: asking for it is an error.
    mayotteBaseMonthlyCents: null,
    ...RSA_COMPOSITION_RULES,
  },
];
