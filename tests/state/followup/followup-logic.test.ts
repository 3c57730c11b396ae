import { describe, expect, it } from 'vitest';
import { ActionSchema } from '../../../src/domain/dossier/action';
import type { ActionRow, AppointmentRow, NoteRow } from '../../../src/domain/dossier/rows';
import {
  actionThreads,
  cancellationFields,
  correctionFields,
  currentActions,
  revisionReasonError,
  validateAction,
  validateAnswer,
} from '../../../src/state/followup/actions-log';
import { nextAppointment, parseTime, validateAppointment } from '../../../src/state/followup/appointments';
import { noteThreads } from '../../../src/state/followup/notes';
import { validateTrack } from '../../../src/state/followup/track-decision';

const meta = {
  householdId: 'h',
  version: 0,
  fieldVersions: {},
  deleted: false,
  updatedHlc: 'x',
  updatedAt: 0,
  origin: { deviceId: 'd', userId: 'u' },
};

describe('follow-up logic', () => {
  it('a track needs a reason; no track is allowed (undecided)', () => {
    expect(validateTrack({ track: 'mediation', trackReason: ' ', status: 'active' })).toEqual({
      ok: false,
      errors: { trackReason: 'followup.error.reasonRequired' },
    });
    expect(validateTrack({ track: '', trackReason: '', status: 'intake' })).toEqual({
      ok: true,
      value: { track: undefined, trackReason: undefined, status: 'intake' },
    });
  });

  it('times typed the French way; appointments need a date and a time', () => {
    expect(parseTime('9h')).toBe('09:00');
    expect(parseTime('14 h 30')).toBe('14:30');
    expect(parseTime('25:00')).toBeNull();
    expect(
      validateAppointment({
        date: '',
        time: 'x',
        duration: '3',
        place: '',
        purpose: '',
        status: 'planned',
        orientation: '',
      }),
    ).toEqual({
      ok: false,
      errors: { date: 'error.required', time: 'followup.error.time', duration: 'followup.error.duration' },
    });
  });

  it('the next appointment is the first planned one from now', () => {
    const rows = [
      { ...meta, id: 'a', startsAt: '2026-11-01T10:00', status: 'planned' },
      { ...meta, id: 'b', startsAt: '2026-12-05T10:00', status: 'cancelled' },
      { ...meta, id: 'c', startsAt: '2027-01-05T10:00', status: 'planned' },
      { ...meta, id: 'd', startsAt: '2026-12-20T10:00', status: 'planned' },
    ] as AppointmentRow[];
    expect(nextAppointment(rows, '2026-11-27T00:00')?.id).toBe('d');
    expect(nextAppointment(rows, '2027-02-01T00:00')).toBeNull();
  });

  it('actions by kind, amounts in cents, answers; the log newest first', () => {
    const base = {
      kind: 'tax_relief_request',
      date: '2026-11-02',
      status: 'sent',
      details: '',
      creditorId: '',
      months: '',
      office: 'SIP Lyon',
      amount: '1 200,50',
      decision: '',
      filingId: '',
      lender: '',
      topic: '',
      documentKind: '',
      title: '',
    };
    expect(validateAction(base)).toEqual({
      ok: true,
      value: {
        kind: 'tax_relief_request',
        date: '2026-11-02',
        status: 'sent',
        office: 'SIP Lyon',
        amountCents: 120_050,
      },
    });
    expect(validateAction({ ...base, kind: 'grace_period', months: '30' })).toEqual({
      ok: false,
      errors: { months: 'followup.error.graceMonths' },
    });
    expect(validateAnswer({ date: '2026-11-30', outcome: 'refused', details: '' })).toEqual({
      ok: true,
      value: { date: '2026-11-30', outcome: 'refused' },
    });
    const rows = [
      { ...meta, id: '01', kind: 'bdf_filing', date: '2026-10-01', status: 'sent' },
      { ...meta, id: '03', kind: 'bdf_filing', date: '2026-11-01', status: 'sent' },
      { ...meta, id: '02', kind: 'bdf_filing', date: '2026-11-01', status: 'sent' },
    ] as ActionRow[];
    expect(currentActions(rows).map((r) => r.id)).toEqual(['03', '02', '01']);
  });

  it('a correction and a cancellation are new revisions: the log shows the latest, the history keeps both', () => {
    const original = {
      ...meta,
      id: '01',
      kind: 'mediation_request',
      date: '2026-11-02',
      status: 'sent',
      creditorId: 'k1',
      answer: { date: '2026-11-20', outcome: 'refused' },
    } as ActionRow;
    const corrected = validateAction({
      kind: 'mediation_request',
      date: '2026-11-03',
      status: 'answered',
      details: '',
      creditorId: 'k2',
      months: '',
      office: '',
      amount: '',
      decision: 'admissible',
      filingId: '',
      lender: '',
      topic: '',
      documentKind: 'other',
      title: '',
    });
    if (!corrected.ok) throw new Error('invalid');
    const correction = correctionFields(original, corrected.value, '  Mauvais créancier ', 1_000);
    // The corrected fields, the answer already recorded, and why: the original is untouched.
    expect(correction).toMatchObject({
      date: '2026-11-03',
      creditorId: 'k2',
      answer: { date: '2026-11-20', outcome: 'refused' },
      supersedes: '01',
      revision: { kind: 'correction', reason: 'Mauvais créancier', writtenAt: 1_000 },
    });
    const second = { ...meta, ...correction, id: '02' } as ActionRow;
    // A cancellation keeps what the action said, marked cancelled, whatever its status was.
    const cancellation = cancellationFields(second, 'Le ménage a tout réglé', 2_000);
    expect(cancellation).toMatchObject({
      kind: 'mediation_request',
      date: '2026-11-03',
      creditorId: 'k2',
      status: 'cancelled',
      supersedes: '02',
      revision: { kind: 'cancellation', reason: 'Le ménage a tout réglé', writtenAt: 2_000 },
    });
    expect(cancellation).not.toHaveProperty('version');
    expect(cancellation).not.toHaveProperty('origin');
    const third = { ...meta, ...cancellation, id: '03' } as ActionRow;
    // Each revision is a valid action for the shared schema the server and the device check.
    for (const [id, fields] of [
      ['02', correction],
      ['03', cancellation],
    ] as const) {
      expect(ActionSchema.safeParse({ ...fields, id }).success).toBe(true);
    }
    const threads = actionThreads([original, second, third]);
    expect(threads.map((t) => [t.current.id, t.history.map((h) => h.id)])).toEqual([['03', ['02', '01']]]);
    expect(revisionReasonError('   ')).toBe('followup.error.revisionReason');
    expect(revisionReasonError('Erreur de date')).toBeNull();
    // A reason made of spaces is refused by the shared schema too.
    expect(
      ActionSchema.safeParse({
        ...cancellation,
        id: '03',
        revision: { kind: 'cancellation', reason: '  ', writtenAt: 1 },
      }).success,
    ).toBe(false);
  });

  it('note threads: the latest revision with its history, the original last', () => {
    const notes = [
      { ...meta, id: 'n1', text: 'v1', authorId: 'u', writtenAt: 1 },
      { ...meta, id: 'n2', text: 'v2', authorId: 'u', writtenAt: 2, supersedes: 'n1' },
      { ...meta, id: 'n3', text: 'v3', authorId: 'u', writtenAt: 3, supersedes: 'n2' },
      { ...meta, id: 'm1', text: 'other', authorId: 'u', writtenAt: 4 },
    ] as NoteRow[];
    const threads = noteThreads(notes);
    expect(threads.map((t) => t.current.id)).toEqual(['m1', 'n3']);
    expect(threads[1]?.history.map((n) => n.text)).toEqual(['v2', 'v1']);
  });
});
