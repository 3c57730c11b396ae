/**
 * The supporting documents of one debt: a box per document its product needs, ticked ones
 * stored on the debt row at once, and what is still missing in words.
 */
import { useRef, useState } from 'preact/hooks';
import {
  type DebtDocument,
  documentChecklist,
  missingDocuments,
  toggleDocument,
} from '../../../domain/dossier/debt-documents';
import type { DebtRow } from '../../../domain/dossier/rows';
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { describeWriteError } from '../../../state/workspace/workspace-model';

export function DocumentsChecklist({ model, debt }: { model: DossierModel; debt: DebtRow }) {
  const [failure, setFailure] = useState<string | null>(null);
  // The ticks as last written from this screen: a second tick made before the stored row comes
  // back must build on the first one, not on the row as it was rendered.
  const stored = debt.documentsProvided ?? [];
  const storedKey = stored.join(',');
  const seenKey = useRef(storedKey);
  const latest = useRef<readonly DebtDocument[]>(stored);
  const [, rerender] = useState(0);
  if (seenKey.current !== storedKey) {
    // The stored row changed (this screen's write came back, or another device's): follow it.
    seenKey.current = storedKey;
    latest.current = stored;
  }
  const provided = latest.current;
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
                const before = latest.current;
                const next = toggleDocument(before, item.kind, on);
                latest.current = next;
                rerender((n) => n + 1);
                setFailure(null);
                try {
                  await model.updateRow('debt', debt.id, { documentsProvided: next });
                } catch (cause) {
                  // Not stored: show the box as it is on the device.
                  latest.current = before;
                  rerender((n) => n + 1);
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
