import { useEffect, useState } from 'preact/hooks';
import type { MatchProbe, MatchReason } from '../../../domain/matching';
import { t } from '../../../i18n/i18n';
import { probeKey } from '../../../state/intake/new-dossier-form';
import type { WorkspaceModel } from '../../../state/workspace/workspace-model';
import { matchValueText } from '../../components/match-value-text';

type PossibleDuplicate = Awaited<ReturnType<WorkspaceModel['findPossibleDuplicates']>>[number];

const DEBOUNCE_MS = 300;

/**
 * Households that look like the one being typed, checked shortly after each change: on the device,
 * and on the server when online (DUP3).
 */
export function usePossibleDuplicates(
  workspace: WorkspaceModel,
  probe: MatchProbe,
  excludeHouseholdId?: string,
): PossibleDuplicate[] {
  const [matches, setMatches] = useState<PossibleDuplicate[]>([]);
  const key = probeKey(probe);
  useEffect(() => {
    if (probe.people.length === 0 && probe.phones.length === 0 && probe.emails.length === 0) {
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

/** One agreement of the pair, as a sentence (the scorer's reasons, DUP1). */
function reasonText(reason: MatchReason): string {
  const a = matchValueText(reason.field, reason.a);
  const b = matchValueText(reason.field, reason.b);
  switch (reason.field) {
    case 'name':
      if (reason.level === 'phonetic') return t('intake.duplicate.name.phonetic', { a, b });
      if (reason.level === 'swapped') return t('intake.duplicate.name.swapped', { a, b });
      // The same once normalised: written as the dossier on the device has it.
      return reason.level === 'exact'
        ? t('intake.duplicate.name.exact', { a: b })
        : t('intake.duplicate.name.close', { a, b });
    case 'birth_date':
      if (reason.level === 'swapped') return t('intake.duplicate.birthDate.swapped', { a, b });
      if (reason.level === 'year_off') return t('intake.duplicate.birthDate.yearOff', { a, b });
      return t('intake.duplicate.birthDate.exact', { a });
    case 'phone':
      return t('intake.duplicate.phone', { phone: a });
    case 'email':
      return t('intake.duplicate.email', { a: b });
    case 'address':
      return reason.level === 'exact'
        ? t('intake.duplicate.address.exact', { a: b })
        : t('intake.duplicate.address.close', { a, b });
    case 'creditor_reference':
      return t('intake.duplicate.creditorReference', { a });
  }
}

/** Says which dossiers look like this one and why (the agreements), with a link to open each. */
export function DuplicateNotice({ matches }: { matches: readonly PossibleDuplicate[] }) {
  return (
    <div aria-live="polite" data-testid="duplicate-region">
      {matches.length > 0 && (
        <section class="duplicate-notice" aria-labelledby="duplicate-title">
          <h2 id="duplicate-title">
            <span aria-hidden="true">⚠ </span>
            {t(matches.every((m) => m.onDevice) ? 'intake.duplicate.title' : 'intake.duplicate.titleNetwork')}
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
                    {match.reasons
                      .filter((reason) => reason.weight > 0)
                      .map((reason) => (
                        <li key={`${reason.field}|${reason.a}|${reason.b}`}>{reasonText(reason)}</li>
                      ))}
                  </ul>
                  {match.onDevice ? (
                    <a class="button-link" href={`/dossiers/${match.householdId}/intake`}>
                      {t('intake.duplicate.open', { name })}
                    </a>
                  ) : (
                    <p>{t('intake.duplicate.network')}</p>
                  )}
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
