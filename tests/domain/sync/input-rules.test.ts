/**
 * INPUT1, INPUT2 and INPUT4 as the domain states them (src/domain/sync/input-rules.ts), and
 * MutationSchema applying them: the one rule both stores follow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowFieldsOf } from '../../../src/domain/dossier/rows';
import { ENTITY_NAMES } from '../../../src/domain/sync/entities';
import {
  depthBoundedCopy,
  inputIssue,
  isAllowedText,
  keepableText,
  MAX_INPUT_DEPTH,
  utf8Length,
} from '../../../src/domain/sync/input-rules';
import { MutationSchema } from '../../../src/domain/sync/mutation';

/** An array nested `depth` deep around 1, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

describe('INPUT1: text', () => {
  it('[INPUT1] refuses every C0 control character but tab, line feed and carriage return', () => {
    const refused: number[] = [];
    for (let code = 0; code < 0x20; code += 1) {
      if (!isAllowedText(`a${String.fromCharCode(code)}b`)) refused.push(code);
    }
    // 32 C0 codes, of which 3 (0x09, 0x0a, 0x0d) are kept.
    expect(refused).toHaveLength(29);
    expect(refused).not.toContain(0x09);
    expect(refused).not.toContain(0x0a);
    expect(refused).not.toContain(0x0d);
    expect(refused).toContain(0x00);
  });

  it('[INPUT1] keeps accents, emoji (surrogate pairs) and DEL; refuses lone surrogates', () => {
    expect(isAllowedText('Créancier « Cofidis » 💶 \u007f')).toBe(true);
    expect(isAllowedText('\ud83d')).toBe(false); // a high surrogate at the end
    expect(isAllowedText('\ud83dx')).toBe(false);
    expect(isAllowedText('x\ude36')).toBe(false); // a low surrogate alone
    expect(isAllowedText('')).toBe(true);
  });

  it('[INPUT1] finds a NUL in a nested string or a key, and says where', () => {
    expect(inputIssue({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toMatchObject({
      rule: 'INPUT1',
      path: ['a', 1, 'c'],
    });
    expect(inputIssue({ patch: { 'la\u0000bel': 1 } })).toMatchObject({
      rule: 'INPUT1',
      path: ['patch', 'la\\u0000bel'],
    });
    expect(inputIssue({ text: 'ligne 1\r\nligne 2\tfin' })).toBeUndefined();
  });
});

describe('INPUT1 on the device: keepableText', () => {
  it('turns each refused control character into a space, drops lone surrogates, keeps the rest', () => {
    // A vertical tab (U+000B) and a form feed (U+000C) as Word pastes them; a NUL; a lone high
    // surrogate at the end. Tab, line feed and carriage return stay, and so does a whole emoji.
    expect(keepableText('Loyer\u000bimpayé\u000cjuin')).toBe('Loyer impayé juin');
    expect(keepableText('a\u0000b')).toBe('a b');
    expect(keepableText('ligne 1\r\nligne 2\tfin')).toBe('ligne 1\r\nligne 2\tfin');
    expect(keepableText('merci 🙂\ud83d')).toBe('merci 🙂');
    expect(keepableText('\udc00x')).toBe('x');
  });

  it('always gives a text the rule accepts', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => isAllowedText(keepableText(text))));
  });
});

describe('INPUT2: depth', () => {
  it('[INPUT2] accepts MAX_INPUT_DEPTH levels and refuses one more', () => {
    expect(inputIssue(nested(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(inputIssue(nested(MAX_INPUT_DEPTH + 1))).toMatchObject({ rule: 'INPUT2' });
    expect(inputIssue({ a: nested(MAX_INPUT_DEPTH - 1) })).toBeUndefined();
    expect(inputIssue({ a: nested(MAX_INPUT_DEPTH) })).toMatchObject({ rule: 'INPUT2' });
  });

  it('[INPUT2] walks a value nested 100,000 deep without overflowing the stack', () => {
    const issue = inputIssue({ patch: { x: nested(100_000) } });
    expect(issue?.rule).toBe('INPUT2');
    expect(issue?.path.length).toBe(MAX_INPUT_DEPTH);
  });

  it('[INPUT2] the copy kept of a refused value stops at MAX_INPUT_DEPTH with a marker', () => {
    const copy = depthBoundedCopy({ patch: { x: nested(5000) } });
    expect(inputIssue(copy)).toBeUndefined();
    expect(JSON.stringify(copy)).toContain('[INPUT2: nested more than 32 levels, not kept]');
  });
});

describe('INPUT4: size', () => {
  it('[INPUT4] counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('💶')).toBe(4);
    expect(utf8Length(JSON.stringify({ t: 'é' }))).toBe(new TextEncoder().encode('{"t":"é"}').length);
  });
});

describe('MutationSchema applies the input rules', () => {
  const valid = {
    seq: 1,
    mutationId: '0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
    deviceId: 'dev-1',
    userId: 'user-1',
    op: 'create',
    entity: 'note',
    entityId: 'n-1',
    householdId: 'h-1',
    patch: { text: 'Rendez-vous pris.\nRappeler lundi.' },
    base: { version: 0, fieldVersions: {} },
    hlc: '1764234000000-0000-dev-1',
    schemaVersion: 1,
    appVersion: '0.1.0',
  };

  it('[INPUT1][INPUT2] a mutation with a NUL anywhere, or nested too deep, fails; tabs and line breaks pass', () => {
    expect(MutationSchema.safeParse(valid).success).toBe(true);
    for (const broken of [
      { ...valid, hlc: `${valid.hlc}\u0000` },
      { ...valid, entityId: 'n\u00001' },
      { ...valid, householdId: 'h\u0000' },
      { ...valid, patch: { text: 'a\u0000' } },
      { ...valid, patch: { 'text\u0000': 'a' } },
      { ...valid, patch: { text: nested(MAX_INPUT_DEPTH) } },
    ]) {
      const result = MutationSchema.safeParse(broken);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^INPUT[12]: /);
    }
  });

  it('[INPUT3] every entity has its fields and the sync metadata as known names', () => {
    expect(rowFieldsOf('note').has('text')).toBe(true);
    expect(rowFieldsOf('asset').has('valueCents')).toBe(true); // a field of one variant of the union
    expect(rowFieldsOf('action').has('kind')).toBe(true);
    expect(rowFieldsOf('member').has('lastName')).toBe(true);
    expect(rowFieldsOf('household').has('welcomePointId')).toBe(true);
    for (const entity of ENTITY_NAMES) expect(rowFieldsOf(entity).has('deletedAt')).toBe(true);
    expect(rowFieldsOf('note').has('extra')).toBe(false);
  });
});
