import { useEffect, useState } from 'preact/hooks';
import type { DuplicateProbe } from '../../../domain/dossier/duplicates';
import { formatDate, t } from '../../../i18n/i18n';
import { probeKey } from '../../../state/intake/new-dossier-form';
import type { WorkspaceModel } from '../../../state/workspace/workspace-model';
import { displayPhone } from './field-text';

type PossibleDuplicate = Awaited<ReturnType<WorkspaceModel['findPossibleDuplicates']>>[number];

const DEBOUNCE_MS = 300;

/** Households on the device that look like the one being typed, checked shortly after each change. */
export function usePossibleDuplicates(
  workspace: WorkspaceModel,
  probe: DuplicateProbe,
  excludeHouseholdId?: string,
): PossibleDuplicate[] {
  const [matches, setMatches] = useState<PossibleDuplicate[]>([]);
  const key = probeKey(probe);
  useEffect(() => {
    if (probe.people.length === 0 && probe.phones.length === 0) {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      workspace.findPossibleDuplicates(probe, excludeHouseholdId).then(
        (found) => {
          if (current) setMatches(found);
        },
        // A failed check must not stop intake: the warning is a help, not a gate.
        () => {
          if (current) setMatches([]);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, workspace, excludeHouseholdId]);
  return matches;
}

/** Says which dossiers look like this one and why, with a link to open each. */
export function DuplicateNotice({ matches }: { matches: readonly PossibleDuplicate[] }) {
  return (
    <div aria-live="polite" data-testid="duplicate-region">
      {matches.length > 0 && (
        <section class="duplicate-notice" aria-labelledby="duplicate-title">
          <h2 id="duplicate-title">
            <span aria-hidden="true">⚠ </span>
            {t('intake.duplicate.title')}
          </h2>
          <ul>
            {matches.map((match) => {
              const name = match.displayName || t('dossier.unnamed');
              return (
                <li key={match.householdId}>
                  <p class="duplicate-name">
                    {t('intake.duplicate.dossier', { name })}
                    {match.reference ? ` · ${match.reference}` : ''}
                  </p>
                  <ul>
                    {match.reasons.map((reason) => (
                      <li
                        key={
                          reason.rule === 'phone' ? `p${reason.phone}` : `n${reason.name}${reason.birthDate}`
                        }
                      >
                        {reason.rule === 'phone'
                          ? t('intake.duplicate.phone', { phone: displayPhone(reason.phone) })
                          : t('intake.duplicate.nameAndBirth', {
                              name: reason.name,
                              date: formatDate(reason.birthDate),
                            })}
                      </li>
                    ))}
                  </ul>
                  <a class="button-link" href={`/dossiers/${match.householdId}/intake`}>
                    {t('intake.duplicate.open', { name })}
                  </a>
                </li>
              );
            })}
          </ul>
          <p>{t('intake.duplicate.hint')}</p>
        </section>
      )}
    </div>
  );
}
