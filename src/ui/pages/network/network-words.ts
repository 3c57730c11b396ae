/** How the Network page writes figures, months, periods and welcome points (all through i18n). */

import type { Indicator, ReportCode } from '../../../domain/reports/activity-report';
import { formatDecimal, intlTag, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';

/** A figure of the report: a count, or hours to the tenth ("12,5 h"). */
export function figureText(value: number, unit: Indicator['unit']): string {
  const number = formatDecimal(value, unit === 'hours' ? 1 : 0);
  return unit === 'hours' ? t('network.hours', { value: number }) : number;
}

/** A whole number in the page's language ("12 345"). */
export function countText(value: number): string {
  return formatDecimal(value, 0);
}

/** 'YYYY-MM' as "janv. 2026" (short: it sits under a bar) or "janvier 2026". */
export function monthText(month: string, style: 'short' | 'long'): string {
  const [year, number] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (number ?? 1) - 1, 1));
  return new Intl.DateTimeFormat(intlTag(), { month: style, year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function indicatorName(code: ReportCode): string {
  return t(`network.indicator.${code}` as MessageKey);
}

export function indicatorDefinition(code: ReportCode): string {
  return t(`network.definition.${code}` as MessageKey);
}

/** 'YYYY-Qn' in words ("2e trimestre 2026"). */
export function quarterText(quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return t(`network.quarter.${q}` as MessageKey, { year: year ?? '' });
}
