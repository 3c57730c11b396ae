/**
 * The one list of stored lines (resources, charges, debts, creditors): a titled section, a summary
 * row per line that opens to its details and its editor, what follows the lines (a total), and
 * the form to add one. The budget's amount lines (resources, charges) are one variation of it.
 */
import type { ComponentChildren } from 'preact';
import { type Frequency, toMonthlyCents } from '../../../domain/budget/monthly-amount';
import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { lineFormId } from '../../../state/budget/line-form';
import type { DossierModel } from '../../../state/workspace/dossier-model';
import { frequencyLabel, LineAmount } from './line-amount';
import { NewLine, StoredLine, type StoredLineProps } from './line-editing';

/** What a list shows of one stored line: all a StoredLine takes but its editor (the list's). */
export type LineView = Omit<StoredLineProps, 'editor'>;

export interface LineListProps<R extends { id: string }> {
  /** Id of the list's title, which takes the focus when a line is removed (tabIndex -1). */
  titleId: string;
  title: string;
  emptyText: string;
  /** The text of the button that opens the new line's form. */
  addLabel: string;
  /** Draft id of the new line's form (lineFormId without a row id). */
  newFormId: string;
  /** The lines shown (removed ones already left out). */
  rows: readonly R[];
  line: (row: R) => LineView;
  /** The editor of a stored line (with its close) or, without a row, of a new one. */
  editor: (row: R | undefined, onSaved: () => void, onClose: () => void) => ComponentChildren;
  /** Shown after the lines when there are some (e.g. their total). */
  footer?: ComponentChildren;
  /** Variations of the look: the section's, the empty text's and the list's classes. */
  sectionClass?: string | undefined;
  emptyClass?: string | undefined;
  listClass?: string;
  /** The class of a box around the new line's form, when it has one. */
  newLineClass?: string | undefined;
}

export function LineList<R extends { id: string }>({
  titleId,
  title,
  emptyText,
  addLabel,
  newFormId,
  rows,
  line,
  editor,
  footer,
  sectionClass,
  emptyClass,
  listClass = 'line-list',
  newLineClass,
}: LineListProps<R>) {
  const newLine = (
    <NewLine
      formId={newFormId}
      label={addLabel}
      render={(onSaved, onClose) => editor(undefined, onSaved, onClose)}
    />
  );
  return (
    <section class={sectionClass} aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {title}
      </h2>
      {rows.length === 0 ? (
        <p class={emptyClass}>{emptyText}</p>
      ) : (
        <>
          <ul class={listClass}>
            {rows.map((row) => (
              <StoredLine key={row.id} {...line(row)} editor={(done, close) => editor(row, done, close)} />
            ))}
          </ul>
          {footer}
        </>
      )}
      {newLineClass ? <div class={newLineClass}>{newLine}</div> : newLine}
    </section>
  );
}

/** What the budget's lists read of a stored resource or charge. */
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
  editor: LineListProps<R>['editor'];
}

/** The resources or the charges of the Budget tab: each line's amount per period, and their monthly total. */
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
  return (
    <LineList
      sectionClass="card budget-lines"
      titleId={`budget-${entity}s-title`}
      title={text('title')}
      emptyText={text('empty')}
      addLabel={text('add')}
      newFormId={lineFormId(entity, model.householdId, undefined)}
      rows={shown}
      footer={<p class="line-total">{text('total', { amount: formatMoney(total) })}</p>}
      editor={editor}
      line={(row) => {
        const facts = details(row);
        return {
          formId: lineFormId(entity, model.householdId, row.id),
          name: name(row),
          headline: (
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
          ),
          remove: () => model.removeRow(entity, row.id),
          summary: (
            <>
              <LineAmount amountCents={row.amountCents} frequency={row.frequency} />
              <p class="line-details">{facts.filter(Boolean).join(' · ')}</p>
            </>
          ),
        };
      }}
    />
  );
}
