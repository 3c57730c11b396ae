import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import { followHouseholdWorkshops, type HouseholdWorkshops } from '../../../state/workshops/workshops-for';
import { hoursNumber } from '../workshops/workshop-text';

/**
 * A read-only line of the follow-up tab: the budget workshops this household took part in and its
 * hours of training (one participant: each session's duration, WS3). Nothing when none.
 */
export function WorkshopsAttended({ householdId }: { householdId: string }) {
  const { workspace } = useAppState();
  const [attended, setAttended] = useState<HouseholdWorkshops | null>(null);
  useEffect(
    () => followHouseholdWorkshops(workspace.repository, householdId, setAttended),
    [workspace, householdId],
  );
  if (attended === null || attended.sessions.length === 0) return null;
  return (
    <details class="workshops-attended" data-testid="workshops-attended">
      <summary>
        {t('workshops.attended', { count: attended.sessions.length, hours: hoursNumber(attended.hours) })}
      </summary>
      <ul>
        {attended.sessions.map((s) => (
          <li key={s.id}>{t('workshops.attended.session', { date: formatDate(s.date), topic: s.topic })}</li>
        ))}
      </ul>
    </details>
  );
}
