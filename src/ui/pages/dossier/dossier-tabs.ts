import type { MessageKey } from '../../../i18n/messages-fr';

export const DOSSIER_TABS = ['intake', 'budget', 'debts', 'scenarios', 'documents', 'followup'] as const;
export type DossierTab = (typeof DOSSIER_TABS)[number];

export const TAB_LABELS: Record<DossierTab, MessageKey> = {
  intake: 'dossier.tab.intake',
  budget: 'dossier.tab.budget',
  debts: 'dossier.tab.debts',
  scenarios: 'dossier.tab.scenarios',
  documents: 'documents.tab',
  followup: 'dossier.tab.followup',
};

export function isDossierTab(value: string | undefined): value is DossierTab {
  return (DOSSIER_TABS as readonly string[]).includes(value ?? '');
}

export function dossierPath(householdId: string, tab: DossierTab = 'intake'): string {
  return `/dossiers/${householdId}/${tab}`;
}
