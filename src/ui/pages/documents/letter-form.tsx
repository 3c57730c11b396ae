/** The letter form of the Documents tab: the kind, the debt, the editable text, the forclusion check. */
import { outstandingCents } from '../../../domain/budget/debt-summary';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { ScenarioRow } from '../../../domain/dossier/rows';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { LetterDraft } from '../../../state/documents/document-request';
import { fieldOf, LETTER_KINDS } from '../../../state/documents/document-request';
import type { DocumentsModel } from '../../../state/documents/documents-model';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { TextField } from '../../components/fields/text-field';

/** What a placeholder left in the text stands for, in the words of the form. */
function placeholderLabel(name: string): string {
  if (name === 'debt.reference') return t('documents.letter.reference');
  if (name === 'reason') return t('documents.letter.reason');
  if (name === 'grace.months') return t('documents.letter.graceMonths');
  if (name === 'household.reference') return t('documents.placeholder.reference');
  if (name.startsWith('plan.')) return t('documents.placeholder.plan');
  if (name.startsWith('budget.')) return t('documents.placeholder.budget');
  if (/^(household|creditor|debt)\.|^today$/.test(name)) return t('documents.placeholder.dossier');
  return t('documents.letter.unknownPlaceholder', { name });
}

/** The debts of the dossier as choices: creditor · debt · amount owed. */
export function debtOptions(dossier: Dossier) {
  const creditors = new Map(dossier.creditors.filter((c) => !c.deleted).map((c) => [c.id, c.name]));
  return dossier.debts
    .filter((d) => !d.deleted)
    .map((d) => ({
      value: d.id,
      label: t('documents.debtOption', {
        creditor: creditors.get(d.creditorId) ?? '?',
        debt: d.label?.trim() || t(`debts.product.${d.product}` as MessageKey),
        amount: formatMoney(outstandingCents(d)),
      }),
    }));
}

/** The scenarios as choices, the chosen one marked. */
export function scenarioOptions(scenarios: readonly ScenarioRow[]) {
  return scenarios.map((s) => ({
    value: s.id,
    label: s.isChosen ? t('documents.plan.chosen', { name: s.name }) : s.name,
  }));
}

/** The letter: kind, debt, what the dossier holds about it, the editable text, the forclusion check. */
export function LetterForm({
  state,
  draft,
  dossier,
}: {
  state: DocumentsModel;
  draft: LetterDraft;
  dossier: Dossier;
}) {
  const values = state.values.value;
  const edit = (field: string) => (text: string) => void state.edit(field, text);
  const debtId = draft.debtId;
  const debt = dossier.debts.find((d) => d.id === debtId && !d.deleted);
  const creditor = dossier.creditors.find((c) => c.id === debt?.creditorId && !c.deleted);
  const edited = values.bodyEdited === '1';
  const scenarios = dossier.scenarios.filter((s) => !s.deleted);
  const chosen =
    scenarios.find((s) => s.id === values.scenarioId) ?? scenarios.find((s) => s.isChosen) ?? scenarios[0];
  return (
    <section class="card" aria-labelledby="documents-letter-title">
      <h2 id="documents-letter-title">{t('documents.letter.title')}</h2>
      <SelectField
        id="documents-letter-kind"
        label={t('documents.letter.kind')}
        value={draft.kind}
        options={LETTER_KINDS.map((kind) => ({ value: kind, label: t(`documents.letterKind.${kind}`) }))}
        onChange={(v) => void state.editMany({ letterKind: v, forclusionConfirmed: '' })}
      />
      <SelectField
        id="documents-letter-debt"
        label={t('documents.letter.debt')}
        value={debtId}
        options={debtOptions(dossier)}
        onChange={(v) => void state.editMany({ debtId: v, forclusionConfirmed: '' })}
      />
      {debt && (
        <div class="documents-from-dossier">
          <h3>{t('documents.letter.fromDossier')}</h3>
          <dl>
            <dt>{t('documents.letter.reference')}</dt>
            <dd>{debt.reference || creditor?.reference || t('documents.bdf.noReference')}</dd>
            <dt>{t('documents.letter.address')}</dt>
            <dd class="documents-address">{creditor?.address || t('documents.bdf.noAddress')}</dd>
          </dl>
          <p>
            <a href={`/dossiers/${dossier.household.id}/debts`}>{t('documents.bdf.editInDebts')}</a>
          </p>
        </div>
      )}
      <TextAreaField
        id="documents-letter-reason"
        label={t('documents.letter.reason')}
        hint={t('documents.letter.reasonHint')}
        rows={3}
        value={fieldOf(values, 'reason')}
        onInput={edit('reason')}
      />
      {draft.kind === 'grace_period_request' && (
        <TextField
          id="documents-letter-months"
          label={t('documents.letter.graceMonths')}
          inputMode="numeric"
          value={fieldOf(values, 'graceMonths')}
          onInput={edit('graceMonths')}
        />
      )}
      {draft.kind === 'rescheduling_request' && scenarios.length > 0 && (
        <SelectField
          id="documents-letter-scenario"
          label={t('documents.letter.scenario')}
          value={chosen?.id ?? ''}
          options={scenarioOptions(scenarios)}
          onChange={edit('scenarioId')}
        />
      )}
      {draft.forclusion.kind !== 'not-applicable' && debt && (
        <p>
          {debt.firstUnpaidOn
            ? t('documents.letter.unpaidStored', { date: formatDate(debt.firstUnpaidOn) })
            : t('documents.letter.unpaidMissing')}
        </p>
      )}
      {draft.forclusion.kind === 'date-unknown' && <p class="notice">{t('documents.forclusion.unknown')}</p>}
      {draft.forclusion.kind === 'warning' && (
        <div class="documents-forclusion" role="alert">
          <p>
            <strong>
              {t('documents.forclusion.warning', { date: formatDate(draft.forclusion.barredOn) })}
            </strong>
          </p>
          <div class="check">
            <input
              id="documents-forclusion-confirm"
              type="checkbox"
              checked={values.forclusionConfirmed === '1'}
              onChange={(event) =>
                void state.edit('forclusionConfirmed', event.currentTarget.checked ? '1' : '')
              }
            />
            <label for="documents-forclusion-confirm">{t('documents.forclusion.confirm')}</label>
          </div>
        </div>
      )}
      <div class="documents-letter-text">
        <TextField
          id="documents-letter-subject"
          label={t('documents.letter.subject')}
          value={draft.subject}
          onInput={(v) => void state.editMany({ subject: v, body: draft.body, bodyEdited: '1' })}
        />
        <TextAreaField
          id="documents-letter-body"
          label={t('documents.letter.body')}
          hint={t('documents.letter.bodyHint')}
          rows={16}
          value={draft.body}
          onInput={(v) => void state.editMany({ body: v, subject: draft.subject, bodyEdited: '1' })}
        />
      </div>
      {edited && (
        <p class="notice">
          {t('documents.letter.edited')}{' '}
          <button
            type="button"
            onClick={() => void state.editMany({ bodyEdited: '', subject: '', body: '' })}
          >
            {t('documents.letter.reset')}
          </button>
        </p>
      )}
      {draft.unresolved.length > 0 && (
        <div class="documents-todo">
          <p id="documents-letter-todo">{t('documents.letter.toComplete')}</p>
          <ul aria-labelledby="documents-letter-todo">
            {draft.unresolved.map((name) => (
              <li key={name}>
                <code>{`{{${name}}}`}</code> : {placeholderLabel(name)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
