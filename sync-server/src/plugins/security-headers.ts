/**
 * SEC1: the security headers every answer carries, the built app's and the API's alike
 * (docs/security.md). What the policy allows was read off the built app:
 *
 * - scripts: only files of this origin. index.html has one `<script type="module" src>`, the
 *   service worker is registered from the bundle (vite-plugin-pwa `injectRegister: false`, so no
 *   inline registerSW snippet), there is no inline event handler, eval or `new Function`.
 * - styles: only stylesheets of this origin. Preact writes `style={{…}}` through the CSSOM
 *   (`element.style.height = …`), which a style-src without 'unsafe-inline' allows; only `style`
 *   attributes in HTML markup would be blocked, and the printed documents' HTML has none
 *   (src/documents/html/render-html.ts uses classes). So no 'unsafe-inline' for styles either.
 * - workers: the simulation worker and the service worker are files of this origin.
 * - fonts: the Atkinson files are bundled; `data:` covers a font vite inlines under its 4 kB limit.
 * - images: `data:` for inlined small images, `blob:` for a downloaded document shown back.
 * - downloads: documents and exports are Blobs given an object URL and clicked through an
 *   `<a download>`: a navigation/download, not a fetch, so no `blob:` is needed in connect-src.
 * - connect: the sync server is this origin; the PDF fonts are fetched from it too.
 *
 * HSTS only when the request came over TLS: the server's own TLS, or, with `trustProxy` set
 * (TRUST_PROXY), the proxy's X-Forwarded-Proto. A plain-HTTP answer with HSTS is ignored by
 * browsers anyway, and sending it on a LAN install reached by http://192.168… would be wrong.
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function contentSecurityPolicy(): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/** Two years, subdomains included: the HSTS preload list's minimum. */
export const HSTS = 'max-age=63072000; includeSubDomains';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy(),
  // Dossier URLs carry household ids: no other site learns them through the Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // Older browsers that ignore frame-ancestors.
  'x-frame-options': 'DENY',
  // The app uses none of these; a script injected some day cannot either.
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
