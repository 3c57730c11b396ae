import { budgetEn } from './catalogues/budget-en';
import { commonEn } from './catalogues/common-en';
import { debtsEn } from './catalogues/debts-en';
import { documentsEn } from './catalogues/documents-en';
import { dossiersEn } from './catalogues/dossiers-en';
import { followupEn } from './catalogues/followup-en';
import { intakeEn } from './catalogues/intake-en';
import { legalEn } from './catalogues/legal-en';
import { lockEn } from './catalogues/lock-en';
import { microcreditEn } from './catalogues/microcredit-en';
import { rightsEn } from './catalogues/rights-en';
import { scenariosEn } from './catalogues/scenarios-en';
import { shellEn } from './catalogues/shell-en';
import { syncEn } from './catalogues/sync-en';
import { transferEn } from './catalogues/transfer-en';
import { workshopsEn } from './catalogues/workshops-en';
import type { Message } from './i18n';
import type { AppMessageKey } from './messages-fr';

/** English catalogue: same keys as the French reference, checked by the compiler. */
export const messagesEn: Record<AppMessageKey, Message> = {
  ...shellEn,
  ...syncEn,
  ...commonEn,
  ...dossiersEn,
  ...intakeEn,
  ...budgetEn,
  ...debtsEn,
  ...scenariosEn,
  ...followupEn,
  ...microcreditEn,
  ...transferEn,
  ...documentsEn,
  ...legalEn,
  ...workshopsEn,
  ...rightsEn,
  ...lockEn,
};
