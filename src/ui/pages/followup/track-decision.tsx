/** The track decision of the Suivi tab: the engine's suggestion, the chosen track, its reason, the status. */
import type { IsoDate } from '../../../domain/dates';
import type { Dossier } from '../../../domain/dossier/dossier';
import { DossierStatusSchema, TrackSchema } from '../../../domain/dossier/dossier-meta';
import { formatMoney, locale, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  suggestionText,
  suggestTrack,
  type TrackField,
  trackInitial,
  validateTrack,
} from '../../../state/followup/track-decision';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { choices } from '../../components/fields/choices';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { fieldError, useForm } from './form-bits';
import { RowEditor } from './row-editor';

/** The track decision and its reasons, with the engine's suggestion to start from. */
export function TrackDecision({
  model,
  dossier,
  today,
}: {
  model: DossierModel;
  dossier: Dossier;
  today: IsoDate;
}) {
  const form = useForm<TrackField, Parameters<DossierModel['updateHousehold']>[0]>({
    formId: `followup:track:${model.householdId}`,
    initial: trackInitial(dossier),
    validate: validateTrack,
    save: async (patch, receipt) => {
      await model.updateHousehold(patch, receipt);
    },
  });
  const values = form.values.value;
  const errors = form.errors.value;
  const suggestion = suggestTrack(dossier, model.diagnosis.value, today);

  return (
    <section class="card" aria-labelledby="followup-track-title">
      <h2 id="followup-track-title">{t('followup.track.title')}</h2>
      {suggestion && (
        <div class="suggestion" data-testid="track-suggestion">
          <h3>{t('followup.suggestion.title')}</h3>
          <p class="big">
            {t('followup.suggestion.track', { track: t(`dossier.track.${suggestion.track}` as MessageKey) })}
          </p>
          <ul>
            {suggestion.reasons.map((r) => (
              <li key={r.key}>{locale.value === 'en' ? r.text.en : r.text.fr}</li>
            ))}
          </ul>
          <p class="hint">
            {t('followup.suggestion.basis', { amount: formatMoney(suggestion.capacityMonthlyCents) })}
          </p>
          <p class="hint">{t('followup.suggestion.note')}</p>
          <button
            type="button"
            onClick={() => {
              void form.edit('track', suggestion.track);
              void form.edit('trackReason', suggestionText(suggestion, locale.value));
            }}
          >
            {t('followup.suggestion.use')}
          </button>
        </div>
      )}
      <RowEditor form={form} submitText={t('followup.track.save')} savedText={t('followup.track.saved')}>
        <SelectField
          id="followup-track"
          label={t('followup.track.field')}
          value={values.track}
          placeholder={t('followup.track.undecided')}
          options={choices(TrackSchema.options, 'dossier.track')}
          onChange={(v) => void form.edit('track', v)}
          error={fieldError(errors.track)}
        />
        <TextAreaField
          id="followup-track-reason"
          label={t('followup.track.reason')}
          hint={t('followup.track.reason.hint')}
          value={values.trackReason}
          onInput={(v) => void form.edit('trackReason', v)}
          error={fieldError(errors.trackReason)}
        />
        <SelectField
          id="followup-status"
          label={t('followup.track.status')}
          value={values.status}
          options={choices(DossierStatusSchema.options, 'dossier.status')}
          onChange={(v) => void form.edit('status', v)}
          error={fieldError(errors.status)}
        />
      </RowEditor>
    </section>
  );
}
