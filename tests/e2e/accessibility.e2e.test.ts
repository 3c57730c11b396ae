import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchBrowser, type RunningServer, startServer, tempDir } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

describe('Accessibility (axe-core) and layouts, in Chromium', () => {
  let distDir: string;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    distDir = tempDir('dist');
    await buildApp(distDir, 'e2e-a11y');
    server = await startServer(distDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(distDir, { recursive: true, force: true });
  });

  const viewports = [
    { name: 'tablet 10 inch', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ];
  const pages = [
    { path: '/dossiers', heading: 'Dossiers' },
    { path: '/settings', heading: 'Réglages' },
    { path: '/missing', heading: 'Page introuvable' },
  ];

  for (const viewport of viewports) {
    for (const target of pages) {
      it(`axe finds nothing on ${target.path} (${viewport.name})`, async () => {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.goto(`${server.url}${target.path}`);
        await page.getByRole('heading', { level: 1, name: target.heading }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // Nothing overflows sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.close();
      });
    }
  }

  it('is usable with the keyboard: skip link, then navigation to the settings', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/dossiers`);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Réglages');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
    // The new page's title takes the focus, so screen readers announce it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.close();
  });
});
