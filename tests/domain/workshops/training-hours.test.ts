import { describe, expect, it } from 'vitest';
import {
  trainingHours,
  workshopParticipantMinutes,
  workshopParticipants,
} from '../../../src/domain/workshops/training-hours';

const session = (durationMinutes: number, ids: string[], anonymous: number) => ({
  durationMinutes,
  participantHouseholdIds: ids,
  anonymousParticipants: anonymous,
});

describe('workshop participants (WS2)', () => {
  it('WS2: counts distinct households named plus the anonymous head count', () => {
    // 3 distinct households (h1 twice) + 4 anonymous = 7.
    expect(workshopParticipants(session(60, ['h1', 'h2', 'h1', 'h3'], 4))).toBe(7);
  });

  it('WS2: two households merged into one count once, as their survivor', () => {
    const survivor = (id: string) => (id === 'h2' ? 'h1' : id);
    // h1, h2→h1, h3: 2 distinct + 0 anonymous.
    expect(workshopParticipants(session(60, ['h1', 'h2', 'h3'], 0), survivor)).toBe(2);
  });

  it('WS2: only an anonymous count, no household', () => {
    expect(workshopParticipants(session(90, [], 6))).toBe(6);
  });
});

describe('hours of training (RPT6/WS3)', () => {
  it('WS3: a 2-hour session with 5 participants is 10 hours (600 participant-minutes)', () => {
    const s = session(120, ['a', 'b'], 3);
    expect(workshopParticipantMinutes(s)).toBe(600);
    expect(trainingHours([s])).toBe(10);
  });

  it('WS3: sums minutes before rounding once to the tenth, half up', () => {
    // 50 min × 1 = 50; 50 min × 1 = 50 → 100 participant-minutes = 1.666… h → 1.7 h.
    // Rounding each session first would give 0.8 + 0.8 = 1.6.
    const a = session(50, ['x'], 0);
    const b = session(50, [], 1);
    expect(trainingHours([a, b])).toBe(1.7);
  });

  it('WS3: 1 h 30 × 3 participants, one named twice and one merged, is 4.5 hours', () => {
    const survivor = (id: string) => (id === 'old' ? 'new' : id);
    // new, old→new, p: 2 households + 1 anonymous = 3; 90 × 3 = 270 minutes = 4.5 h.
    const s = session(90, ['new', 'old', 'p', 'p'], 1);
    expect(workshopParticipantMinutes(s, survivor)).toBe(270);
    expect(trainingHours([s], survivor)).toBe(4.5);
  });

  it('WS3: no session, no hours', () => {
    expect(trainingHours([])).toBe(0);
  });
});
