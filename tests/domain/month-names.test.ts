/**
 * The domain's one list of month names (src/domain/month-names.ts), checked against the
 * platform's own (Intl, which the domain may not use for its text), and used by both the
 * documents and the parameter alerts.
 */
import { describe, expect, it } from 'vitest';
import { parameterAlerts } from '../../src/domain/budget/parameter-alerts';
import type { IsoDate } from '../../src/domain/dates';
import { longDate, monthLabel } from '../../src/domain/documents/format';
import { MONTH_NAMES, monthAndYear } from '../../src/domain/month-names';
import { unconfirmedParameters } from '../../src/domain/parameters/parameter-catalogue';

const intlMonth = (tag: string, month: number) =>
  new Intl.DateTimeFormat(tag, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, month, 15));

const firstOf = (month: number) => `2026-${String(month + 1).padStart(2, '0')}-01` as IsoDate;

describe('month names', () => {
  it('are the French and British English names of the twelve months, in order', () => {
    expect(MONTH_NAMES.fr).toEqual(Array.from({ length: 12 }, (_, m) => intlMonth('fr-FR', m)));
    expect(MONTH_NAMES.en).toEqual(Array.from({ length: 12 }, (_, m) => intlMonth('en-GB', m)));
  });

  it('the documents write every month with them', () => {
    for (let m = 0; m < 12; m += 1) {
      expect(monthLabel(firstOf(m), 'fr')).toBe(`${intlMonth('fr-FR', m)} 2026`);
      expect(longDate(firstOf(m), 'en')).toBe(`1 ${intlMonth('en-GB', m)} 2026`);
    }
  });

  it('the parameter alerts name the month of an estimate with them, in both languages', () => {
    const [estimate] = unconfirmedParameters(['rsa-2026-04-estimate']);
    if (!estimate) throw new Error('no estimate in the catalogue');
    const validFrom = estimate.record.validFrom;
    const month = Number(validFrom.slice(5, 7)) - 1;
    const [alert] = parameterAlerts(['rsa-2026-04-estimate']);
    expect(alert?.text.fr).toContain(`(${intlMonth('fr-FR', month)} ${validFrom.slice(0, 4)})`);
    expect(alert?.text.en).toContain(`(${intlMonth('en-GB', month)} ${validFrom.slice(0, 4)})`);
    expect(alert?.text.fr).toContain(`(${monthAndYear(validFrom, 'fr')})`);
  });
});
