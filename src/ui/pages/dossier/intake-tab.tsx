import { ExportButton } from '../dossiers/export-button';
import { ConsentSection } from '../intake/consent-section';
import { HouseholdForm } from '../intake/household-form';
import { MembersSection } from '../intake/members-section';
import { type DossierTabProps, householdName } from './dossier-page';
import '../intake/intake.css';

/** Intake of an existing dossier: household, contact, referral, people, consents, export. */
export function IntakeTab({ model, dossier }: DossierTabProps) {
  return (
    <div class="intake-tab">
      <div class="no-print">
        <div class="actions">
          <ExportButton ids={[dossier.household.id]} label="transfer.exportOne" />
        </div>
        <MembersSection model={model} members={dossier.members} />
        <HouseholdForm model={model} household={dossier.household} />
      </div>
      <ConsentSection model={model} dossier={dossier} householdName={householdName(dossier)} />
    </div>
  );
}
