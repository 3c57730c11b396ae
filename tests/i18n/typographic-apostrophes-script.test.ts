/** The sweep the lead re-runs after merging (scripts/typographic-apostrophes.ts). */
import { describe, expect, it } from 'vitest';
import { sweepSource } from '../../scripts/typographic-apostrophes';

/** A template literal's `${name}`, written without one in this file. */
const slot = (name: string) => ['$', '{', name, '}'].join('');

describe('typographic apostrophe sweep', () => {
  it('replaces every apostrophe of a French catalogue’s strings, escaped or not, never a key', () => {
    const source = [
      'export const xFr = {',
      `  'a.b': "L'appareil n'a plus de place.",`,
      `  'c.d': 'Aujourd\\'hui',`,
      `  'e.f': \`Jusqu'au ${slot('date')}\`,`,
      '} as const;',
    ].join('\n');
    const { fixed, findings } = sweepSource('src/i18n/catalogues/x-fr.ts', source);
    expect(findings).toHaveLength(3);
    expect(fixed).toBe(
      [
        'export const xFr = {',
        `  'a.b': "L’appareil n’a plus de place.",`,
        `  'c.d': 'Aujourd’hui',`,
        `  'e.f': \`Jusqu’au ${slot('date')}\`,`,
        '} as const;',
      ].join('\n'),
    );
  });

  it('elsewhere, replaces French elisions only: English, code and regular expressions stay', () => {
    const source = [
      "const fr = \"Risque d'expulsion : ce qu'elle paie n'est pas effacé.\";",
      'const en = "The user\'s device doesn\'t answer.";',
      "const pattern = /l'eau/;",
      `const mixed = \`Taux d'endettement ${slot('rate')} (user's)\`;`,
    ].join('\n');
    const { fixed, words } = sweepSource('src/domain/budget/example.ts', source);
    expect(fixed).toBe(
      [
        'const fr = "Risque d’expulsion : ce qu’elle paie n’est pas effacé.";',
        'const en = "The user\'s device doesn\'t answer.";',
        "const pattern = /l'eau/;",
        `const mixed = \`Taux d’endettement ${slot('rate')} (user's)\`;`,
      ].join('\n'),
    );
    // The words then changed alike in tests and docs, and only those.
    expect([...words.keys()].sort()).toEqual(["d'endettement", "d'expulsion", "n'est", "qu'elle"]);
  });
});
