/**
 * The routes an app serves, read from Fastify's own route tree (`printRoutes`), as
 * `METHOD /path` with `:param` segments; HEAD (added by Fastify for every GET) and the built
 * app's static files are left out. Shared by the OpenAPI check (SEC4) and the authorisation
 * matrix (SEC5) so both compare against the same list AUTH8 reads.
 */
import type { FastifyInstance } from 'fastify';

export function servedApiRoutes(app: FastifyInstance): string[] {
  const served = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('');
    if (!path.startsWith('/api/')) continue;
    for (const method of (match[3] ?? '').split(', ')) if (method !== 'HEAD') served.add(`${method} ${path}`);
  }
  return [...served].sort();
}
