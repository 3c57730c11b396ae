import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fastifyStatic } from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serves the built PWA (vite's dist/) and answers everything no route claimed.
 *
 * Caching is what makes updates reach volunteers: vite fingerprints everything under assets/, so
 * those files can be cached forever; every other file (index.html, sw.js, registerSW.js, the
 * manifest, icons) keeps its name across releases and must be revalidated (ETag/Last-Modified)
 * on each load, or a browser could keep running an old service worker for days.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export async function registerStaticApp(app: FastifyInstance, staticDir: string): Promise<void> {
  const isBuilt = existsSync(join(staticDir, 'index.html'));
  if (isBuilt) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: true,
      cacheControl: false,
      etag: true,
      lastModified: true,
      // A file that happens to sit in dist/api/ must never shadow the API.
      allowedPath: (pathName) => !isApiPath(pathName),
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', cacheControlFor(staticDir, filePath));
      },
    });
  } else {
    app.log.warn({ staticDir }, 'the app is not built: app routes will answer 503 until it is');
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isApiPath(path) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .send({ error: 'not_found', message: `No route ${request.method} ${path}` });
    }
    if (looksLikeFile(path)) {
      // Never answer a missing script or image with index.html: the browser (or the service
      // worker's precache) would store HTML under a .js name.
      return reply
        .code(404)
        .header('cache-control', REVALIDATE)
        .send({ error: 'not_found', message: `No file ${path}` });
    }
    if (!isBuilt) return notBuilt(reply);
    // A deep link (/dossiers/42): the client-side router takes it from index.html.
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  });
}

export function cacheControlFor(staticDir: string, filePath: string): string {
  const parts = relative(staticDir, filePath).split(sep);
  return parts.length > 1 && parts[0] === 'assets' ? IMMUTABLE : REVALIDATE;
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function looksLikeFile(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return path.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(last);
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send('Relais is not built on this server yet. Run `npm run build` (or `npm start`), then reload.\n');
}
