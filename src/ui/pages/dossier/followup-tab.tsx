import { useAppState } from '../../../state/app-state';
import { HouseholdRightsSection } from '../coordination/household-rights-section';
import { ActionsLog } from '../followup/actions-log';
import { Appointments } from '../followup/appointments';
import { DiagnosisButton } from '../followup/diagnosis';
import { Microcredits } from '../followup/microcredits';
import { Notes } from '../followup/notes';
import { TrackDecision } from '../followup/track-decision';
import { WorkshopsAttended } from '../followup/workshops-attended';
import { PlansSection } from '../plans/plans-section';
import type { DossierTabProps } from './dossier-page';
import '../followup/followup.css';

/**
 * Follow-up: the track decision and its reasons, workshops attended, appointments (consultations),
 * the complete diagnosis, the plans followed, the actions log, micro-credits, notes.
 */
export function FollowupTab({ model, dossier }: DossierTabProps) {
  const { workspace, isSupervisor } = useAppState();
  const today = workspace.today();
  return (
    <div class="followup-tab">
      <TrackDecision model={model} dossier={dossier} today={today} />
      <WorkshopsAttended householdId={dossier.household.id} />
      <Appointments model={model} dossier={dossier} now={`${today}T00:00`} />
      <DiagnosisButton model={model} dossier={dossier} today={today} />
      <PlansSection model={model} dossier={dossier} today={today} />
      <ActionsLog model={model} dossier={dossier} today={today} />
      <Microcredits model={model} dossier={dossier} today={today} />
      <Notes model={model} dossier={dossier} />
      {/* RIGHT3: coordinators and admins only; the section says when it needs the network. */}
      {isSupervisor.value && (
        <HouseholdRightsSection householdId={dossier.household.id} reference={dossier.household.reference} />
      )}
    </div>
  );
}
