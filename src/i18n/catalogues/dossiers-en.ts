import type { dossiersFr } from './dossiers-fr';

export const dossiersEn: Record<keyof typeof dossiersFr, string> = {
  'dossier.loading': 'Opening the case…',
  'dossier.missing': 'This case does not exist on this device.',
  'dossier.loadFailed': 'The case could not be read on this device: {reason}',
  'dossier.unnamed': 'Unnamed household',
  'dossier.tabs.label': 'Parts of the case',
  'dossier.tab.intake': 'Intake',
  'dossier.tab.budget': 'Budget',
  'dossier.tab.debts': 'Debts',
  'dossier.tab.scenarios': 'Scenarios',
  'dossier.tab.followup': 'Follow-up',
  'dossier.track.support': 'Support',
  'dossier.track.mediation': 'Support and mediation',
  'dossier.track.over_indebtedness': 'Over-indebtedness',
  'dossier.track.undecided': 'Track to be decided',
  'dossier.status.intake': 'Intake',
  'dossier.status.active': 'Active',
  'dossier.status.awaiting_decision': 'Awaiting decision',
  'dossier.status.follow_up': 'Plan follow-up',
  'dossier.status.closed': 'Closed',
  'dossiers.new': 'New case',
};
