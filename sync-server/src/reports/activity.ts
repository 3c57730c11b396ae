/**
 * The activity report (docs/reports-and-plans.md RPT3–RPT7): the cells of ReportsTx.reportCells
 * shaped into ActivityReportSchema, with the restated figures of RPT5. Counts only: nothing here
 * reads or returns a household id, a name or any other personal field.
 */
import {
  type ActivityReport,
  type Indicator,
  REPORT_CODES,
  REPORT_MEASURES,
  type ReportCode,
  reportHours,
} from '../../../src/domain/reports/activity-report';
import type { ReportCell, ReportMonth } from '../stores/reports-tx';
import type { StoreTx } from '../stores/store-tx';

export interface ActivityReportRequest {
  from: string;
  to: string;
  /** undefined: every welcome point, and the roots with none. */
  welcomePointIds?: readonly string[];
}

/** The months a period touches, in order, each with its first and last days. */
export function monthsOf(from: string, to: string): ReportMonth[] {
  const out: ReportMonth[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const lastKey = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (key > lastKey) return out;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    out.push({ month: key, firstDay: `${key}-01`, lastDay: `${key}-${String(days).padStart(2, '0')}` });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The key an export is filed under: the welcome points sorted, or '*' for all of them. */
export function welcomePointsKey(ids: readonly string[] | undefined): string {
  return ids === undefined ? '*' : [...new Set(ids)].sort().join(',');
}

const byCode = (codes: (m: string) => boolean): ReportCode[] =>
  REPORT_CODES.filter((c) => codes(REPORT_MEASURES[c]));

/** A figure as the report shows it: a count, or participant-minutes as hours (RPT6). */
const shown = (code: ReportCode, value: number): number =>
  REPORT_MEASURES[code] === 'minutes' ? reportHours(value) : value;

function addTo<K>(map: Map<K, number>, key: K, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** The indicators from the cells: zeros for every month and welcome point that has none. */
export function indicatorsOf(
  cells: readonly ReportCell[],
  months: readonly ReportMonth[],
  welcomePointIds: readonly (string | null)[],
): Indicator[] {
  return REPORT_CODES.map((code) => {
    const mine = cells.filter((c) => c.code === code);
    const total = new Map<null, number>();
    const month = new Map<string, number>();
    const wp = new Map<string | null, number>();
    const span = REPORT_MEASURES[code] === 'spans';
    for (const c of mine) {
      // Spans: whole-period cells (month null) give the total and welcome points; month cells
      // (all welcome points) the months. Events: every cell adds to all three.
      if (!span || c.month === null) {
        addTo(total, null, c.value);
        addTo(wp, c.welcomePointId ?? null, c.value);
      }
      if (c.month !== null) addTo(month, c.month, c.value);
    }
    return {
      code,
      unit: REPORT_MEASURES[code] === 'minutes' ? 'hours' : 'count',
      total: shown(code, total.get(null) ?? 0),
      byMonth: months.map((m) => ({ month: m.month, value: shown(code, month.get(m.month) ?? 0) })),
      byWelcomePoint: welcomePointIds.map((id) => ({
        welcomePointId: id,
        value: shown(code, wp.get(id) ?? 0),
      })),
    };
  });
}

/**
 * The report of a period for the given welcome points (all: undefined). Welcome points are listed
 * with their names, zeros included; the `null` bucket only when roots without one count in it.
 */
export async function buildActivityReport(
  tx: StoreTx,
  request: ActivityReportRequest,
  now: number,
): Promise<ActivityReport> {
  const months = monthsOf(request.from, request.to);
  const cells = await tx.reportCells({
    from: request.from,
    to: request.to,
    months,
    ...(request.welcomePointIds === undefined ? {} : { welcomePointIds: request.welcomePointIds }),
    eventCodes: byCode((m) => m !== 'spans'),
    spanCodes: byCode((m) => m === 'spans'),
  });
  const known = await tx.listWelcomePoints();
  const names = new Map(known.map((w) => [w.id, w.name]));
  const ids =
    request.welcomePointIds === undefined
      ? known.map((w) => w.id)
      : [...new Set(request.welcomePointIds)].filter((id) => names.has(id));
  const welcomePoints = ids.map((id) => ({ id, name: names.get(id) ?? id }));
  const buckets: (string | null)[] = [...ids];
  if (request.welcomePointIds === undefined && cells.some((c) => c.welcomePointId === null))
    buckets.push(null);
  const indicators = indicatorsOf(cells, months, buckets);

  // RPT5: against the last export of the same period and welcome points.
  const last = await tx.lastReportExport(request.from, request.to, welcomePointsKey(request.welcomePointIds));
  if (last !== undefined) {
    const mergesSince = await tx.mergesSince(last.exportedAt);
    for (const indicator of indicators) {
      const previous = last.figures[indicator.code];
      if (previous !== undefined && previous !== indicator.total) {
        indicator.restated = { previousTotal: previous, exportedAt: last.exportedAt, mergesSince };
      }
    }
  }
  return {
    from: request.from,
    to: request.to,
    welcomePoints,
    generatedAt: now,
    indicators,
    ...(last === undefined ? {} : { lastExportedAt: last.exportedAt }),
  };
}

/** The totals an export stores (RPT5): what a later report compares with. */
export function figuresOf(report: ActivityReport): Record<string, number> {
  return Object.fromEntries(report.indicators.map((i) => [i.code, i.total]));
}
