import { describe, expect, it } from 'vitest';
import { api, axeViolations, PASSWORD, signIn } from '../app-helpers';
import { useE2eApp } from '../harness';

const OUT = new URL('.', import.meta.url).pathname;

describe('header and network page, in Chromium (temporary check)', () => {
  const app = useE2eApp('e2e-header-check');

  it('fits', async () => {
    const { page } = app;
    const url = app.server.url;
    await api(url, '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin Relais' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, url);
    await page.goto(`${url}/network`);
    await page.getByRole('heading', { level: 1, name: 'Réseau' }).waitFor();
    // Two more entries, as the Plans and Ateliers pages will add.
    const measure = () =>
      page.evaluate(() => {
        const header = document.querySelector('header') as HTMLElement;
        const kids = [...header.children].map((k) => k.getBoundingClientRect());
        return {
          height: header.getBoundingClientRect().height,
          right: Math.max(...kids.map((r) => r.right)),
          tops: kids.map((r) => Math.round(r.top)),
          scroll: document.documentElement.scrollWidth,
        };
      });
    console.log('1280 admin', JSON.stringify(await measure()));
    await page.evaluate(() => {
      const ul = document.querySelector('nav.main-nav > ul') as HTMLElement;
      for (const name of ['Plans', 'Ateliers']) {
        const li = document.createElement('li');
        li.innerHTML = `<a href="/x">${name}</a>`;
        ul.insertBefore(li, ul.children[1] ?? null);
      }
    });
    console.log('1280 admin +2', JSON.stringify(await measure()));
    await page.screenshot({ path: `${OUT}header-1280.png`, clip: { x: 0, y: 0, width: 1280, height: 200 } });
    await page.getByRole('button', { name: 'Coordination' }).click();
    await page.screenshot({ path: `${OUT}header-1280-open.png`, clip: { x: 0, y: 0, width: 1280, height: 300 } });
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`${url}/network`);
    await page.getByRole('heading', { level: 1, name: 'Réseau' }).waitFor();
    console.log('1100', JSON.stringify(await measure()));
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Réseau' }).waitFor();
    await page.screenshot({ path: `${OUT}header-1100-menu.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/network`);
    await page.getByRole('heading', { level: 1, name: 'Réseau' }).waitFor();
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    await page.getByTestId('network-report').waitFor();
    console.log('390', JSON.stringify(await measure()));
    await page.screenshot({ path: `${OUT}network-390.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('radio', { name: 'D’autres dates' }).click();
    await page.getByLabel('Du', { exact: true }).fill('2026-01-01');
    await page.getByLabel('Au (inclus)').fill('2025-01-01');
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    await page.screenshot({ path: `${OUT}network-1280-error.png`, fullPage: true });
    await page.getByLabel('Au (inclus)').fill('2026-06-30');
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    await page.getByRole('heading', { name: /Rapport du 1er janvier 2026/ }).waitFor();
    await page.screenshot({ path: `${OUT}network-1280.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${OUT}network-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('tab', { name: 'Plans à suivre' }).click();
    await page.getByTestId('worklist-panel').waitFor();
    await page.screenshot({ path: `${OUT}plans-1280.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });
});
