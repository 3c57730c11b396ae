/**
 * Paramètres légaux (ADR 0018): the values an admin entered (RSA, seizure scale, legal interest
 * rates, commission forfaits), each with its effective date and official text; the form to add
 * or correct one, each refusal next to its field; and the log of every change (who, when,
 * before and after). Budget alerts about these values link here (#legal-parameters).
 */
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatMoney, formatPercent, intlTag, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  FIELDS_BY_KIND,
  type FieldSpec,
  type FormErrors,
  type LegalParameterChange,
  type LegalParameterEntry,
  type LegalParameterKind,
  type LegalParametersAdminModel,
  legalParameterFormValues,
} from '../../../state/legal-parameters-admin-model';
import { SelectField } from '../../components/fields/select-field';
import { TextField } from '../../components/fields/text-field';
import { ConfirmBox, failureMessage, focusSoon } from './admin-shared';

const KINDS: readonly LegalParameterKind[] = [
  'rsaAmounts',
  'seizureScales',
  'legalInterestRates',
  'commissionForfaits',
];
const FORM = 'admin-legal';
const fieldId = (key: string) => `${FORM}-${key.replace('.', '-')}`;
const kindLabel = (kind: LegalParameterKind) => t(`admin.legal.kind.${kind}` as MessageKey);

function percent(bps: number): string {
  return formatPercent(bps / 10_000, { min: 2, max: 2 });
}

/** The entry's value in words, e.g. "651,00 € par mois". */
export function valueText(entry: LegalParameterEntry): string {
  switch (entry.kind) {
    case 'rsaAmounts':
      return entry.mayotteBaseMonthlyCents != null
        ? t('admin.legal.value.rsaMayotte', {
            amount: formatMoney(entry.baseMonthlyCents),
            mayotte: formatMoney(entry.mayotteBaseMonthlyCents),
          })
        : t('admin.legal.value.rsa', { amount: formatMoney(entry.baseMonthlyCents) });
    case 'seizureScales':
      return t('admin.legal.value.scale', {
        thresholds: entry.thresholdsAnnualCents.map(formatMoney).join(' / '),
        increment: formatMoney(entry.incrementPerDependentAnnualCents),
      });
    case 'legalInterestRates':
      return t('admin.legal.value.rates', {
        individual: percent(entry.individualCreditorBps),
        other: percent(entry.otherCreditorBps),
      });
    case 'commissionForfaits': {
      const list = (['base', 'habitation', 'chauffage'] as const)
        .filter((k) => entry[k] != null)
        .map((k) => {
          const a = entry[k];
          const amounts = a
            ? [a.firstPersonCents, a.secondPersonCents, a.perAdditionalPersonCents]
                .map(formatMoney)
                .join(' / ')
            : '';
          return `${t(`admin.legal.forfait.${k}`)} ${amounts}`;
        })
        .join(' ; ');
      const place =
        entry.departement === null
          ? t('admin.legal.national')
          : t('admin.legal.departement', { code: entry.departement });
      return t('admin.legal.value.forfaits', { place, list });
    }
  }
}

function fieldLabel(spec: FieldSpec): string {
  const [head, tail] = spec.key.split('.') as [string, string | undefined];
  if (head === 'thresholdsAnnualCents')
    return t('admin.legal.field.thresholdsAnnualCents', { n: Number(tail) + 1 });
  if (spec.group !== undefined && tail !== undefined) {
    return t('admin.legal.field.forfait', {
      forfait: t(`admin.legal.forfait.${spec.group}`),
      person: t(`admin.legal.person.${tail}` as MessageKey),
    });
  }
  return t(`admin.legal.field.${head}` as MessageKey);
}

function LegalParameterForm({
  model,
  editing,
  onDone,
}: {
  model: LegalParametersAdminModel;
  editing: LegalParameterEntry | null;
  onDone: (text: string) => void;
}) {
  const [kind, setKind] = useState<LegalParameterKind>(editing?.kind ?? 'rsaAmounts');
  const [values, setValues] = useState<Record<string, string>>(
    editing ? legalParameterFormValues(editing) : {},
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const specs = FIELDS_BY_KIND[kind];

  async function submit(event: Event) {
    event.preventDefault();
    setFailure(null);
    const outcome = await model.save(kind, values, editing?.id);
    if (outcome.ok) {
      setErrors({});
      setValues({});
      onDone(t('admin.legal.saved'));
      return;
    }
    setErrors(outcome.errors);
    if (outcome.failure !== undefined && Object.keys(outcome.errors).length === 0)
      setFailure(failureMessage(outcome.failure));
    const first = specs.find((s) => outcome.errors[s.key] !== undefined);
    if (first) focusSoon(fieldId(first.key));
  }

  return (
    <form class="admin-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${FORM}-title`}>
      <h3 id={`${FORM}-title`} tabIndex={-1}>
        {editing
          ? t('admin.legal.correctTitle', {
              kind: kindLabel(editing.kind),
              date: formatDate(editing.effectiveFrom),
            })
          : t('admin.legal.formTitle')}
      </h3>
      {editing === null && (
        <SelectField
          id={`${FORM}-kind`}
          label={t('admin.legal.kindLabel')}
          value={kind}
          options={KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          onChange={(value) => {
            setKind(value as LegalParameterKind);
            setErrors({});
          }}
        />
      )}
      {kind === 'commissionForfaits' && <p class="hint">{t('admin.legal.forfaitHint')}</p>}
      {specs.map((spec) => (
        <TextField
          key={`${kind}-${spec.key}`}
          id={fieldId(spec.key)}
          label={fieldLabel(spec)}
          value={values[spec.key] ?? ''}
          onInput={(text) => setValues((v) => ({ ...v, [spec.key]: text }))}
          error={errors[spec.key] ? t(errors[spec.key] as MessageKey) : undefined}
          type={spec.unit === 'date' ? 'date' : 'text'}
          inputMode={spec.unit === 'euros' || spec.unit === 'percent' ? 'decimal' : 'text'}
          {...(spec.unit === 'euros' ? { unit: '€' } : spec.unit === 'percent' ? { unit: '%' } : {})}
        />
      ))}
      <div class="admin-actions">
        <button type="submit" class="primary" disabled={model.pending.value}>
          {editing ? t('admin.legal.saveCorrection') : t('admin.legal.add')}
        </button>
        {editing && (
          <button type="button" onClick={() => onDone('')}>
            {t('admin.cancel')}
          </button>
        )}
      </div>
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}

function EntryItem({
  model,
  entry,
  onCorrect,
  onDone,
}: {
  model: LegalParametersAdminModel;
  entry: LegalParameterEntry;
  onCorrect: () => void;
  onDone: (text: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const base = `${FORM}-entry-${entry.id}`;
  return (
    <li data-testid="admin-legal-entry">
      <p id={`${base}-name`} class="admin-item-name" tabIndex={-1}>
        {kindLabel(entry.kind)} · {t('admin.legal.from', { date: formatDate(entry.effectiveFrom) })}
      </p>
      <p>{valueText(entry)}</p>
      <p class="hint">{t('admin.legal.source', { source: entry.source })}</p>
      {confirming ? (
        <ConfirmBox
          id={`${base}-remove`}
          question={t('admin.legal.removeQuestion')}
          yes={t('admin.legal.remove')}
          busy={model.pending.value}
          onYes={async () => {
            if (await model.remove(entry.id)) onDone(t('admin.legal.removed'));
          }}
          onCancel={() => setConfirming(false)}
          error={model.failure.value ? failureMessage(model.failure.value) : undefined}
        />
      ) : (
        <div class="admin-actions">
          <button type="button" onClick={onCorrect}>
            {t('admin.legal.correct')}
          </button>
          <button type="button" onClick={() => setConfirming(true)}>
            {t('admin.legal.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

function changeText(change: LegalParameterChange): string {
  const subject = change.newEntry ?? change.oldEntry;
  const params = {
    date: new Intl.DateTimeFormat(intlTag(), { dateStyle: 'long', timeStyle: 'short' }).format(change.at),
    who: change.userName,
    kind: kindLabel(change.kind),
    from: subject ? formatDate(subject.effectiveFrom) : '',
    old: change.oldEntry ? valueText(change.oldEntry) : '',
    value: change.newEntry ? valueText(change.newEntry) : '',
  };
  return t(`admin.legal.change.${change.action}` as MessageKey, params);
}

export function LegalParametersSection({ model }: { model: LegalParametersAdminModel }) {
  const [editing, setEditing] = useState<LegalParameterEntry | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!model.loaded.value) void model.load();
    // The budget alerts link to #legal-parameters: bring the section into view.
    if (window.location.hash === '#legal-parameters') focusSoon('legal-parameters');
  }, [model]);

  const done = (text: string) => {
    setEditing(null);
    setStatus(text);
    focusSoon(`${FORM}-title`);
  };

  return (
    <section aria-labelledby="legal-parameters">
      <h2 id="legal-parameters" tabIndex={-1}>
        {t('admin.legal.title')}
      </h2>
      <p>{t('admin.legal.intro')}</p>
      <p role="status">{status}</p>
      {model.failure.value !== null && !model.loaded.value && (
        <p class="notice" role="alert">
          {t('admin.loadFailed', { reason: failureMessage(model.failure.value) })}
        </p>
      )}
      {model.loaded.value && model.entries.value.length === 0 && <p>{t('admin.legal.none')}</p>}
      <ul class="admin-list">
        {model.entries.value.map((entry) => (
          <EntryItem
            key={entry.id}
            model={model}
            entry={entry}
            onCorrect={() => {
              setEditing(entry);
              focusSoon(`${FORM}-title`);
            }}
            onDone={done}
          />
        ))}
      </ul>
      <LegalParameterForm key={editing?.id ?? 'new'} model={model} editing={editing} onDone={done} />
      <h3>{t('admin.legal.history')}</h3>
      {model.changes.value.length === 0 ? (
        <p>{t('admin.legal.historyNone')}</p>
      ) : (
        <ul data-testid="admin-legal-history">
          {model.changes.value.map((change) => (
            <li key={change.id}>{changeText(change)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
