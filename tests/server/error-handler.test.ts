import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandler } from '../../sync-server/src/plugins/error-handler';
import { registerZod } from '../../sync-server/src/plugins/zod';

// The app has no POST route yet, so the error handler is exercised on a minimal instance wired
// with the same plugins buildApp registers. The sync routes will inherit exactly this behaviour.

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function makeApp(): Promise<FastifyInstance> {
  const instance = Fastify().withTypeProvider<ZodTypeProvider>();
  registerZod(instance);
  registerErrorHandler(instance);
  instance.post(
    '/api/echo',
    { schema: { body: z.object({ name: z.string().min(1), cents: z.int().nonnegative() }) } },
    async (request) => ({ name: request.body.name }),
  );
  instance.get('/api/boom', async () => {
    throw new Error('SELECT * FROM debtors WHERE name = $1 failed');
  });
  await instance.ready();
  app = instance;
  return instance;
}

describe('error handler', () => {
  it('accepts a valid body', async () => {
    const response = await (await makeApp()).inject({
      method: 'POST',
      url: '/api/echo',
      payload: { name: 'a', cents: 1 },
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers malformed JSON with 400 bad_request', async () => {
    const response = await (await makeApp()).inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "a",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'bad_request', message: expect.any(String), issues: [] });
  });

  it('answers a schema violation with 400 and one issue per problem', async () => {
    const response = await (await makeApp()).inject({
      method: 'POST',
      url: '/api/echo',
      payload: { name: '', cents: -5 },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ error: 'bad_request', message: 'Invalid body' });
    expect(body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['/cents', '/name']);
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await (await makeApp()).inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('answers an empty JSON body with 400', async () => {
    const response = await (await makeApp()).inject({
      method: 'POST',
      url: '/api/echo',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request' });
  });

  it('hides server faults behind a bare 500', async () => {
    const response = await (await makeApp()).inject({ method: 'GET', url: '/api/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'internal_error', message: 'Internal server error' });
    expect(response.body).not.toContain('SELECT');
    expect(response.body).not.toContain('.ts');
  });
});
