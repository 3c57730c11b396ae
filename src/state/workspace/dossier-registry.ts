/**
 * One model per open dossier, shared by its screens. It lives apart from the workspace model so
 * that the budget and rescheduling engines it pulls in load with the dossier screens, not with
 * the first screen of the app.
 */
import { createDossierModel, type DossierModel } from './dossier-model';
import type { WorkspaceModel } from './workspace-model';

export function openDossier(workspace: WorkspaceModel, householdId: string): DossierModel {
  const existing = workspace.openDossiers.get(householdId) as DossierModel | undefined;
  if (existing) return existing;
  const model = createDossierModel({
    repository: workspace.repository,
    householdId,
    today: workspace.today,
    diagnosisOptions: () => workspace.diagnosisOptions.value,
  });
  workspace.openDossiers.set(householdId, model);
  return model;
}
