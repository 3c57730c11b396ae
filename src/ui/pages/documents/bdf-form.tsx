import type { Dossier } from '../../../domain/dossier/dossier';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { DocumentContext } from '../../../state/documents/document-request';
import { bdfOptions, fieldOf } from '../../../state/documents/document-request';
import type { DocumentsModel } from '../../../state/documents/documents-model';
import { TextField } from '../../components/fields/text-field';
import { debtOptions } from './letter-form';
import { TextArea } from './text-area';

/** The Banque de France preparation: online-filing warnings, guardianship, cause, checklist, creditors. */
export function BdfForm({
  state,
  context,
  dossier,
}: {
  state: DocumentsModel;
  context: DocumentContext;
  dossier: Dossier;
}) {
  const { kit } = context;
  const values = state.values.value;
  const options = bdfOptions(kit, dossier, values);
  const warnings = kit.onlineFilingWarnings(dossier, options);
  const checklist = kit.bdfChecklist(dossier, options);
  const needed = kit.neededGeneralDocuments(dossier, options);
  const missing = checklist.filter((c) => !c.provided).length;
  const debts = debtOptions(dossier);
  const debtLabel = new Map(debts.map((d) => [d.value, d.label]));
  return (
    <section class="card" aria-labelledby="documents-bdf-title">
      <h2 id="documents-bdf-title">{t('documents.bdf.title')}</h2>
      <ul class="documents-warnings">
        {warnings.map((w) => (
          <li key={w} class="documents-warning">
            <strong>{t(`documents.bdf.warning.${w}`)}</strong>
          </li>
        ))}
        {kit.onlineFilingPossible(warnings) && <li>{t('documents.bdf.online')}</li>}
      </ul>
      <div class="check">
        <input
          id="documents-bdf-guardianship"
          type="checkbox"
          checked={values.guardianship === '1'}
          onChange={(event) => void state.edit('guardianship', event.currentTarget.checked ? '1' : '')}
        />
        <label for="documents-bdf-guardianship">{t('documents.bdf.guardianship')}</label>
      </div>
      <TextArea
        id="documents-bdf-cause"
        label={t('documents.bdf.cause')}
        hint={t('documents.bdf.causeHint')}
        rows={4}
        value={fieldOf(values, 'cause')}
        onInput={(v) => void state.edit('cause', v)}
      />
      <h3>{t('documents.bdf.checklist')}</h3>
      <p role="status">
        {missing > 0 ? t('documents.bdf.missing', { n: missing }) : t('documents.bdf.complete')}
      </p>
      <fieldset>
        <legend>{t('documents.bdf.general')}</legend>
        {needed.map((doc) => (
          <div class="check" key={doc}>
            <input
              id={`documents-provided-${doc}`}
              type="checkbox"
              checked={values[`provided:${doc}`] === '1'}
              onChange={(event) => void state.edit(`provided:${doc}`, event.currentTarget.checked ? '1' : '')}
            />
            <label for={`documents-provided-${doc}`}>{t(`documents.general.${doc}`)}</label>
          </div>
        ))}
      </fieldset>
      {debts.length > 0 && (
        <>
          <h4 class="documents-h4">{t('documents.bdf.debtDocs')}</h4>
          <p class="hint">{t('documents.bdf.debtDocsHint')}</p>
          <ul class="documents-debt-docs">
            {debts.map((debt) => (
              <li key={debt.value}>
                {debt.label}
                <ul>
                  {checklist
                    .filter((c) => c.scope === debt.value)
                    .map((c) => (
                      <li key={c.document}>
                        {t(`debts.document.${c.document}` as MessageKey)} :{' '}
                        <strong>
                          {c.provided ? t('documents.bdf.provided') : t('documents.bdf.notProvided')}
                        </strong>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
          <h3>{t('documents.bdf.creditors')}</h3>
          <p class="hint">{t('documents.bdf.creditorsHint')}</p>
          {debts.map((debt) => (
            <fieldset key={debt.value}>
              <legend>{debtLabel.get(debt.value)}</legend>
              <TextField
                id={`documents-ref-${debt.value}`}
                label={t('documents.letter.reference')}
                value={fieldOf(values, `ref:${debt.value}`)}
                onInput={(v) => void state.edit(`ref:${debt.value}`, v)}
              />
              <TextArea
                id={`documents-addr-${debt.value}`}
                label={t('documents.letter.address')}
                rows={3}
                value={fieldOf(values, `addr:${debt.value}`)}
                onInput={(v) => void state.edit(`addr:${debt.value}`, v)}
              />
            </fieldset>
          ))}
        </>
      )}
    </section>
  );
}
