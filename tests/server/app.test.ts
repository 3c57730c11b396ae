import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../sync-server/src/app';
import { defaultMigrationsDir, loadMigrations } from '../../sync-server/src/stores/migrations';
import { SqliteStore } from '../../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../../sync-server/src/stores/store';
import { APP_VERSION } from '../../sync-server/src/version';
import { makeConfig, makeFakeDist, makeLogCapture, makeTempDir } from './helpers';

const IMMUTABLE = 'public, max-age=31536000, immutable';

let temp: ReturnType<typeof makeTempDir>;
let app: FastifyInstance | undefined;

beforeEach(() => {
  temp = makeTempDir();
  makeFakeDist(temp.dir);
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  temp.cleanup();
});

async function openApp(options: { store?: RelaisStore; staticDir?: string } = {}): Promise<FastifyInstance> {
  const store = options.store ?? new SqliteStore({ path: ':memory:' });
  await store.migrate();
  const config = makeConfig(
    temp.dir,
    options.staticDir === undefined ? {} : { staticDir: options.staticDir },
  );
  app = await buildApp(config, { store });
  return app;
}

describe('GET /api/health', () => {
  it('reports the version and a healthy store', async () => {
    const response = await (await openApp()).inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      status: 'ok',
      version: APP_VERSION,
      store: {
        kind: 'sqlite',
        schemaVersion: loadMigrations(defaultMigrationsDir('sqlite')).at(-1)?.version,
        ok: true,
      },
    });
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers 503 with ok:false when the store does not answer', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const server = await openApp({ store });
    await store.close();
    const response = await server.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'unavailable',
      version: APP_VERSION,
      store: { kind: 'sqlite', schemaVersion: null, ok: false },
    });
  });

  it('closes the store when the app closes', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const server = await openApp({ store });
    await server.close();
    app = undefined;
    await expect(store.ping()).rejects.toThrow();
  });
});

describe('static files and caching', () => {
  it.each([
    ['/assets/index-abc123.js', 'javascript', IMMUTABLE],
    ['/index.html', 'text/html', 'no-cache'],
    ['/', 'text/html', 'no-cache'],
    ['/sw.js', 'javascript', 'no-cache'],
    ['/registerSW.js', 'javascript', 'no-cache'],
    ['/manifest.webmanifest', 'manifest+json', 'no-cache'],
  ])('GET %s → %s, Cache-Control %s, with validators', async (url, type, cacheControl) => {
    const response = await (await openApp()).inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(type);
    expect(response.headers['cache-control']).toBe(cacheControl);
    expect(response.headers.etag).toBeTruthy();
    expect(response.headers['last-modified']).toBeTruthy();
  });

  it('answers a revalidation of sw.js with 304', async () => {
    const server = await openApp();
    const first = await server.inject({ method: 'GET', url: '/sw.js' });
    const second = await server.inject({
      method: 'GET',
      url: '/sw.js',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });

  it('serves HEAD for files', async () => {
    const response = await (await openApp()).inject({ method: 'HEAD', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
  });
});

describe('SPA fallback and 404s', () => {
  it.each(['/dossiers', '/dossiers/42/budget', '/settings?tab=storage'])(
    'GET %s → index.html, no-cache',
    async (url) => {
      const response = await (await openApp()).inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<title>Relais</title>');
    },
  );

  it('serves index.html for HEAD on an app route', async () => {
    const response = await (await openApp()).inject({ method: 'HEAD', url: '/dossiers/42' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api'],
    ['POST', '/api/sync/nope'],
    ['HEAD', '/api/health/x'],
    ['DELETE', '/dossiers/42'],
  ] as const)('%s %s → JSON 404', async (method, url) => {
    const response = await (await openApp()).inject({ method, url });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    if (method !== 'HEAD') {
      expect(response.json()).toEqual({ error: 'not_found', message: expect.any(String) });
    }
  });

  it('never answers a missing asset with HTML', async () => {
    const server = await openApp();
    for (const url of ['/assets/index-old999.js', '/icons/missing.png']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/json');
    }
  });

  it('does not serve a file under dist/api/ in place of the API', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(temp.dir, 'dist', 'api'));
    writeFileSync(join(temp.dir, 'dist', 'api', 'health'), 'shadow');
    const response = await (await openApp()).inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toMatchObject({ status: 'ok' });
  });
});

describe('when the app is not built', () => {
  it('keeps the API up and says so on app routes', async () => {
    rmSync(join(temp.dir, 'dist'), { recursive: true });
    const server = await openApp();
    expect((await server.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    for (const url of ['/', '/dossiers/42']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('not built');
    }
    expect((await server.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(404);
  });

  it('also works when STATIC_DIR points nowhere at all', async () => {
    const server = await openApp({ staticDir: join(temp.dir, 'no', 'such', 'dir') });
    expect((await server.inject({ method: 'GET', url: '/' })).statusCode).toBe(503);
  });
});

describe('malformed requests', () => {
  it('answers a URL with broken percent-encoding with a 400 JSON error', async () => {
    const response = await (await openApp()).inject({ method: 'GET', url: '/api/health%' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'bad_request', message: expect.any(String), issues: [] });
  });

  it('answers a malformed JSON body with a 400 JSON error before routing', async () => {
    // Fastify parses the body even when no route matches, so a POST with broken JSON gets 400.
    const response = await (await openApp()).inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: '{"oops":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({ error: 'bad_request', message: expect.any(String), issues: [] });
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an oversized body with 413 JSON', async () => {
    const response = await (await openApp()).inject({
      method: 'POST',
      url: '/api/anything',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ filler: 'x'.repeat(1_100_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'payload_too_large' });
  });
});

describe('request logs', () => {
  it('log the route pattern, status and duration, and no personal data', async () => {
    const logs = makeLogCapture();
    const store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    app = await buildApp(makeConfig(temp.dir, { logLevel: 'info' }), { store, logStream: logs.stream });
    await app.inject({
      method: 'GET',
      url: '/api/health?email=jeanne.dupont@example.fr',
      headers: { authorization: 'Bearer s3cr3t-token', cookie: 'sid=abcdef' },
    });
    await app.inject({ method: 'GET', url: '/dossiers/Jeanne-Dupont' });
    await app.inject({
      method: 'POST',
      url: '/api/anything',
      headers: { 'content-type': 'application/json' },
      payload: { name: 'Jeanne Dupont', income: 123456 },
    });

    const text = logs.text();
    for (const secret of [
      'jeanne',
      'Jeanne',
      'Dupont',
      's3cr3t',
      'abcdef',
      '123456',
      'example.fr',
      '127.0.0.1',
    ]) {
      expect(text).not.toContain(secret);
    }
    const requests = logs.lines().filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({ method: 'GET', route: '/api/health', statusCode: 200 });
    expect(requests[0]?.responseTimeMs).toEqual(expect.any(Number));
    expect(requests[2]).toMatchObject({ method: 'POST', route: null, statusCode: 404 });
  });
});
