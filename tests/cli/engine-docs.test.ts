import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineDocExamples, refreshEngineDocs } from '../../src/cli/engine-docs';

const markdown = readFileSync(new URL('../../docs/engine.md', import.meta.url), 'utf8');

describe('docs/engine.md stays true', () => {
  const examples = engineDocExamples(markdown);

  it('has an example for every CLI command', () => {
    const commands = new Set(examples.map((e) => e.command));
    for (const command of ['seizable', 'rsa', 'capacity', 'diagnose', 'simulate'])
      expect(commands).toContain(command);
  });

  for (const [index, example] of examples.entries()) {
    it(`example ${index + 1} (${example.command}): the documented output is what the engine prints (npm run docs:engine)`, () => {
      expect(JSON.parse(example.documentedOutput)).toEqual(JSON.parse(example.actualOutput));
    });
  }

  it('refreshing a stale page rewrites the output', () => {
    const stale = markdown.replace(/"seizableMonthlyCents": 33838/, '"seizableMonthlyCents": 1');
    expect(stale).not.toBe(markdown);
    expect(
      engineDocExamples(refreshEngineDocs(stale)).every((e) => e.documentedOutput === e.actualOutput),
    ).toBe(true);
  });
});
