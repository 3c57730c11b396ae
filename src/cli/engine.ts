/**
 * Engine CLI: `npm run -s engine -- <command>` reads one JSON document on stdin and writes
 * one JSON document on stdout. Exit codes: 0 ok, 2 invalid input (the JSON error lists the
 * problems and their paths), 3 a legal parameter does not cover the date.
 */
import { runEngineCommand } from '../domain/engine/engine-commands';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  const command = process.argv[2] ?? '';
  const text = await readStdin();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(
      `${JSON.stringify({ error: 'invalid-json', problems: [{ path: '', message }] }, null, 2)}\n`,
    );
    return 2;
  }
  const outcome = runEngineCommand(command, input);
  process.stdout.write(`${JSON.stringify(outcome.output, null, 2)}\n`);
  return outcome.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
