import { gzipSync } from 'node:zlib';

/**
 * JSON POST from Node to the server under test; `gzip` compresses the body as a device does for
 * pushes over 256 kB of JSON (PUSH8). A 429 (the push limit per device, SEC3) is retried after the
 * server's Retry-After, as the sync client does: seeding 80,000 rows takes more than 120 pushes.
 * Throws with the status and the start of the body on any other 4xx/5xx.
 */
/** How many 429s postJson waited out since the process started: a throughput figure reports it. */
export const throttled = { count: 0 };

export async function postJson(
  base: string,
  path: string,
  body: unknown,
  token?: string,
  gzip = false,
): Promise<unknown> {
  const json = JSON.stringify(body);
  for (;;) {
    const response = await send(base, path, json, token, gzip);
    const text = await response.text();
    if (response.status === 429) {
      throttled.count += 1;
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs(response)));
      continue;
    }
    if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
    return text === '' ? undefined : JSON.parse(text);
  }
}

function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000;
}

function send(base: string, path: string, json: string, token: string | undefined, gzip: boolean) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: gzip ? gzipSync(json, { level: 1 }) : json,
  });
}
