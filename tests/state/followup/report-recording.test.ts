/** What counsellors record for the activity report (RPT1): consultations, diagnoses, outcomes. */
import { describe, expect, it } from 'vitest';
import { ActionSchema } from '../../../src/domain/dossier/action';
import type { ActionRow } from '../../../src/domain/dossier/rows';
import {
  ACTION_KINDS,
  type ActionField,
  actionInitial,
  actionThreads,
  answerCorrectionFields,
  isObtained,
  kindsForCorrection,
  NEW_ACTION_KINDS,
  validateAction,
} from '../../../src/state/followup/actions-log';
import {
  appointmentInitial,
  validateAppointment,
  walkInInitial,
} from '../../../src/state/followup/appointments';
import { diagnosisFields, diagnosisOn, undoDiagnosisFields } from '../../../src/state/followup/diagnosis';

const meta = {
  householdId: 'h',
  version: 0,
  fieldVersions: {},
  deleted: false,
  updatedHlc: 'x',
  updatedAt: 0,
  origin: { deviceId: 'd', userId: 'u' },
};

describe('consultations (RPT1 consultations)', () => {
  it('RPT1: a done appointment needs its orientation; a planned one does not carry one', () => {
    const done = { ...appointmentInitial(), date: '2026-11-27', time: '10h', status: 'done' };
    expect(validateAppointment(done)).toEqual({
      ok: false,
      errors: { orientation: 'followup.error.orientation' },
    });
    expect(validateAppointment({ ...done, orientation: 'somewhere' })).toEqual({
      ok: false,
      errors: { orientation: 'followup.error.orientation' },
    });
    expect(validateAppointment({ ...done, orientation: 'microcredit' })).toEqual({
      ok: true,
      value: { startsAt: '2026-11-27T10:00', status: 'done', orientation: 'microcredit' },
    });
    // Back to planned: the orientation typed earlier is not stored (it was no consultation).
    expect(validateAppointment({ ...done, status: 'planned', orientation: 'microcredit' })).toEqual({
      ok: true,
      value: { startsAt: '2026-11-27T10:00', status: 'planned' },
    });
  });

  it('RPT1: a walk-in is a done appointment today at the time it is recorded', () => {
    const walkIn = walkInInitial('2026-11-27T14:35');
    expect(walkIn).toMatchObject({ date: '2026-11-27', time: '14:35', status: 'done', orientation: '' });
    expect(validateAppointment({ ...walkIn, orientation: 'none' })).toEqual({
      ok: true,
      value: { startsAt: '2026-11-27T14:35', status: 'done', orientation: 'none' },
    });
  });
});

describe('complete diagnosis (RPT1 diagnoses)', () => {
  const diagnosis = (id: string, date: string, extra: Partial<ActionRow> = {}) =>
    ({ ...meta, id, kind: 'budget_diagnosis', date, status: 'done', ...extra }) as ActionRow;

  it('RPT1: one click records a done budget_diagnosis for today, at most once a day', () => {
    expect(diagnosisFields([], '2026-11-27')).toEqual({
      kind: 'budget_diagnosis',
      date: '2026-11-27',
      status: 'done',
    });
    expect(ActionSchema.safeParse({ id: 'a', ...diagnosisFields([], '2026-11-27') }).success).toBe(true);
    const yesterday = diagnosis('01', '2026-11-26');
    expect(diagnosisFields([yesterday], '2026-11-27')).not.toBeNull();
    expect(diagnosisFields([yesterday, diagnosis('02', '2026-11-27')], '2026-11-27')).toBeNull();
  });

  it('RPT1a: the undo is a cancellation revision; once undone, today may be recorded again', () => {
    const today = diagnosis('01', '2026-11-27');
    const undo = undoDiagnosisFields(today, 'Par erreur', 5);
    expect(undo).toMatchObject({
      kind: 'budget_diagnosis',
      status: 'cancelled',
      supersedes: '01',
      revision: { kind: 'cancellation', reason: 'Par erreur', writtenAt: 5 },
    });
    const rows = [today, { ...meta, id: '02', ...undo } as ActionRow];
    expect(diagnosisOn(rows, '2026-11-27')).toBeNull();
    expect(diagnosisFields(rows, '2026-11-27')).not.toBeNull();
  });
});

describe('outcomes from the actions form (RPT1)', () => {
  const values = (patch: Partial<Record<ActionField, string>>) => ({
    ...actionInitial('2026-11-27'),
    ...patch,
  });

  it('RPT1: a PRP and a liquidation are Banque de France decisions with their date', () => {
    for (const decision of ['personal_recovery_ordered', 'liquidation_ordered']) {
      expect(validateAction(values({ kind: 'bdf_decision', decision, status: 'done' }))).toEqual({
        ok: true,
        value: { kind: 'bdf_decision', date: '2026-11-27', status: 'done', decision },
      });
    }
    expect(validateAction(values({ kind: 'bdf_filing', date: '2026-10-02' }))).toMatchObject({
      ok: true,
      value: { kind: 'bdf_filing', date: '2026-10-02' },
    });
  });

  it('RPT1: micro-credit applications and budget workshops are no longer offered for new actions, still correctable', () => {
    expect(NEW_ACTION_KINDS).not.toContain('micro_credit_application');
    expect(NEW_ACTION_KINDS).not.toContain('budget_workshop');
    expect(NEW_ACTION_KINDS).toContain('budget_diagnosis');
    // Every other kind stays on offer.
    expect([...NEW_ACTION_KINDS].sort()).toEqual(
      ACTION_KINDS.filter((k) => k !== 'micro_credit_application' && k !== 'budget_workshop').sort(),
    );
    const legacy = values({ kind: 'micro_credit_application', lender: 'Créa-Sol', amount: '1 500' });
    expect(validateAction(legacy)).toEqual({ ok: false, errors: { kind: 'error.required' } });
    // Correcting an old micro-credit application keeps its kind available.
    expect(validateAction(legacy, kindsForCorrection('micro_credit_application'))).toEqual({
      ok: true,
      value: {
        kind: 'micro_credit_application',
        date: '2026-11-27',
        status: 'sent',
        lender: 'Créa-Sol',
        amountCents: 150_000,
      },
    });
    // A correction of another kind cannot turn it into a legacy one.
    expect(kindsForCorrection('grace_period')).toEqual(NEW_ACTION_KINDS);
  });
});

describe('a grace period obtained, with its date (RPT1 grace_periods)', () => {
  it('RPT1: obtained = accepted or partially accepted; the answer and its date are correctable by a revision', () => {
    expect(
      ['accepted', 'partially_accepted', 'refused', 'counter_proposal', 'no_answer'].map((outcome) =>
        isObtained({ date: '2026-11-20', outcome } as never),
      ),
    ).toEqual([true, true, false, false, false]);
    const asked = {
      ...meta,
      id: '01',
      kind: 'grace_period',
      date: '2026-11-02',
      status: 'answered',
      creditorId: 'k1',
      months: 6,
      answer: { date: '2026-11-20', outcome: 'refused' },
    } as ActionRow;
    const fixed = answerCorrectionFields(
      asked,
      { date: '2026-11-21', outcome: 'partially_accepted' },
      ' Mal lu ',
      9,
    );
    expect(fixed).toEqual({
      kind: 'grace_period',
      date: '2026-11-02',
      status: 'answered',
      creditorId: 'k1',
      months: 6,
      answer: { date: '2026-11-21', outcome: 'partially_accepted' },
      supersedes: '01',
      revision: { kind: 'correction', reason: 'Mal lu', writtenAt: 9 },
    });
    expect(ActionSchema.safeParse({ id: '02', ...fixed }).success).toBe(true);
    const [thread] = actionThreads([asked, { ...meta, id: '02', ...fixed } as ActionRow]);
    expect(thread?.current.id).toBe('02');
  });
});
