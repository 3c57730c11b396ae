/**
 * The activity report as CSV for a French spreadsheet (docs/reports-and-plans.md RPT9): UTF-8
 * with a byte-order mark, `;` between fields, CRLF line ends, a decimal comma, months `YYYY-MM`.
 * First row: the column codes (stable, documented); then a `total` row, one `mois` row per month
 * and one `point_accueil` row per welcome point. A preset renames and combines the indicator
 * columns (presets/). Pure, so the server and the app write the same bytes.
 */
import type { ActivityReport, Indicator } from './activity-report';
import type { ReportPreset } from './presets/preset';

/** The byte-order mark that makes a spreadsheet read the file as UTF-8. */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
export const CSV_LINE_END = '\r\n';

/** The columns before the indicators. */
export const CSV_LEAD_COLUMNS = ['ligne', 'mois', 'point_accueil_id', 'point_accueil'] as const;

/** A field quoted when it holds the separator, a quote or a line break (RFC 4180 quoting). */
export function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text field a spreadsheet will not run as a formula (a name typed as `=…` stays text). */
export function csvText(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/**
 * A figure with a decimal comma and no thousands separator (a spreadsheet reads 1 234 as text).
 * @example csvNumber(12.5) // '12,5'
 */
export function csvNumber(value: number): string {
  return String(value).replace('.', ',');
}

interface Column {
  code: string;
  value: (pick: (indicator: Indicator) => number) => number;
}

function columnsOf(report: ActivityReport, preset: ReportPreset | undefined): Column[] {
  const byCode = new Map(report.indicators.map((i) => [i.code, i]));
  const sumOf = (codes: readonly string[]) => (pick: (indicator: Indicator) => number) => {
    // Summed in tenths so 0.1 + 0.2 is 0.3 (hours are given to the tenth).
    const tenths = codes.reduce((sum, code) => {
      const indicator = byCode.get(code as Indicator['code']);
      return sum + (indicator === undefined ? 0 : Math.round(pick(indicator) * 10));
    }, 0);
    return tenths / 10;
  };
  if (preset !== undefined) return preset.columns.map((c) => ({ code: c.code, value: sumOf(c.sum) }));
  return report.indicators.map((i) => ({ code: i.code, value: sumOf([i.code]) }));
}

/**
 * The CSV text of a report, BOM included.
 * @example activityCsv(report).startsWith('\uFEFFligne;mois;point_accueil_id;point_accueil;consultations') // true
 */
export function activityCsv(report: ActivityReport, preset?: ReportPreset): string {
  const columns = columnsOf(report, preset);
  const names = new Map(report.welcomePoints.map((w) => [w.id, w.name]));
  const line = (lead: readonly string[], pick: (indicator: Indicator) => number): string =>
    [...lead.map(csvText), ...columns.map((c) => csvNumber(c.value(pick)))].join(CSV_SEPARATOR);

  const lines = [[...CSV_LEAD_COLUMNS, ...columns.map((c) => c.code)].map(csvField).join(CSV_SEPARATOR)];
  lines.push(line(['total', '', '', ''], (i) => i.total));
  const months = report.indicators[0]?.byMonth.map((m) => m.month) ?? [];
  months.forEach((month, index) => {
    lines.push(line(['mois', month, '', ''], (i) => i.byMonth[index]?.value ?? 0));
  });
  const points = report.indicators[0]?.byWelcomePoint.map((w) => w.welcomePointId) ?? [];
  points.forEach((id, index) => {
    const name = id === null ? '' : (names.get(id) ?? '');
    lines.push(line(['point_accueil', '', id ?? '', name], (i) => i.byWelcomePoint[index]?.value ?? 0));
  });
  return CSV_BOM + lines.join(CSV_LINE_END) + CSV_LINE_END;
}
