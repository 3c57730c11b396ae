import { formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import {
  type BalanceSeries,
  balanceAt,
  chartMonths,
  tableMonths,
} from '../../../state/scenarios/comparison-view';
import { TableScroll } from './results-table';

// Colour AND a dash pattern AND a marker per series: never colour-only information.
const STYLES = [
  { color: '#0b5560', dash: '', marker: 'circle' },
  { color: '#a1161b', dash: '10 5', marker: 'square' },
  { color: '#1e6b2f', dash: '3 4', marker: 'triangle' },
  { color: '#5a2d82', dash: '14 4 3 4', marker: 'diamond' },
  { color: '#8a3b00', dash: '6 6', marker: 'cross' },
  { color: '#1b1b1b', dash: '2 8', marker: 'bar' },
] as const;

const WIDTH = 720;
const HEIGHT = 364;
const LEFT = 96;
const RIGHT = 16;
const TOP = 40;
const BOTTOM = 56;

function Marker({ kind, x, y, color }: { kind: string; x: number; y: number; color: string }) {
  switch (kind) {
    case 'circle':
      return <circle cx={x} cy={y} r={5} fill={color} />;
    case 'square':
      return <rect x={x - 5} y={y - 5} width={10} height={10} fill={color} />;
    case 'triangle':
      return <polygon points={`${x},${y - 6} ${x - 6},${y + 5} ${x + 6},${y + 5}`} fill={color} />;
    case 'diamond':
      return <polygon points={`${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}`} fill={color} />;
    case 'cross':
      return (
        <path
          d={`M${x - 5},${y - 5}L${x + 5},${y + 5}M${x - 5},${y + 5}L${x + 5},${y - 5}`}
          stroke={color}
          stroke-width={3}
        />
      );
    default:
      return <rect x={x - 6} y={y - 2} width={12} height={4} fill={color} />;
  }
}

export function seriesName(series: BalanceSeries): string {
  return t(`scenarios.choice.${series.choice}` as MessageKey);
}

/** The total still owed over time, one line per scenario, with a text alternative. */
export function BalanceChart({ series }: { series: readonly BalanceSeries[] }) {
  const months = chartMonths(series);
  const max = Math.max(1, ...series.flatMap((s) => s.points));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (m: number) => LEFT + (m / months) * plotW;
  const y = (cents: number) => TOP + plotH - (cents / max) * plotH;
  const step = months > 120 ? 24 : months > 36 ? 12 : months > 12 ? 6 : 1;
  const xTicks: number[] = [];
  for (let m = 0; m <= months; m += step) xTicks.push(m);
  const yTicks = [0, Math.round(max / 2), max];
  const start = series[0]?.points[0] ?? 0;

  return (
    <figure class="balance-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="balance-chart-title balance-chart-desc"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="balance-chart-title">{t('scenarios.chart.title')}</title>
        <desc id="balance-chart-desc">
          {t('scenarios.chart.desc', { start: formatMoney(start), months })}
        </desc>
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(v)} y2={y(v)} stroke="#c8c8c8" />
            <text x={LEFT - 8} y={y(v) + 5} text-anchor="end" font-size="13" fill="#1b1b1b">
              {formatMoney(v)}
            </text>
          </g>
        ))}
        {xTicks.map((m) => (
          <text
            key={`x${m}`}
            x={x(m)}
            y={TOP + plotH + 20}
            text-anchor="middle"
            font-size="13"
            fill="#1b1b1b"
          >
            {m}
          </text>
        ))}
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotH} stroke="#1b1b1b" stroke-width={2} />
        <line
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={TOP + plotH}
          y2={TOP + plotH}
          stroke="#1b1b1b"
          stroke-width={2}
        />
        <text x={LEFT + plotW / 2} y={HEIGHT - 8} text-anchor="middle" font-size="14" fill="#1b1b1b">
          {t('scenarios.chart.xAxis')}
        </text>
        <text x={12} y={16} font-size="14" fill="#1b1b1b">
          {t('scenarios.chart.yAxis')}
        </text>
        {series.map((s, i) => {
          const style = STYLES[i % STYLES.length] ?? STYLES[0];
          const last = s.points.length - 1;
          const path = s.points.map((p, m) => `${x(m).toFixed(1)},${y(p).toFixed(1)}`).join(' ');
          return (
            <g key={s.index} data-series={s.choice}>
              <polyline
                points={path}
                fill="none"
                stroke={style.color}
                stroke-width={3}
                stroke-dasharray={style.dash || undefined}
              />
              <Marker kind={style.marker} x={x(0)} y={y(s.points[0] ?? 0)} color={style.color} />
              <Marker kind={style.marker} x={x(last)} y={y(s.points[last] ?? 0)} color={style.color} />
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="chart-legend" aria-label={t('scenarios.chart.legend')}>
          {series.map((s, i) => {
            const style = STYLES[i % STYLES.length] ?? STYLES[0];
            return (
              <li key={s.index}>
                <svg width="48" height="16" aria-hidden="true" focusable="false">
                  <line
                    x1={2}
                    x2={46}
                    y1={8}
                    y2={8}
                    stroke={style.color}
                    stroke-width={3}
                    stroke-dasharray={style.dash || undefined}
                  />
                  <Marker kind={style.marker} x={24} y={8} color={style.color} />
                </svg>
                {seriesName(s)}
              </li>
            );
          })}
        </ul>
        <details class="chart-data">
          <summary>{t('scenarios.chart.data')}</summary>
          <ul data-testid="chart-series">
            {series.map((s) => {
              const last = s.points.length - 1;
              return (
                <li key={s.index}>
                  {t('scenarios.chart.series', {
                    name: seriesName(s),
                    start: formatMoney(s.points[0] ?? 0),
                    end: formatMoney(s.points[last] ?? 0),
                    months: last,
                  })}
                </li>
              );
            })}
          </ul>
          <TableScroll label={t('scenarios.chart.tableCaption')}>
            <table class="card-table">
              <caption>{t('scenarios.chart.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scenarios.col.month')}</th>
                  {series.map((s) => (
                    <th key={s.index} scope="col">
                      {seriesName(s)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tableMonths(months).map((m) => (
                  <tr key={m}>
                    <th scope="row">{t('scenarios.chart.month', { n: m })}</th>
                    {series.map((s) => (
                      <td key={s.index} class="num" data-label={seriesName(s)}>
                        {formatMoney(balanceAt(s, m))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      </figcaption>
    </figure>
  );
}
