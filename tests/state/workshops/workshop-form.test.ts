/**
 * The workshop form (docs/reports-and-plans.md WS1): every field checked next to itself, the
 * duration's bounds taken from the schema, and a welcome point not in the session refused (AUTH10).
 */
import { describe, expect, it } from 'vitest';
import {
  emptyWorkshopValues,
  validateWorkshopValues,
  withoutParticipant,
  withParticipant,
  workshopValuesOf,
} from '../../../src/state/workshops/workshop-form';

const allowed = ['wp-lyon', 'wp-vienne'];
const filled = (overrides: Record<string, string> = {}) => ({
  ...emptyWorkshopValues('2026-03-12', 'wp-lyon'),
  topic: 'Le budget du mois',
  anonymousParticipants: '3',
  ...overrides,
});
const errorsOf = (overrides: Record<string, string>) => {
  const result = validateWorkshopValues(filled(overrides), allowed, 'user-1');
  return result.ok ? {} : result.errors;
};

describe('the workshop form (WS1)', () => {
  it('WS1: a filled form gives the session’s fields, the signed-in person as facilitator', () => {
    const values = filled({ durationHours: '1', durationMinutes: '30', participants: 'h1 h2' });
    expect(validateWorkshopValues(values, allowed, 'user-1')).toEqual({
      ok: true,
      value: {
        date: '2026-03-12',
        welcomePointId: 'wp-lyon',
        facilitatorUserId: 'user-1',
        topic: 'Le budget du mois',
        durationMinutes: 90,
        participantHouseholdIds: ['h1', 'h2'],
        anonymousParticipants: 3,
      },
    });
  });

  it('WS1: a partner facilitator needs a name, and replaces the user', () => {
    expect(errorsOf({ facilitator: 'partner' })).toEqual({
      facilitatorName: 'workshops.error.facilitatorName',
    });
    const result = validateWorkshopValues(
      filled({ facilitator: 'partner', facilitatorName: ' CCAS de Vienne ' }),
      allowed,
      'user-1',
    );
    expect(result.ok && result.value).toMatchObject({ facilitatorName: 'CCAS de Vienne' });
    expect(result.ok && 'facilitatorUserId' in result.value).toBe(false);
  });

  it('WS1: required fields and the duration’s bounds (15 min to 8 h, from the schema), next to their field', () => {
    expect(errorsOf({ topic: '  ', date: '' })).toEqual({ topic: 'error.required', date: 'error.required' });
    expect(errorsOf({ date: '2026-02-30' })).toEqual({ date: 'error.date.invalid' });
    // 14 minutes and 8 h 01 are out; 15 minutes and 8 h are in.
    expect(errorsOf({ durationHours: '0', durationMinutes: '14' })).toEqual({
      durationHours: 'workshops.error.duration',
    });
    expect(errorsOf({ durationHours: '8', durationMinutes: '1' })).toEqual({
      durationHours: 'workshops.error.duration',
    });
    expect(errorsOf({ durationHours: '0', durationMinutes: '15' })).toEqual({});
    expect(errorsOf({ durationHours: '8', durationMinutes: '0' })).toEqual({});
    expect(errorsOf({ durationMinutes: '60' })).toEqual({ durationMinutes: 'workshops.error.minutes' });
    expect(errorsOf({ durationHours: '1,5' })).toEqual({ durationHours: 'workshops.error.wholeNumber' });
  });

  it('WS2: someone must have come: a household or an anonymous count (at most 500)', () => {
    expect(errorsOf({ anonymousParticipants: '0' })).toEqual({
      anonymousParticipants: 'workshops.error.noParticipant',
    });
    expect(errorsOf({ anonymousParticipants: '0', participants: 'h1' })).toEqual({});
    expect(errorsOf({ anonymousParticipants: '501' })).toEqual({
      anonymousParticipants: 'workshops.error.anonymous',
    });
    expect(errorsOf({ anonymousParticipants: '-1' })).toEqual({
      anonymousParticipants: 'workshops.error.anonymous',
    });
  });

  it('AUTH10: a welcome point not in the session is refused next to its field', () => {
    expect(errorsOf({ welcomePointId: 'wp-grenoble' })).toEqual({
      welcomePointId: 'workshops.error.welcomePointNotAllowed',
    });
    expect(errorsOf({ welcomePointId: '' })).toEqual({ welcomePointId: 'error.required' });
  });

  it('participants are added once and removed by id; a stored session reads back as typed', () => {
    let values = filled();
    values = { ...values, participants: withParticipant(values, 'h1') };
    values = { ...values, participants: withParticipant(values, 'h2') };
    values = { ...values, participants: withParticipant(values, 'h1') };
    expect(values.participants).toBe('h1 h2');
    expect(withoutParticipant(values, 'h1')).toBe('h2');
    const row = {
      id: 'w1',
      householdId: 'w1',
      date: '2026-03-12',
      welcomePointId: 'wp-lyon',
      facilitatorName: 'CCAS',
      topic: 'Crédits',
      durationMinutes: 135,
      participantHouseholdIds: ['h1'],
      anonymousParticipants: 2,
    } as Parameters<typeof workshopValuesOf>[0];
    expect(workshopValuesOf(row)).toMatchObject({
      facilitator: 'partner',
      facilitatorName: 'CCAS',
      durationHours: '2',
      durationMinutes: '15',
      participants: 'h1',
      anonymousParticipants: '2',
    });
  });
});
