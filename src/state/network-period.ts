/**
 * The report's period as the coordinator picks it: this year, last year, a quarter, or two dates
 * typed. What is typed is checked as the server checks it (ActivityReportQuerySchema: from on or
 * before to, at most five years), so a refusal shows next to its field before anything is sent.
 */
import { ActivityReportQuerySchema } from '../domain/reports/activity-report';

export type PeriodPreset = 'thisYear' | 'lastYear' | 'quarter' | 'custom';

/** A quarter: 'YYYY-Qn'. */
export type QuarterId = `${number}-Q${1 | 2 | 3 | 4}`;

export interface PeriodChoice {
  preset: PeriodPreset;
  /** With `quarter`. */
  quarter: string;
  /** With `custom`: what the two date fields hold (YYYY-MM-DD from a date input, or typed). */
  from: string;
  to: string;
}

/** Why a date field is refused: the message key's suffix (`network.period.error.<reason>`). */
export type PeriodFieldError = 'required' | 'invalid' | 'beforeFrom' | 'tooLong';

export type PeriodRead =
  | { ok: true; from: string; to: string }
  | { ok: false; errors: { from?: PeriodFieldError; to?: PeriodFieldError } };

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function quarterSpan(quarter: string): { from: string; to: string } | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (match === null) return null;
  const year = Number(match[1]);
  const first = (Number(match[2]) - 1) * 3 + 1;
  const last = first + 2;
  return {
    from: `${year}-${pad(first)}-01`,
    to: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
  };
}

/** The quarter a day falls in. */
export function quarterOf(isoDate: string): QuarterId {
  const year = Number(isoDate.slice(0, 4));
  const quarter = Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1;
  return `${year}-Q${quarter as 1 | 2 | 3 | 4}`;
}

/** The quarters offered: the current one and the seven before it, newest first. */
export function recentQuarters(today: string): QuarterId[] {
  let year = Number(today.slice(0, 4));
  let quarter = Number(quarterOf(today).slice(-1));
  const list: QuarterId[] = [];
  for (let i = 0; i < 8; i++) {
    list.push(`${year}-Q${quarter as 1 | 2 | 3 | 4}`);
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return list;
}

/** A real calendar day written YYYY-MM-DD. */
function isDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

/**
 * The dates a choice stands for, or the refusal of each date field.
 * @param today - today on the device (this year, last year)
 */
export function readPeriod(choice: PeriodChoice, today: string): PeriodRead {
  const year = Number(today.slice(0, 4));
  let from: string;
  let to: string;
  if (choice.preset === 'thisYear') [from, to] = [`${year}-01-01`, `${year}-12-31`];
  else if (choice.preset === 'lastYear') [from, to] = [`${year - 1}-01-01`, `${year - 1}-12-31`];
  else if (choice.preset === 'quarter') {
    const span = quarterSpan(choice.quarter) ?? quarterSpan(quarterOf(today));
    if (span === null) return { ok: false, errors: { from: 'invalid' } };
    ({ from, to } = span);
  } else {
    from = choice.from.trim();
    to = choice.to.trim();
    const errors: { from?: PeriodFieldError; to?: PeriodFieldError } = {};
    if (from === '') errors.from = 'required';
    else if (!isDay(from)) errors.from = 'invalid';
    if (to === '') errors.to = 'required';
    else if (!isDay(to)) errors.to = 'invalid';
    if (errors.from === undefined && errors.to === undefined) {
      if (to < from) errors.to = 'beforeFrom';
      else if (Number(to.slice(0, 4)) > Number(from.slice(0, 4)) + 5) errors.to = 'tooLong';
    }
    if (errors.from !== undefined || errors.to !== undefined) return { ok: false, errors };
  }
  // The server's own schema has the last word (one rule, one place).
  const checked = ActivityReportQuerySchema.safeParse({ from, to });
  if (!checked.success) return { ok: false, errors: { to: 'invalid' } };
  return { ok: true, from, to };
}
