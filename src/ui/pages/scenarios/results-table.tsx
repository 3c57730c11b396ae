import type { ComponentChildren } from 'preact';
import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { ScenarioChoice } from '../../../state/scenarios/compare-input';
import type { ScenarioRowView } from '../../../state/scenarios/comparison-view';

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

/** The scenarios side by side, with per-creditor details on demand. */
export function ResultsTable({ rows }: { rows: readonly ScenarioRowView[] }) {
  return (
    <>
      <TableScroll label={t('scenarios.table.caption')}>
        <table class="scenario-table">
          <caption>{t('scenarios.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scenarios.col.scenario')}</th>
              <th scope="col">{t('scenarios.col.duration')}</th>
              <th scope="col">{t('scenarios.col.monthly')}</th>
              <th scope="col">{t('scenarios.col.totalPaid')}</th>
              <th scope="col">{t('scenarios.col.interest')}</th>
              <th scope="col">{t('scenarios.col.writeOff')}</th>
              <th scope="col">{t('scenarios.col.feasible')}</th>
              <th scope="col">{t('scenarios.col.lastMonth')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.index} data-testid={`scenario-row-${row.index}`}>
                <th scope="row">{choiceLabel(row.choice)}</th>
                <td class="num" data-col="duration">
                  {t('scenarios.months', { count: row.months })}
                </td>
                <td class="num" data-col="monthly">
                  {formatMoney(row.monthlyPaymentCents)}
                </td>
                <td class="num" data-col="totalPaid">
                  {formatMoney(row.totalPaidCents)}
                </td>
                <td class="num" data-col="interest">
                  {formatMoney(row.interestCents)}
                </td>
                <td class="num" data-col="writeOff">
                  {formatMoney(row.writeOffCents)}
                </td>
                <td data-col="feasible">
                  <span class={row.feasible ? 'feasible yes' : 'feasible no'}>
                    {row.feasible ? `✓ ${t('scenarios.feasible.yes')}` : `✗ ${t('scenarios.feasible.no')}`}
                  </span>
                </td>
                <td data-col="lastMonth">
                  {row.lastMonthDate ? formatDate(row.lastMonthDate) : t('scenarios.never')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {rows.map((row) => (
        <details key={row.index} class="creditor-details">
          <summary>{t('scenarios.details.show', { name: choiceLabel(row.choice) })}</summary>
          <TableScroll label={t('scenarios.details.caption', { name: choiceLabel(row.choice) })}>
            <table>
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
                    <td class="num">{formatMoney(c.initialCents)}</td>
                    <td class="num">{formatMoney(c.paidCents)}</td>
                    <td class="num">{formatMoney(c.interestCents)}</td>
                    <td class="num">{formatMoney(c.writeOffCents)}</td>
                    <td class="num">{formatMoney(c.remainingCents)}</td>
                    <td class="num">
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
