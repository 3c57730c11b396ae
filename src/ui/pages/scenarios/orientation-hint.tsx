import type { OrientationHint } from '../../../domain/rescheduling/orientation-hint';
import { locale, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';

/** The engine's orientation hint and its reasons, in plain words. */
export function OrientationHintCard({ hint }: { hint: OrientationHint }) {
  return (
    <section class="card orientation" aria-labelledby="orientation-title">
      <h3 id="orientation-title">{t('scenarios.orientation.title')}</h3>
      <p class="big" data-testid="orientation-track">
        {t(`scenarios.orientation.track.${hint.track}` as MessageKey)}
      </p>
      {hint.measure && <p>{t(`scenarios.orientation.measure.${hint.measure}` as MessageKey)}</p>}
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
