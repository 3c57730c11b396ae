import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, UuidV7Schema, uuidV7Time, uuidv7 } from '../../../src/domain/ids';
import {
  compareHlc,
  formatHlc,
  HlcSchema,
  parseHlc,
  receiveHlc,
  tickHlc,
} from '../../../src/domain/sync/hlc';

describe('uuidv7', () => {
  it('encodes the time, version 7 and the RFC 4122 variant', () => {
    const id = uuidv7(0x017f22e279b0, 0xcc3, new Uint8Array(8));
    expect(id).toBe('017f22e2-79b0-7cc3-8000-000000000000');
    expect(UuidV7Schema.safeParse(id).success).toBe(true);
    expect(uuidV7Time(id)).toBe(0x017f22e279b0);
  });

  it('rejects out-of-range input', () => {
    expect(() => uuidv7(-1, 0, new Uint8Array(8))).toThrow(RangeError);
    expect(() => uuidv7(0, 0x1000, new Uint8Array(8))).toThrow(RangeError);
    expect(() => uuidv7(0, 0, new Uint8Array(7))).toThrow(RangeError);
  });

  it('a generator yields valid, strictly increasing ids even when the clock stalls or steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 }), (steps) => {
        let t = 1_760_000_000_000;
        let i = 0;
        const newId = createUuidV7Generator({
          now: () => {
            t += steps[i % steps.length] ?? 0;
            i += 1;
            return t;
          },
          randomBytes: (n) => new Uint8Array(n).fill(0xff),
        });
        const ids = Array.from({ length: steps.length * 2 }, () => newId());
        for (const id of ids) expect(UuidV7Schema.safeParse(id).success).toBe(true);
        for (let k = 1; k < ids.length; k += 1) expect((ids[k - 1] ?? '') < (ids[k] ?? '')).toBe(true);
      }),
    );
  });
});

describe('hybrid logical clock', () => {
  it('formats and parses', () => {
    const s = formatHlc({ ms: 1_760_000_000_000, counter: 10, node: 'dev-1' });
    expect(s).toBe('1760000000000-000a-dev-1');
    expect(parseHlc(s)).toEqual({ ms: 1_760_000_000_000, counter: 10, node: 'dev-1' });
    expect(HlcSchema.safeParse(s).success).toBe(true);
    expect(() => parseHlc('nope')).toThrow(RangeError);
  });

  it('tick is strictly increasing whatever the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 50 }),
        (times) => {
          let last: string | undefined;
          for (const now of times) {
            const next = tickHlc(last, now, 'd');
            if (last !== undefined) expect(compareHlc(last, next)).toBe(-1);
            expect(parseHlc(next).ms).toBeGreaterThanOrEqual(now);
            last = next;
          }
        },
      ),
    );
  });

  it('receive moves past both the local and the remote stamp', () => {
    const local = tickHlc(undefined, 1000, 'a');
    const remote = formatHlc({ ms: 5000, counter: 3, node: 'b' });
    const next = receiveHlc(local, remote, 2000, 'a');
    expect(next).toBe('0000000005000-0004-a');
    expect(compareHlc(remote, next)).toBe(-1);
    expect(receiveHlc(next, remote, 9000, 'a')).toBe('0000000009000-0000-a');
  });

  it('the counter overflows into the next millisecond', () => {
    const full = formatHlc({ ms: 1000, counter: 0xffff, node: 'a' });
    expect(tickHlc(full, 1000, 'a')).toBe('0000000001001-0000-a');
  });
});
