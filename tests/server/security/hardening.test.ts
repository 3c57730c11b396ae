/**
 * The server's hardening (docs/security.md): security headers on every answer (SEC1), body
 * limits per route (SEC2) and the push rate limit per device (SEC3), on every engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../sync-server/src/app';
import { API_BODY_LIMIT, MERGE_BODY_LIMIT } from '../../../sync-server/src/body-limits';
import { SqliteStore } from '../../../sync-server/src/stores/sqlite-store';
import { makeConfig, makeFakeDist, makeTempDir } from '../helpers';
import { bearer, ENGINES, useSyncServer, WP_A } from '../sync/harness';

const ROOT = join(import.meta.dirname, '..', '..', '..');

async function appWith(trustProxy?: boolean): Promise<{ app: FastifyInstance; cleanup: () => void }> {
  const temp = makeTempDir();
  makeFakeDist(temp.dir);
  const store = new SqliteStore({ path: ':memory:' });
  await store.migrate();
  const config = makeConfig(temp.dir, trustProxy === undefined ? {} : { trustProxy });
  return { app: await buildApp(config, { store }), cleanup: temp.cleanup };
}

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('[SEC1] security headers', () => {
  let plain: { app: FastifyInstance; cleanup: () => void };
  let proxied: { app: FastifyInstance; cleanup: () => void };
  beforeAll(async () => {
    plain = await appWith();
    proxied = await appWith(true);
  });
  afterAll(async () => {
    for (const { app, cleanup } of [plain, proxied]) {
      await app.close();
      cleanup();
    }
  });

  it('[SEC1] every answer (the app, an asset, the API, an error) carries the policy and the headers', async () => {
    for (const url of [
      '/',
      '/assets/index-abc123.js',
      '/sw.js',
      '/api/health',
      '/api/nope',
      '/dossiers/42',
    ]) {
      const response = await plain.app.inject({ method: 'GET', url });
      const csp = directives(String(response.headers['content-security-policy']));
      expect([url, csp.get('script-src')]).toEqual([url, ["'self'"]]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      for (const sources of csp.values()) {
        expect(sources).not.toContain("'unsafe-inline'");
        expect(sources).not.toContain("'unsafe-eval'");
      }
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(String(response.headers['permissions-policy'])).toContain('camera=()');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('[SEC1] HSTS only over TLS: a forwarded https counts only when the proxy is trusted', async () => {
    const headers = { 'x-forwarded-proto': 'https' };
    const untrusted = await plain.app.inject({ method: 'GET', url: '/api/health', headers });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
    const trusted = await proxied.app.inject({ method: 'GET', url: '/api/health', headers });
    expect(trusted.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    const overHttp = await proxied.app.inject({ method: 'GET', url: '/api/health' });
    expect(overHttp.headers['strict-transport-security']).toBeUndefined();
  });

  it('[SEC1] the page the policy guards has no inline script and no inline event handler', () => {
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    // vite-plugin-pwa would otherwise inject an inline registration script into the built page.
    expect(readFileSync(join(ROOT, 'vite.config.ts'), 'utf8')).toMatch(/injectRegister:\s*false/);
  });
});

for (const engine of ENGINES) {
  describe(`[SEC2] body limits on ${engine.name}`, () => {
    const server = useSyncServer(engine);
    const padded = (bytes: number) => ({ id: 'wp-big', name: 'x'.repeat(bytes) });

    it('[SEC2] an API body over 64 KiB is refused with 413 and the limit named; under it reaches the route', async () => {
      const token = server.world.admin.token;
      const over = await server.app.inject({
        method: 'POST',
        url: '/api/admin/welcome-points',
        headers: bearer(token),
        payload: padded(API_BODY_LIMIT),
      });
      expect(over.statusCode).toBe(413);
      expect(over.json()).toEqual({
        error: 'payload_too_large',
        message: `The request body exceeds the ${API_BODY_LIMIT} bytes this route accepts`,
      });
      const under = await server.app.inject({
        method: 'POST',
        url: '/api/admin/welcome-points',
        headers: bearer(token),
        payload: padded(API_BODY_LIMIT - 100),
      });
      expect(under.statusCode).toBe(400); // the schema's name limit, not the body limit
      const points = await server.store.transaction((tx) => tx.listWelcomePoints());
      expect(points.map((p) => p.id)).not.toContain('wp-big');
    });

    it('[SEC2] a merge may carry up to 256 KiB; an anonymous caller is refused before its body is read', async () => {
      const token = server.world.coordinator.token;
      const merge = (bytes: number) =>
        server.app.inject({
          method: 'POST',
          url: '/api/coordination/merges',
          headers: bearer(token),
          payload: { reason: 'x'.repeat(bytes) },
        });
      expect((await merge(MERGE_BODY_LIMIT / 2)).statusCode).toBe(400); // past the limit, into the schema
      const over = await merge(MERGE_BODY_LIMIT);
      expect(over.statusCode).toBe(413);
      expect(over.json().message).toContain(String(MERGE_BODY_LIMIT));
      const anonymous = await server.app.inject({
        method: 'POST',
        url: '/api/admin/welcome-points',
        payload: padded(API_BODY_LIMIT * 4),
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe(`[SEC3] the push rate limit per device on ${engine.name}`, () => {
    const server = useSyncServer(engine, { app: { pushLimit: { maxRequests: 3, windowMs: 60_000 } } });

    it('[SEC3] the 4th push in a minute is 429 with Retry-After and applies nothing; other devices and later pushes pass', async () => {
      const device = await server.device(server.world.counsellorA);
      for (let i = 0; i < 3; i += 1) await device.push([device.createHousehold(WP_A)]);
      server.clock.advance(20_000);
      const refused = device.createHousehold(WP_A);
      const limited = await device.pushRaw([refused]);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('40');
      expect(limited.json().error).toBe('too_many_requests');
      expect(await server.store.transaction((tx) => tx.getRows([refused.entityId]))).toEqual([]);
      expect((await server.store.transaction((tx) => tx.getDevice(device.deviceId)))?.lastSeq).toBe(3);
      // Another device of the same person has its own count.
      const other = await server.device(server.world.counsellorA);
      expect((await other.pushRaw([other.createHousehold(WP_A)])).statusCode).toBe(200);
      server.clock.advance(40_000);
      expect((await device.pushRaw([refused])).statusCode).toBe(200);
    });

    it('[SEC3] pull is not counted', async () => {
      const device = await server.device(server.world.volunteerA);
      for (let i = 0; i < 5; i += 1) expect((await device.pullRaw(null)).statusCode).toBe(200);
      expect((await device.pushRaw([device.createHousehold(WP_A)])).statusCode).toBe(200);
    });
  });
}
