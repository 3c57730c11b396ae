import { useAppState } from '../../../state/app-state';
import { ActionsLog } from '../followup/actions-log';
import { Appointments } from '../followup/appointments';
import { Notes } from '../followup/notes';
import { TrackDecision } from '../followup/track-decision';
import { PlansSection } from '../plans/plans-section';
import type { DossierTabProps } from './dossier-page';
import '../followup/followup.css';

/** Follow-up: the track decision and its reasons, appointments, the plans followed, the actions log, notes. */
export function FollowupTab({ model, dossier }: DossierTabProps) {
  const { workspace } = useAppState();
  const today = workspace.today();
  return (
    <div class="followup-tab">
      <TrackDecision model={model} dossier={dossier} today={today} />
      <Appointments model={model} dossier={dossier} now={`${today}T00:00`} />
      <PlansSection model={model} dossier={dossier} today={today} />
      <ActionsLog model={model} dossier={dossier} today={today} />
      <Notes model={model} dossier={dossier} />
    </div>
  );
}
