import { t } from '../../i18n/i18n';
import { useAppState } from '../../state/app-state';
import './sync-status.css';

/**
 * "Conflict to settle" badge for a dossier with open sync conflicts, linking to its conflict
 * view. Renders nothing when the dossier has none. Text and icon, never colour alone.
 */
export function SyncConflictBadge({ householdId, link = true }: { householdId: string; link?: boolean }) {
  const { sync } = useAppState();
  const count = sync.conflictsByHousehold.value.get(householdId) ?? 0;
  if (count === 0) return null;
  const label = t('conflicts.badgeCount', { count });
  const content = (
    <>
      <span aria-hidden="true">⚠ </span>
      {label}
    </>
  );
  return link ? (
    <a class="sync-conflict-badge" href={`/dossiers/${householdId}/conflicts`} data-testid="conflict-badge">
      {content}
    </a>
  ) : (
    <span class="sync-conflict-badge" data-testid="conflict-badge">
      {content}
    </span>
  );
}
