/**
 * A bar chart drawn in SVG (no chart library), readable without colour and in print: each bar is
 * hatched and outlined and carries its figure, the chart has a title and a short description,
 * and the same figures follow in a table (the text alternative that screen readers, and a
 * coordinator copying a figure, use). Months stand up (time runs left to right); welcome points
 * lie down, so their names can be read.
 */
import { t } from '../../../i18n/i18n';

export interface Bar {
  key: string;
  /** Under (or beside) the bar, short. */
  label: string;
  /** In the table: the full label. */
  fullLabel: string;
  value: number;
}

export interface BarChartProps {
  id: string;
  title: string;
  bars: readonly Bar[];
  /** The figure as written on the bar and in the table. */
  format: (value: number) => string;
  /** The table's first column header (Mois, Lieu d’accueil). */
  labelHeader: string;
  orientation: 'vertical' | 'horizontal';
}

const VALUE_SPACE = 22;
const BAR_SLOT = 56;
const PLOT_HEIGHT = 180;
const LABEL_SPACE = 40;
const ROW = 34;
const NAME_SPACE = 170;
const PLOT_WIDTH = 420;
const MAX_NAME = 22;

function shorten(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
        <rect width="8" height="8" class="bar-chart-fill" />
        <line x1="0" y1="0" x2="0" y2="8" class="bar-chart-hatch" stroke-width="3" />
      </pattern>
    </defs>
  );
}

function Vertical({ id, bars, format }: Pick<BarChartProps, 'id' | 'bars' | 'format'>) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const width = Math.max(bars.length * BAR_SLOT, BAR_SLOT * 3);
  const height = VALUE_SPACE + PLOT_HEIGHT + LABEL_SPACE;
  const base = VALUE_SPACE + PLOT_HEIGHT;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      aria-hidden="true"
      focusable="false"
    >
      <Hatch id={`${id}-hatch`} />
      <line x1="0" x2={width} y1={base} y2={base} class="bar-chart-axis" />
      {bars.map((bar, index) => {
        const h = max === 0 ? 0 : Math.round((bar.value / max) * PLOT_HEIGHT);
        const x = index * BAR_SLOT + 8;
        const [month, year] = bar.label.split('\n');
        return (
          <g key={bar.key}>
            {h > 0 && (
              <rect
                x={x}
                y={base - h}
                width={BAR_SLOT - 16}
                height={h}
                fill={`url(#${id}-hatch)`}
                class="bar-chart-bar"
              />
            )}
            <text x={x + (BAR_SLOT - 16) / 2} y={base - h - 6} text-anchor="middle" class="bar-chart-value">
              {format(bar.value)}
            </text>
            <text x={x + (BAR_SLOT - 16) / 2} y={base + 16} text-anchor="middle" class="bar-chart-label">
              {month}
            </text>
            {year !== undefined && (
              <text
                x={x + (BAR_SLOT - 16) / 2}
                y={base + 32}
                text-anchor="middle"
                class="bar-chart-label small"
              >
                {year}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function Horizontal({ id, bars, format }: Pick<BarChartProps, 'id' | 'bars' | 'format'>) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const width = NAME_SPACE + PLOT_WIDTH + 70;
  const height = Math.max(bars.length, 1) * ROW + 8;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      aria-hidden="true"
      focusable="false"
    >
      <Hatch id={`${id}-hatch`} />
      <line x1={NAME_SPACE} x2={NAME_SPACE} y1="0" y2={height} class="bar-chart-axis" />
      {bars.map((bar, index) => {
        const w = max === 0 ? 0 : Math.round((bar.value / max) * PLOT_WIDTH);
        const y = index * ROW + 6;
        return (
          <g key={bar.key}>
            <text x={NAME_SPACE - 8} y={y + 17} text-anchor="end" class="bar-chart-label">
              {shorten(bar.label)}
            </text>
            {w > 0 && (
              <rect
                x={NAME_SPACE}
                y={y}
                width={w}
                height={ROW - 10}
                fill={`url(#${id}-hatch)`}
                class="bar-chart-bar"
              />
            )}
            <text x={NAME_SPACE + w + 6} y={y + 17} class="bar-chart-value">
              {format(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function BarChart({ id, title, bars, format, labelHeader, orientation }: BarChartProps) {
  return (
    <figure class="bar-chart" aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption id={`${id}-title`} class="bar-chart-title">
        {title}
      </figcaption>
      <p class="bar-chart-summary">{t('network.chart.summary')}</p>
      {/* Wider than a phone: the chart scrolls sideways rather than shrinking its figures. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (as TableScroll). */}
      <section class="bar-chart-scroll" tabIndex={0} aria-labelledby={`${id}-title`}>
        {orientation === 'vertical' ? (
          <Vertical id={id} bars={bars} format={format} />
        ) : (
          <Horizontal id={id} bars={bars} format={format} />
        )}
      </section>
      <table class="bar-chart-table">
        <caption>{t('network.chart.data', { title })}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col">{t('network.chart.value')}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">{bar.fullLabel}</th>
              <td>{format(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
