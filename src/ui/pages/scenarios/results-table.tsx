import type { ComponentChildren } from 'preact';
import { formatDate, formatMoney, intlTag, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { ScenarioChoice } from '../../../state/scenarios/compare-input';
import type { ScenarioRowView, WriteOffView } from '../../../state/scenarios/comparison-view';

export function choiceLabel(choice: ScenarioChoice): string {
  return t(`scenarios.choice.${choice}` as MessageKey);
}

/**
 * A table that may scroll sideways on a phone: a named region that takes the keyboard focus,
 * so it can be scrolled with the arrow keys (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard.
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** What the "written off" cell says: only the Banque de France measures write anything off. */
export function writeOffText(view: WriteOffView): string {
  if (view.nothingPaid === 'banque-de-france') return t('scenarios.writeOff.noPlan');
  if (view.canWriteOff) return formatMoney(view.writeOffCents);
  return view.leftOwedCents > 0
    ? t('scenarios.writeOff.noneLeftOwed', { amount: formatMoney(view.leftOwedCents) })
    : t('scenarios.writeOff.none');
}

/** One sentence under the comparison for a row that needs words, not figures. */
function RowNote({ row }: { row: ScenarioRowView }) {
  const name = choiceLabel(row.choice);
  let text: string | null = null;
  if (row.writeOff.nothingPaid !== null) {
    text = t(`scenarios.note.nothingPaid.${row.writeOff.nothingPaid}` as MessageKey);
  } else if (row.neverRepaid.length > 0) {
    const debts = new Intl.ListFormat(intlTag(), { type: 'conjunction' }).format(
      row.neverRepaid.map((c) =>
        t('scenarios.note.neverRepaidDebt', {
          name: c.name ?? t('scenarios.unknownCreditor'),
          amount: formatMoney(c.remainingCents),
        }),
      ),
    );
    text =
      row.months === null || row.lastMonthDate === null
        ? t('scenarios.note.neverRepaidNothingPaid', { debts })
        : t('scenarios.note.neverRepaid', { months: row.months, date: formatDate(row.lastMonthDate), debts });
  }
  if (text === null) return null;
  return (
    <li data-testid={`scenario-note-${row.index}`}>
      <strong>{t('scenarios.note.label', { name })}</strong> {text}
    </li>
  );
}

/**
 * The scenarios side by side, with per-creditor details on demand. On a phone each row is drawn
 * as a card (scenarios.css): every cell carries its column's name, so nothing hides sideways.
 */
export function ResultsTable({ rows }: { rows: readonly ScenarioRowView[] }) {
  const col = (key: string) => t(`scenarios.col.${key}` as MessageKey);
  const notes = rows.filter((row) => row.writeOff.nothingPaid !== null || row.neverRepaid.length > 0);
  return (
    <>
      <TableScroll label={t('scenarios.table.caption')}>
        <table class="scenario-table card-table">
          <caption>{t('scenarios.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{col('scenario')}</th>
              <th scope="col">{col('duration')}</th>
              <th scope="col">{col('monthly')}</th>
              <th scope="col">{col('totalPaid')}</th>
              <th scope="col">{col('interest')}</th>
              <th scope="col">{col('writeOff')}</th>
              <th scope="col">{col('feasible')}</th>
              <th scope="col">{col('lastMonth')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.index} data-testid={`scenario-row-${row.index}`}>
                <th scope="row">{choiceLabel(row.choice)}</th>
                <td class="num" data-col="duration" data-label={col('duration')}>
                  {row.months === null ? t('scenarios.never') : t('scenarios.months', { count: row.months })}
                </td>
                <td class="num" data-col="monthly" data-label={col('monthly')}>
                  {formatMoney(row.monthlyPaymentCents)}
                </td>
                <td class="num" data-col="totalPaid" data-label={col('totalPaid')}>
                  {formatMoney(row.totalPaidCents)}
                </td>
                <td class="num" data-col="interest" data-label={col('interest')}>
                  {formatMoney(row.interestCents)}
                </td>
                <td class="num" data-col="writeOff" data-label={col('writeOff')}>
                  {writeOffText(row.writeOff)}
                </td>
                <td data-col="feasible" data-label={col('feasible')}>
                  <span class={row.feasible ? 'feasible yes' : 'feasible no'}>
                    {row.feasible ? `✓ ${t('scenarios.feasible.yes')}` : `✗ ${t('scenarios.feasible.no')}`}
                  </span>
                </td>
                <td data-col="lastMonth" data-label={col('lastMonth')}>
                  {row.lastMonthDate ? formatDate(row.lastMonthDate) : t('scenarios.never')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {notes.length > 0 && (
        <ul class="scenario-notes" aria-label={t('scenarios.notes.title')}>
          {notes.map((row) => (
            <RowNote key={row.index} row={row} />
          ))}
        </ul>
      )}
      {rows.map((row) => (
        <details key={row.index} class="creditor-details">
          <summary>{t('scenarios.details.show', { name: choiceLabel(row.choice) })}</summary>
          <TableScroll label={t('scenarios.details.caption', { name: choiceLabel(row.choice) })}>
            <table class="card-table">
              <caption>{t('scenarios.details.caption', { name: choiceLabel(row.choice) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scenarios.col.creditor')}</th>
                  <th scope="col">{t('scenarios.col.owed')}</th>
                  <th scope="col">{t('scenarios.col.totalPaid')}</th>
                  <th scope="col">{t('scenarios.col.interest')}</th>
                  <th scope="col">{t('scenarios.col.writeOff')}</th>
                  <th scope="col">{t('scenarios.col.remaining')}</th>
                  <th scope="col">{t('scenarios.col.duration')}</th>
                </tr>
              </thead>
              <tbody>
                {row.creditors.map((c) => (
                  <tr key={c.creditorId}>
                    <th scope="row">{c.name ?? t('scenarios.unknownCreditor')}</th>
                    <td class="num" data-label={col('owed')}>
                      {formatMoney(c.initialCents)}
                    </td>
                    <td class="num" data-label={col('totalPaid')}>
                      {formatMoney(c.paidCents)}
                    </td>
                    <td class="num" data-label={col('interest')}>
                      {formatMoney(c.interestCents)}
                    </td>
                    <td class="num" data-label={col('writeOff')}>
                      {row.writeOff.canWriteOff ? formatMoney(c.writeOffCents) : t('scenarios.writeOff.none')}
                    </td>
                    <td class="num" data-label={col('remaining')}>
                      {formatMoney(
                        row.writeOff.canWriteOff ? c.remainingCents : c.remainingCents + c.writeOffCents,
                      )}
                    </td>
                    <td class="num" data-label={col('duration')}>
                      {c.lastMonth === null
                        ? t('scenarios.never')
                        : t('scenarios.months', { count: c.lastMonth })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ))}
    </>
  );
}
