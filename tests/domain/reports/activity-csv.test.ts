import { describe, expect, it } from 'vitest';
import { activityCsv, csvNumber, csvText } from '../../../src/domain/reports/activity-csv';
import {
  type ActivityReport,
  REPORT_CODES,
  REPORT_MEASURES,
  type ReportCode,
} from '../../../src/domain/reports/activity-report';
import { REPORT_PRESETS } from '../../../src/domain/reports/presets';
import { ReportPresetSchema } from '../../../src/domain/reports/presets/preset';

/** A report of two months and two welcome points where every figure is 0 but those given. */
function reportWith(values: Partial<Record<ReportCode, [number, number, number]>>): ActivityReport {
  return {
    from: '2026-01-01',
    to: '2026-02-28',
    generatedAt: 0,
    welcomePoints: [
      { id: 'wp-1', name: 'Lyon; 8e' },
      { id: 'wp-2', name: '=HYPERLINK("x")' },
    ],
    indicators: REPORT_CODES.map((code) => {
      const [total, jan, feb] = values[code] ?? [0, 0, 0];
      return {
        code,
        unit: REPORT_MEASURES[code] === 'minutes' ? 'hours' : 'count',
        total,
        byMonth: [
          { month: '2026-01', value: jan },
          { month: '2026-02', value: feb },
        ],
        byWelcomePoint: [
          { welcomePointId: 'wp-1', value: jan },
          { welcomePointId: 'wp-2', value: feb },
        ],
      };
    }),
  };
}

describe('activityCsv (RPT9)', () => {
  it('[RPT9] BOM, codes first, `;`, CRLF, decimal comma, then total, months and welcome points', () => {
    const csv = activityCsv(reportWith({ consultations: [3, 1, 2], training_hours: [12.5, 0.5, 12] }));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    const zeros = (n: number) => Array(n).fill('0').join(';');
    expect(lines).toEqual([
      `ligne;mois;point_accueil_id;point_accueil;${REPORT_CODES.join(';')}`,
      `total;;;;3;${zeros(11)};12,5;0;0`,
      `mois;2026-01;;;1;${zeros(11)};0,5;0;0`,
      `mois;2026-02;;;2;${zeros(11)};12;0;0`,
      // A name with the separator is quoted; one that looks like a formula stays text.
      `point_accueil;;wp-1;"Lyon; 8e";1;${zeros(11)};0,5;0;0`,
      `point_accueil;;wp-2;"'=HYPERLINK(""x"")";2;${zeros(11)};12;0;0`,
      '',
    ]);
  });

  it('[RPT9] numbers have a decimal comma and no thousands separator; formulas stay text', () => {
    expect(csvNumber(1234.5)).toBe('1234,5');
    expect(csvNumber(7)).toBe('7');
    expect(csvText('+33 6')).toBe("'+33 6");
    expect(csvText('Point A')).toBe('Point A');
  });

  it('[RPT9] a preset column is the sum of its indicators, headed by its code', () => {
    const preset = REPORT_PRESETS.pcb;
    if (preset === undefined) throw new Error('no pcb preset');
    const csv = activityCsv(
      reportWith({ bank_mediations: [2, 1, 1], grace_periods: [3, 3, 0], tax_relief: [1, 0, 1] }),
      preset,
    );
    const [head, total] = csv.slice(1).split('\r\n');
    const row = Object.fromEntries(
      (head ?? '').split(';').map((code, i) => [code, (total ?? '').split(';')[i]]),
    );
    // 2 + 3 + 1
    expect(row.pcb_intermediation_creanciers).toBe('6');
    expect((head ?? '').split(';').slice(4)).toEqual(preset.columns.map((c) => c.code));
  });

  it('[RPT9] every preset is valid data: known codes, unique column codes, one unit per column', () => {
    for (const preset of Object.values(REPORT_PRESETS)) {
      expect(ReportPresetSchema.safeParse(preset).success).toBe(true);
      const codes = preset.columns.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const column of preset.columns) {
        const units = new Set(
          column.sum.map((code) => (REPORT_MEASURES[code] === 'minutes' ? 'hours' : 'count')),
        );
        expect([column.code, units.size]).toEqual([column.code, 1]);
      }
    }
  });
});
