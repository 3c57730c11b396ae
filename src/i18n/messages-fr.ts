/**
 * French catalogue: the reference. Each feature keeps its strings in catalogues/<feature>-fr.ts
 * (so features do not collide); the English catalogue must have exactly the same keys.
 * Plain words: many clients are fragile readers.
 */
import { budgetFr } from './catalogues/budget-fr';
import { commonFr } from './catalogues/common-fr';
import { debtsFr } from './catalogues/debts-fr';
import { documentsFr } from './catalogues/documents-fr';
import { dossiersFr } from './catalogues/dossiers-fr';
import { followupFr } from './catalogues/followup-fr';
import { intakeFr } from './catalogues/intake-fr';
import { legalFr } from './catalogues/legal-fr';
import { lockFr } from './catalogues/lock-fr';
import { microcreditFr } from './catalogues/microcredit-fr';
import { rightsFr } from './catalogues/rights-fr';
import { scenariosFr } from './catalogues/scenarios-fr';
import { shellFr } from './catalogues/shell-fr';
import { syncFr } from './catalogues/sync-fr';
import { transferFr } from './catalogues/transfer-fr';
import { workshopsFr } from './catalogues/workshops-fr';

export const messagesFr = {
  ...shellFr,
  ...syncFr,
  ...commonFr,
  ...dossiersFr,
  ...intakeFr,
  ...budgetFr,
  ...debtsFr,
  ...scenariosFr,
  ...followupFr,
  ...microcreditFr,
  ...transferFr,
  ...documentsFr,
  ...legalFr,
  ...workshopsFr,
  ...rightsFr,
  ...lockFr,
} as const;

/** Keys of the catalogue that comes with the app (boot.tsx). */
export type AppMessageKey = keyof typeof messagesFr;

/**
 * Every key `t` accepts: the app's, and those of catalogues that come with their lazy page
 * (the Administration and Supervision screens', catalogues/admin-*.ts and supervision-*.ts,
 * installed by provideLazyCatalogue).
 */
export type MessageKey =
  | AppMessageKey
  | keyof typeof import('./catalogues/admin-fr').adminFr
  | keyof typeof import('./catalogues/supervision-fr').supervisionFr
  | keyof typeof import('./catalogues/coordination-fr').coordinationFr
  | keyof typeof import('./catalogues/workshops-page-fr').workshopsPageFr
  | keyof typeof import('./catalogues/plans-fr').plansFr
  | keyof typeof import('./catalogues/network-fr').networkFr;

type FrenchEntries = typeof messagesFr &
  typeof import('./catalogues/admin-fr').adminFr &
  typeof import('./catalogues/supervision-fr').supervisionFr &
  typeof import('./catalogues/coordination-fr').coordinationFr &
  typeof import('./catalogues/workshops-page-fr').workshopsPageFr &
  typeof import('./catalogues/plans-fr').plansFr &
  typeof import('./catalogues/network-fr').networkFr;

/** Keys whose French entry has plural forms: `t` requires their `count`. */
export type PluralMessageKey = {
  [K in MessageKey]: FrenchEntries[K] extends { readonly one: string } ? K : never;
}[MessageKey];
