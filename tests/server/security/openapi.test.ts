/**
 * SEC4: GET /api/openapi.json is an OpenAPI 3.1 document generated from the routes' zod
 * schemas, and it describes exactly the routes the server serves: a route added without
 * appearing there, or a stale path left in it, fails here (in CI, with the server suites).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, TestClock } from '../../support/sync-harness';
import { sqliteEngine } from '../sync/harness';
import { servedApiRoutes } from './served-routes';

type Operation = {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses?: Record<string, unknown>;
  security?: unknown[];
};
type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` anywhere in the document. */
function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsOf(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') out.push(child);
      else refsOf(child, out);
    }
  }
  return out;
}

describe('[SEC4] the OpenAPI document', () => {
  let app: FastifyInstance;
  let doc: OpenApiDocument;
  let headers: Record<string, unknown>;
  beforeAll(async () => {
    const made = await sqliteEngine.make();
    app = await openApp(made.store, new TestClock());
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    headers = response.headers;
    doc = response.json() as OpenApiDocument;
  });
  afterAll(async () => {
    await app.close();
  });

  it('[SEC4] is public, OpenAPI 3.1 in structure, and never cached', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof doc.paths).toBe('object');
    expect(doc.components.securitySchemes).toEqual({ session: { type: 'http', scheme: 'bearer' } });
    expect(headers['cache-control']).toBe('no-store');
    for (const [path, operations] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/api\//);
      for (const [method, operation] of Object.entries(operations)) {
        expect(METHODS).toContain(method);
        expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        // Each {param} of the path is a required path parameter of the operation.
        for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
          const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
          expect([method, path, name, parameter?.required]).toEqual([method, path, name, true]);
        }
      }
    }
    // Every reference points inside the document.
    for (const ref of refsOf(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      expect([ref, doc.components.schemas?.[name] !== undefined]).toEqual([ref, true]);
    }
  });

  it('[SEC4] lists every served /api route with its method, and nothing else', () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
        ),
      )
      .sort();
    const served = servedApiRoutes(app);
    expect(served.length).toBeGreaterThan(30);
    expect(documented).toEqual(served);
  });

  it('[SEC4] describes request bodies from the zod schemas and marks the routes that need a session', () => {
    const push = doc.paths['/api/sync/push']?.post;
    const body = push?.requestBody?.content['application/json']?.schema as {
      properties?: Record<string, { maxItems?: number }>;
    };
    expect(body.properties?.mutations?.maxItems).toBe(500);
    expect(push?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/auth/login']?.post?.security).toBeUndefined();
    expect(doc.paths['/api/openapi.json']?.get?.security).toBeUndefined();
    expect(doc.paths['/api/admin/users/{id}']?.patch?.security).toEqual([{ session: [] }]);
  });
});
