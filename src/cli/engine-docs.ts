/**
 * Keeps the examples of docs/engine.md true: each "Output:" block is what the CLI prints for the
 * JSON input block just above it, under the command named by the closest `### \`command\`` heading.
 * `npm run docs:engine` rewrites the outputs; tests/cli/engine-docs.test.ts fails when they drift.
 */
import { runEngineCommand } from '../domain/engine/engine-commands';

// An input block, prose without code between (e.g. "Output:" or a <details> line), an output block.
const EXAMPLE = /```json\n([\s\S]*?)\n```((?:(?!```)[\s\S])*?)```json\n([\s\S]*?)\n```/g;

export interface DocExample {
  command: string;
  input: string;
  documentedOutput: string;
  actualOutput: string;
}

function commandAt(markdown: string, index: number): string | null {
  const headings = [...markdown.slice(0, index).matchAll(/^#{2,3}\s+(.*)$/gm)];
  return headings.at(-1)?.[1]?.match(/^`([a-z-]+)`/)?.[1] ?? null;
}

/** Every input/output example of the page, with what the engine prints today. */
export function engineDocExamples(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const match of markdown.matchAll(EXAMPLE)) {
    const command = commandAt(markdown, match.index ?? 0);
    const input = match[1] ?? '';
    if (!command) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      continue; // a JSON block that is not an input (e.g. a schema sketch)
    }
    const actual = `${JSON.stringify(runEngineCommand(command, parsed).output, null, 2)}`;
    examples.push({ command, input, documentedOutput: match[3] ?? '', actualOutput: actual });
  }
  return examples;
}

/** The page with every example output replaced by the engine's current output. */
export function refreshEngineDocs(markdown: string): string {
  return markdown.replace(
    EXAMPLE,
    (whole, input: string, between: string, _output: string, offset: number) => {
      const command = commandAt(markdown, offset);
      if (!command) return whole;
      let parsed: unknown;
      try {
        parsed = JSON.parse(input);
      } catch {
        return whole;
      }
      const actual = JSON.stringify(runEngineCommand(command, parsed).output, null, 2);
      return `\`\`\`json\n${input}\n\`\`\`${between}\`\`\`json\n${actual}\n\`\`\``;
    },
  );
}
