/**
 * The browser globals (happy-dom) for a screen test that runs the real sync server in the same
 * file. Such a file asks for the node environment (`// @vitest-environment node`) and imports
 * this module first: in the happy-dom environment Vite transforms modules for the browser, where
 * `new URL('…', import.meta.url)` no longer names a file and the server cannot find its
 * migrations, version or static directory. The global URL stays Node's for the same reason.
 * testing-library's `screen` was bound when the setup file loaded it, without a document: such
 * a file queries `within(document.body)` instead.
 */
import { URL as NodeUrl } from 'node:url';
import { afterAll } from 'vitest';
import { builtinEnvironments } from 'vitest/runtime';

const environment = await builtinEnvironments['happy-dom'].setup(globalThis, {});
globalThis.URL = NodeUrl as unknown as typeof URL;
// As tests/setup-dom.ts does for the happy-dom environment: the 10-inch tablet's landscape width.
(
  window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }
).happyDOM.setViewport({
  width: 1280,
  height: 800,
});
afterAll(() => environment.teardown(globalThis));
