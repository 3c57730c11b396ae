/** `npm run docs:engine`: rewrites the example outputs of docs/engine.md from the engine itself. */
import { readFileSync, writeFileSync } from 'node:fs';
import { engineDocExamples, refreshEngineDocs } from '../src/cli/engine-docs';

const path = new URL('../docs/engine.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = refreshEngineDocs(before);
writeFileSync(path, after);
const examples = engineDocExamples(after);
console.log(
  `docs/engine.md: ${examples.length} examples checked, ${before === after ? 'already up to date' : 'outputs refreshed'}`,
);
