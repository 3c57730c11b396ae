/**
 * The supporting documents of one debt: a box per document its product needs, ticked ones
 * stored on the debt row at once, and what is still missing in words.
 */
import { useState } from 'preact/hooks';
import { documentChecklist, missingDocuments, toggleDocument } from '../../../domain/dossier/debt-documents';
import type { DebtRow } from '../../../domain/dossier/rows';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';

export function DocumentsChecklist({ model, debt }: { model: DossierModel; debt: DebtRow }) {
  const [failure, setFailure] = useState<string | null>(null);
  const provided = debt.documentsProvided ?? [];
  const missing = missingDocuments(debt.product, provided);
  const name = (kind: string) => t(`debts.document.${kind}` as MessageKey);
  const prefix = `debt-${debt.id}-doc`;
  return (
    <fieldset class="documents">
      <legend>{t('debts.documents.legend')}</legend>
      <ul>
        {documentChecklist(debt.product, provided).map((item) => (
          <li key={item.kind}>
            <input
              type="checkbox"
              id={`${prefix}-${item.kind}`}
              checked={item.provided}
              onChange={async (event) => {
                const on = event.currentTarget.checked;
                setFailure(null);
                try {
                  await model.updateRow('debt', debt.id, {
                    documentsProvided: toggleDocument(debt.documentsProvided, item.kind, on),
                  });
                } catch (cause) {
                  setFailure(
                    t('debts.documents.saveFailed', { reason: t(describeWriteError(cause) as MessageKey) }),
                  );
                }
              }}
            />
            <label for={`${prefix}-${item.kind}`}>{name(item.kind)}</label>
          </li>
        ))}
      </ul>
      <p class={missing.length > 0 ? 'documents-missing' : 'documents-complete'}>
        {missing.length > 0
          ? t('debts.documents.missing', { list: missing.map(name).join(', ') })
          : t('debts.documents.complete')}
      </p>
      <p class="save-status error" role="status">
        {failure ?? ''}
      </p>
    </fieldset>
  );
}
