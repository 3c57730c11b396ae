import { describe, expect, it } from 'vitest';
import { clearsWelcomePoint } from '../../../src/domain/sync/welcome-point-rule';

describe('[AUTH6c] a household keeps a welcome point once it has one', () => {
  it('taking it away (none, empty) is a clear; a move, or a household that had none, is not', () => {
    expect(clearsWelcomePoint('wp-a', null)).toBe(true);
    expect(clearsWelcomePoint('wp-a', undefined)).toBe(true);
    expect(clearsWelcomePoint('wp-a', '')).toBe(true);
    expect(clearsWelcomePoint('wp-a', 'wp-b')).toBe(false);
    expect(clearsWelcomePoint('wp-a', 'wp-a')).toBe(false);
    expect(clearsWelcomePoint(null, null)).toBe(false);
    expect(clearsWelcomePoint(undefined, 'wp-a')).toBe(false);
  });
});
