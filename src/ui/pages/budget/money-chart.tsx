/**
 * Where the money goes: one SVG bar per charge category, the instalments and what is left, each
 * with its name and amount written out (never colour alone), and the same figures in a table.
 */
import type { Diagnosis } from '../../../domain/budget/diagnose';
import { formatMoney, formatPercent, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import { type MoneyFlowItem, moneyFlow } from '../../../state/budget/budget-view';

function itemLabel(item: MoneyFlowItem): string {
  if (item.kind === 'instalments') return t('budget.chart.instalments');
  if (item.kind === 'left') return t('budget.chart.left');
  return t(`budget.category.${item.category}` as MessageKey);
}

function shareText(perMille: number): string {
  return formatPercent(perMille / 1000, { max: 1 });
}

const BAR_HEIGHT = 28;
const ROW_HEIGHT = 64;

export function MoneyChart({ diagnosis }: { diagnosis: Diagnosis }) {
  const flow = moneyFlow(diagnosis);
  const scale = Math.max(
    flow.resourcesMonthlyCents,
    flow.items.reduce((sum, item) => (item.kind === 'left' ? sum : sum + item.monthlyCents), 0),
    1,
  );
  const height = flow.items.length * ROW_HEIGHT;
  return (
    <section class="card money-chart" aria-labelledby="budget-chart-title">
      <h2 id="budget-chart-title">{t('budget.chart.title')}</h2>
      <figure>
        <figcaption>
          {t('budget.chart.caption', { amount: formatMoney(flow.resourcesMonthlyCents) })}
        </figcaption>
        {flow.resourcesMonthlyCents === 0 && <p>{t('budget.chart.noResources')}</p>}
        {/* The bars repeat the table below for sighted readers; screen readers read the table. */}
        <div class="money-bars-wrap">
          <svg
            class="money-bars"
            viewBox={`0 0 1000 ${height}`}
            width="100%"
            height={height}
            preserveAspectRatio="none"
            aria-hidden="true"
            focusable="false"
          >
            {flow.items.map((item, index) => {
              const y = index * ROW_HEIGHT;
              const width = Math.round((item.monthlyCents * 1000) / scale);
              return (
                <g key={item.id} class={`money-bar money-bar-${item.kind}`}>
                  <rect x="0" y={y + 30} width="1000" height={BAR_HEIGHT} class="money-bar-track" />
                  <rect x="0" y={y + 30} width={width} height={BAR_HEIGHT} class="money-bar-fill" />
                </g>
              );
            })}
          </svg>
          <ol class="money-bar-labels" aria-hidden="true">
            {flow.items.map((item) => (
              <li key={item.id} style={{ height: `${ROW_HEIGHT}px` }}>
                <span class="money-bar-name">{itemLabel(item)}</span>
                <span class="money-bar-amount">
                  {formatMoney(item.monthlyCents)} · {shareText(item.sharePerMille)}
                </span>
              </li>
            ))}
          </ol>
        </div>
      </figure>
      {flow.overspendMonthlyCents > 0 && (
        <p class="capacity-deficit" data-testid="overspend">
          {t('budget.chart.overspend', { amount: formatMoney(flow.overspendMonthlyCents) })}
        </p>
      )}
      {/* Both shortfalls on one page: say in one sentence why they differ. */}
      {flow.overspendMonthlyCents > 0 && diagnosis.capacity.deficitCents > 0 && (
        <p data-testid="two-shortfalls">
          {t('budget.chart.whyTwoFigures', {
            deficit: formatMoney(diagnosis.capacity.deficitCents),
            overspend: formatMoney(flow.overspendMonthlyCents),
          })}
        </p>
      )}
      <table class="money-table">
        <caption>{t('budget.chart.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('budget.chart.item')}</th>
            <th scope="col">{t('budget.chart.amount')}</th>
            <th scope="col">{t('budget.chart.share')}</th>
          </tr>
        </thead>
        <tbody>
          {flow.items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{itemLabel(item)}</th>
              <td>{formatMoney(item.monthlyCents)}</td>
              <td>{shareText(item.sharePerMille)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
