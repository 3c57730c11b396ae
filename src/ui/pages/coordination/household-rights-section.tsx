/**
 * Droits de la personne (docs/household-rights.md RIGHT1–RIGHT7), at the foot of a dossier's
 * follow-up for coordinators and admins: export everything held (art. 15), or erase the dossier
 * (art. 17) after choosing the ground and typing its reference. Online only; the erasure form
 * says first that it cannot be undone.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { ERASURE_GROUNDS, type ErasureGround } from '../../../domain/rights/rights-protocol';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { useAppState } from '../../../state/app-state';
import { type HouseholdRightsModel, householdRightsModelFor } from '../../../state/household-rights-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import './household-rights.css';

const FORM = 'household-erasure';

function erasedCount(model: HouseholdRightsModel): number {
  const counts = model.erased.value?.counts ?? {};
  return Object.entries(counts)
    .filter(([table]) => !table.startsWith('report_facts') && table !== 'applied_mutations_redacted')
    .reduce((sum, [, n]) => sum + n, 0);
}

function ErasureForm({
  model,
  online,
  onCancel,
}: {
  model: HouseholdRightsModel;
  online: boolean;
  onCancel: () => void;
}) {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void model.erase().then((ok) => {
          if (ok) {
            document.getElementById('household-rights-result')?.focus();
            return;
          }
          if (model.groundError.value) document.getElementById(`${FORM}-ground`)?.focus();
          else if (model.confirmationError.value) document.getElementById(`${FORM}-confirmation`)?.focus();
        });
      }}
    >
      <SelectField
        id={`${FORM}-ground`}
        label={t('rights.erase.ground')}
        value={model.ground.value}
        placeholder={t('rights.erase.ground.choose')}
        options={ERASURE_GROUNDS.map((g) => ({
          value: g,
          label: t(`rights.erase.ground.${g}` as MessageKey),
        }))}
        onChange={(value) => model.setGround(value as ErasureGround | '')}
        error={model.groundError.value ? t('rights.erase.ground.error') : undefined}
      />
      <TextField
        id={`${FORM}-confirmation`}
        label={t('rights.erase.confirm', { expected: model.expected })}
        hint={t('rights.erase.confirm.hint')}
        value={model.confirmation.value}
        autoComplete="off"
        onInput={(text) => model.setConfirmation(text)}
        error={
          model.confirmationError.value
            ? t('rights.erase.confirm.mismatch', { expected: model.expected })
            : undefined
        }
      />
      <div class="form-actions">
        <button type="submit" class="danger" disabled={!online || model.erasing.value}>
          {model.erasing.value ? t('rights.erase.pending') : t('rights.erase.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('rights.erase.cancel')}
        </button>
      </div>
    </form>
  );
}

export function HouseholdRightsSection({
  householdId,
  reference,
}: {
  householdId: string;
  reference?: string | undefined;
}) {
  const state = useAppState();
  const model = useMemo(
    () => householdRightsModelFor(state, { id: householdId, reference }),
    [state, householdId, reference],
  );
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const online = state.coordinationDeps.isOnline.value;
  const failure = model.failure.value;
  const erased = model.erased.value;
  return (
    <section
      aria-labelledby="household-rights-title"
      class="card household-rights"
      data-testid="household-rights"
    >
      <h2 id="household-rights-title">{t('rights.title')}</h2>
      <p class="hint">{t('rights.intro')}</p>
      {!online && <p class="notice">{t('rights.offline')}</p>}
      <button
        type="button"
        onClick={() => void model.exportAll()}
        disabled={!online || model.exporting.value}
      >
        {model.exporting.value ? t('rights.export.pending') : t('rights.export')}
      </button>
      <p role="status">{model.exported.value ? t('rights.export.done') : ''}</p>
      <h3>{t('rights.erase.title')}</h3>
      <p>{t('rights.erase.warning')}</p>
      {erased === null &&
        (open ? (
          <ErasureForm
            model={model}
            online={online}
            onCancel={() => {
              setOpen(false);
              requestAnimationFrame(() => opener.current?.focus());
            }}
          />
        ) : (
          <button
            type="button"
            ref={opener}
            class="danger"
            aria-expanded="false"
            disabled={!online}
            onClick={() => {
              setOpen(true);
              requestAnimationFrame(() => document.getElementById(`${FORM}-ground`)?.focus());
            }}
          >
            {t('rights.erase.open')}
          </button>
        ))}
      <p id="household-rights-result" tabIndex={-1} role="status" data-testid="household-rights-result">
        {erased === null
          ? ''
          : erased.alreadyErased
            ? t('rights.erase.already')
            : t('rights.erase.done', { count: erasedCount(model) })}
      </p>
      {failure !== null && (
        <p role="alert" class="notice" data-testid="household-rights-failure">
          {t(
            (failure === 'bdf-procedure-ongoing' || failure === 'merged-household'
              ? `rights.refused.${failure}`
              : `rights.failure.${failure === 'not-logged-in' ? 'unauthorized' : failure}`) as MessageKey,
          )}
        </p>
      )}
    </section>
  );
}
