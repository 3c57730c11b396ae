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

/**
 * MERGE8: the dossier `mergedId` was merged into `survivorId`: the screens go to the survivor
 * (the caller routes), with a notice saying why.
 */
export function followMerge(workspace: WorkspaceModel, mergedId: string, survivorId: string): void {
  workspace.mergeNotice.value = { mergedId, survivorId };
}

/** The merge notice to show on this dossier's page, if it is the survivor the screens moved to. */
export function mergeNoticeFor(workspace: WorkspaceModel, householdId: string) {
  const notice = workspace.mergeNotice.value;
  return notice?.survivorId === householdId ? notice : null;
}

/** Forgets the notice once another dossier is shown. */
export function dismissMergeNotice(workspace: WorkspaceModel, shownId: string): void {
  const notice = workspace.mergeNotice.value;
  if (notice !== null && notice.survivorId !== shownId && notice.mergedId !== shownId) {
    workspace.mergeNotice.value = null;
  }
}
