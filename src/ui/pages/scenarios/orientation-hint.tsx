import type { OrientationHint } from '../../../domain/rescheduling/orientation-hint';
import { formatDate, formatMoney, intlTag, locale, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { OrientationGap, SettingDifference } from '../../../state/scenarios/orientation';

function differenceText(d: SettingDifference): string {
  switch (d.kind) {
    case 'capacity':
      return t('scenarios.orientation.gap.capacity', {
        typed: formatMoney(d.typedCents),
        dossier: formatMoney(d.dossierCents),
      });
    case 'steps':
      return t('scenarios.orientation.gap.steps');
    case 'incomeMayRecover':
      return t('scenarios.orientation.gap.incomeMayRecover');
    case 'startDate':
      return t('scenarios.orientation.gap.startDate', {
        date: formatDate(d.startDate),
        dossierDate: formatDate(d.dossierStartDate),
      });
  }
}

/** Why the Follow-up tab suggests another track: the settings typed here that differ. */
function GapNote({ gap }: { gap: OrientationGap }) {
  const differences =
    gap.differences.length > 0
      ? new Intl.ListFormat(intlTag(), { type: 'conjunction' }).format(gap.differences.map(differenceText))
      : t('scenarios.orientation.gap.other');
  return (
    <p class="notice" data-testid="orientation-gap">
      {t('scenarios.orientation.gap', {
        track: t(`dossier.track.${gap.followupTrack}` as MessageKey),
        amount: formatMoney(gap.dossierCapacityCents),
        differences,
      })}
    </p>
  );
}

/**
 * The engine's orientation hint and its reasons, in plain words; and, when the figures typed in
 * this tab lead elsewhere than the dossier as it is, what the Follow-up tab suggests and why.
 */
export function OrientationHintCard({ hint, gap }: { hint: OrientationHint; gap: OrientationGap | null }) {
  return (
    <section class="card orientation" aria-labelledby="orientation-title">
      <h3 id="orientation-title">{t('scenarios.orientation.title')}</h3>
      <p class="big" data-testid="orientation-track">
        {t(`scenarios.orientation.track.${hint.track}` as MessageKey)}
      </p>
      {hint.measure && <p>{t(`scenarios.orientation.measure.${hint.measure}` as MessageKey)}</p>}
      {gap && <GapNote gap={gap} />}
      <h4>{t('scenarios.orientation.reasons')}</h4>
      <ul data-testid="orientation-reasons">
        {hint.reasons.map((reason) => (
          <li key={reason.key}>{locale.value === 'en' ? reason.text.en : reason.text.fr}</li>
        ))}
      </ul>
      <p class="hint">{t('scenarios.orientation.note')}</p>
    </section>
  );
}
