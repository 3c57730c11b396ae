import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../../src/domain/sync/entities';
import { fieldClass, isAllowedTransition, STATUS_TRANSITIONS } from '../../../src/domain/sync/field-classes';

describe('[CONF2] field classes', () => {
  it('money (every …Cents field) is reviewed', () => {
    expect(fieldClass('charge', 'amountCents')).toBe('review');
    expect(fieldClass('debt', 'capitalRemainingCents')).toBe('review');
    expect(fieldClass('member', 'ownMonthlyResourcesCents')).toBe('review');
  });

  it('identity and household composition are reviewed', () => {
    for (const field of ['firstName', 'lastName', 'birthDate', 'role', 'deleted']) {
      expect(fieldClass('member', field)).toBe('review');
    }
    expect(fieldClass('household', 'address')).toBe('review');
  });

  it('[CONF1] plain fields are last-writer-wins', () => {
    expect(fieldClass('household', 'phone')).toBe('lww');
    expect(fieldClass('charge', 'label')).toBe('lww');
    expect(fieldClass('charge', 'deleted')).toBe('lww');
  });

  it('[CONF5] notes are append-only except their tombstone', () => {
    expect(fieldClass('note', 'text')).toBe('append-only');
    expect(fieldClass('note', 'deleted')).toBe('lww');
  });

  it('[QUAR2] status machines allow only their transitions', () => {
    expect(fieldClass('household', 'status')).toBe('status');
    expect(isAllowedTransition('household', 'status', 'intake', 'active')).toBe(true);
    expect(isAllowedTransition('household', 'status', 'intake', 'follow_up')).toBe(false);
    expect(isAllowedTransition('household', 'status', 'closed', 'active')).toBe(true);
    expect(isAllowedTransition('household', 'status', 'closed', 'closed')).toBe(true);
    expect(isAllowedTransition('household', 'status', undefined, 'follow_up')).toBe(true);
    expect(isAllowedTransition('household', 'phone', 'a', 'b')).toBe(true);
  });

  it('every status machine names only entities that exist, and every target is a known state', () => {
    for (const [entity, machines] of Object.entries(STATUS_TRANSITIONS)) {
      expect(ENTITY_NAMES).toContain(entity);
      for (const machine of Object.values(machines ?? {})) {
        const states = new Set(Object.keys(machine));
        for (const targets of Object.values(machine)) for (const t of targets) expect(states).toContain(t);
      }
    }
  });
});
