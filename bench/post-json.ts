import { gzipSync } from 'node:zlib';

/**
 * JSON POST from Node to the server under test; `gzip` compresses the body as a device does for
 * pushes over 256 kB of JSON (PUSH8). Throws with the status and the start of the body on a 4xx/5xx.
 */
export async function postJson(
  base: string,
  path: string,
  body: unknown,
  token?: string,
  gzip = false,
): Promise<unknown> {
  const json = JSON.stringify(body);
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: gzip ? gzipSync(json, { level: 1 }) : json,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
  return text === '' ? undefined : JSON.parse(text);
}
