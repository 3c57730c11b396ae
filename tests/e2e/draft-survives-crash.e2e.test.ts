import { rmSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApp,
  launchBrowser,
  type RunningServer,
  startServer,
  tempDir,
  waitForServiceWorkerControl,
} from './harness';

describe('Typed input survives a crashed page, in Chromium', () => {
  let distDir: string;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;

  beforeAll(async () => {
    distDir = tempDir('dist');
    await buildApp(distDir, 'e2e-crash');
    server = await startServer(distDir);
    browser = await launchBrowser();
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('finds the draft after the renderer is killed in the middle of typing, offline', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);

    // Typed key by key, as a person does; no save button pressed.
    await page.getByLabel('Nom de l’appareil').pressSequentially('Tablette Roubaix', { delay: 15 });
    // Kill the renderer: no unload handler, no chance to save anything more.
    const crashed = page.waitForEvent('crash');
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    await page.close().catch(() => {});

    const reopened = await context.newPage();
    await reopened.goto(`${server.url}/settings`);
    await reopened.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    await expect.poll(() => reopened.getByLabel('Nom de l’appareil').inputValue()).toBe('Tablette Roubaix');
    expect(await reopened.getByTestId('draft-restored').textContent()).toContain('retrouvée');
    await context.setOffline(false);
  });
});
