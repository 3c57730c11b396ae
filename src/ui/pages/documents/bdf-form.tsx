import { useEffect, useRef, useState } from 'preact/hooks';
import type { Dossier } from '../../../domain/dossier/dossier';
import type { HouseholdDocument } from '../../../domain/dossier/dossier-meta';
import { LegalProtectionSchema } from '../../../domain/dossier/rows';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { DocumentContext } from '../../../state/documents/document-request';
import type { DocumentsModel } from '../../../state/documents/documents-model';
import { SelectField } from '../../components/fields/select-field';
import { TextAreaField } from '../../components/fields/text-area-field';
import { debtOptions } from './letter-form';

/**
 * The Banque de France preparation: online-filing warnings, each filer's legal protection, the
 * cause, the checklist, the creditors' addresses and references. What is typed here is written
 * to the dossier's rows (it syncs), not kept in the screen's draft.
 */
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
  const household = dossier.household;
  const warnings = kit.onlineFilingWarnings(dossier);
  const checklist = kit.bdfChecklist(dossier);
  const needed = kit.neededGeneralDocuments(dossier);
  const missing = checklist.filter((c) => !c.provided).length;
  const debts = debtOptions(dossier);
  // The ticks as last written from this screen: a second tick made before the stored row comes
  // back builds on the first one, not on the row as it was rendered (as the Debts tab checklist).
  const stored = household.documentsProvided ?? [];
  const storedKey = stored.join(',');
  const seenKey = useRef(storedKey);
  const latest = useRef<readonly HouseholdDocument[]>(stored);
  const [, rerender] = useState(0);
  if (seenKey.current !== storedKey) {
    seenKey.current = storedKey;
    latest.current = stored;
  }
  const provided = new Set(latest.current);
  // The text as typed (written to the row after a pause, on blur and on leaving), else the row's.
  const cause = state.cause.text.value ?? household.indebtednessCause ?? '';
  useEffect(() => () => void state.cause.flush(), [state]);
  const saveError = state.saveError.value;
  const tick = async (doc: HouseholdDocument, on: boolean) => {
    const before = latest.current;
    const next = kit.GENERAL_DOCUMENTS.filter((d) => (d === doc ? on : before.includes(d)));
    latest.current = next;
    rerender((n) => n + 1);
    if (!(await state.saveHousehold({ documentsProvided: next }))) {
      // Not stored: show the boxes as they are on the device.
      latest.current = before;
      rerender((n) => n + 1);
    }
  };
  const creditors = new Map(dossier.creditors.filter((c) => !c.deleted).map((c) => [c.id, c]));
  const entries = dossier.debts
    .filter((d) => !d.deleted)
    .map((debt) => ({ debt, creditor: creditors.get(debt.creditorId) }));
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
      <p class="hint">{t('documents.bdf.savedOnDossier')}</p>
      {saveError && (
        <p class="error" role="alert">
          {t(saveError as MessageKey)}
        </p>
      )}
      {kit.filersOf(dossier).map((member) => (
        <SelectField
          key={member.id}
          id={`documents-bdf-protection-${member.id}`}
          label={t('documents.bdf.protection', {
            name:
              [member.firstName, member.lastName].filter(Boolean).join(' ') ||
              t(`intake.role.${member.role}` as MessageKey),
          })}
          hint={t('documents.bdf.protectionHint')}
          value={member.legalProtection ?? ''}
          placeholder={t('documents.protection.unknown')}
          options={LegalProtectionSchema.options.map((p) => ({
            value: p,
            label: t(`documents.protection.${p}`),
          }))}
          onChange={(v) =>
            void state.saveMember(member.id, {
              legalProtection: v === '' ? undefined : LegalProtectionSchema.parse(v),
            })
          }
        />
      ))}
      <TextAreaField
        id="documents-bdf-cause"
        label={t('documents.bdf.cause')}
        hint={t('documents.bdf.causeHint')}
        rows={4}
        value={cause}
        onInput={(v) => void state.cause.edit(v)}
        onBlur={() => void state.cause.flush()}
      />
      <h3>{t('documents.bdf.checklist')}</h3>
      <p role="status">
        {missing > 0 ? t('documents.bdf.missing', { count: missing }) : t('documents.bdf.complete')}
      </p>
      <fieldset>
        <legend>{t('documents.bdf.general')}</legend>
        {needed.map((doc) => (
          <div class="check" key={doc}>
            <input
              id={`documents-provided-${doc}`}
              type="checkbox"
              checked={provided.has(doc)}
              onChange={(event) => void tick(doc, event.currentTarget.checked)}
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
          <dl class="documents-from-dossier">
            {entries.map((e) => (
              <div key={e.debt.id}>
                <dt>{debts.find((d) => d.value === e.debt.id)?.label}</dt>
                <dd>
                  {e.debt.reference || e.creditor?.reference || t('documents.bdf.noReference')}
                  <br />
                  <span class="documents-address">{e.creditor?.address || t('documents.bdf.noAddress')}</span>
                </dd>
              </div>
            ))}
          </dl>
          <p>
            <a href={`/dossiers/${household.id}/debts`}>{t('documents.bdf.editInDebts')}</a>
          </p>
        </>
      )}
    </section>
  );
}
