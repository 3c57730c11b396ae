/**
 * The French strings of the list's first load (boot.tsx installs them): the shell, the header's
 * sync status and banners, the unlock screens, the dossier list with its import and export.
 * Every other French string comes with the whole catalogue (messages-fr.ts), fetched right after
 * the first render and awaited by each lazy page (ui/lazy-page.ts), so the list does not wait
 * for the dossier pages' words (issue 17). tests/i18n/first-load-catalogue.test.ts checks that
 * the list path's screens use no key outside this set.
 */
import { commonFr } from './catalogues/common-fr';
import { dossiersFr } from './catalogues/dossiers-fr';
import { lockFr } from './catalogues/lock-fr';
import { shellFr } from './catalogues/shell-fr';
import { syncFr } from './catalogues/sync-fr';
import { transferFr } from './catalogues/transfer-fr';
import { workshopsFr } from './catalogues/workshops-fr';

export const firstLoadFr = {
  ...shellFr,
  ...syncFr,
  ...commonFr,
  ...dossiersFr,
  ...transferFr,
  ...workshopsFr,
  ...lockFr,
} as const;
