/** The resources or the charges of the Budget tab: stored lines, each editable, their total, and a form to add one. */
import type { ComponentChildren } from 'preact';
import { type Frequency, toMonthlyCents } from '../../../domain/budget/monthly-amount';
import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { lineFormId } from '../../../state/budget/line-form';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { frequencyLabel, LineAmount } from './line-amount';
import { NewLine, StoredLine } from './line-editing';

/** What the list reads of a stored resource or charge. */
interface AmountRow {
  id: string;
  amountCents: number;
  frequency: Frequency;
  deleted?: boolean | undefined;
}

export interface BudgetLinesProps<R extends AmountRow> {
  entity: 'resource' | 'charge';
  model: DossierModel;
  /** Every row of the entity, removed ones included (they are not shown). */
  rows: readonly R[];
  name: (row: R) => string;
  /**
   * The facts under the amount, joined by " · " (null for a fact that does not apply). The first
   * one is the line's key fact, shown on its one-line summary too (who receives it, how counted).
   */
  details: (row: R) => ReadonlyArray<string | null>;
  /** The editor of a stored line (with its close) or, without a row, of a new one. */
  editor: (row: R | undefined, onSaved: () => void, onClose: () => void) => ComponentChildren;
}

export function BudgetLines<R extends AmountRow>({
  entity,
  model,
  rows,
  name,
  details,
  editor,
}: BudgetLinesProps<R>) {
  // Message keys and the title's id are named after the list: `budget.resources.*`, `budget.charges.*`.
  const text = (key: string, params?: Record<string, string>) =>
    t(`budget.${entity}s.${key}` as MessageKey, params);
  const shown = rows.filter((r) => !r.deleted);
  const total = shown.reduce((sum, r) => sum + toMonthlyCents(r.amountCents, r.frequency), 0);
  const titleId = `budget-${entity}s-title`;
  return (
    <section class="card budget-lines" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {text('title')}
      </h2>
      {shown.length === 0 ? (
        <p>{text('empty')}</p>
      ) : (
        <>
          <ul class="line-list">
            {shown.map((row) => {
              const facts = details(row);
              return (
                <StoredLine
                  key={row.id}
                  formId={lineFormId(entity, model.householdId, row.id)}
                  name={name(row)}
                  headline={
                    <>
                      <span class="line-title">{name(row)}</span>
                      <span class="line-headline-amount">
                        {t('budget.line.perPeriod', {
                          amount: formatMoney(row.amountCents),
                          frequency: frequencyLabel(row.frequency),
                        })}
                      </span>
                      {facts[0] && <span class="line-details">{facts[0]}</span>}
                    </>
                  }
                  remove={() => model.removeRow(entity, row.id)}
                  summary={
                    <>
                      <LineAmount amountCents={row.amountCents} frequency={row.frequency} />
                      <p class="line-details">{facts.filter(Boolean).join(' · ')}</p>
                    </>
                  }
                  editor={(done, close) => editor(row, done, close)}
                />
              );
            })}
          </ul>
          <p class="line-total">{text('total', { amount: formatMoney(total) })}</p>
        </>
      )}
      <NewLine
        formId={lineFormId(entity, model.householdId, undefined)}
        label={text('add')}
        render={(onSaved, onClose) => editor(undefined, onSaved, onClose)}
      />
    </section>
  );
}
