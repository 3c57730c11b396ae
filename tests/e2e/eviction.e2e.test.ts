/**
 * Scenario 34 in Chromium, through the real build and boot: a signed-in device makes a dossier
 * offline (2 changes waiting), its dossier database alone is deleted, the app reloads and says
 * the data disappeared with the last sync time and the count; signing in again names the lost
 * device, so the server lists a device alert (DEV1); the notice goes away once acknowledged.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDossier, PASSWORD, signIn } from './app-helpers';
import { buildApp, launchBrowser, type RunningServer, startServer, tempDir } from './harness';

async function api(url: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

/** The device record the app keeps in its settings database (idb-keyval 'relais-settings'). */
function deviceRecord(
  page: Page,
): Promise<{ deviceId: string; pendingCount: number; lastSyncAt: number } | null> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('relais-settings');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('settings').objectStore('settings').get('device-record');
          request.onsuccess = () => {
            db.close();
            resolve(request.result ?? null);
          };
        };
      }),
  );
}

describe('Scenario 34 in Chromium: the dossier database is evicted', () => {
  let distDir: string;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    distDir = tempDir('dist');
    await buildApp(distDir, 'e2e-eviction');
    server = await startServer(distDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('scenario 34 [DEV1]: the app says the data disappeared, with the last sync and the changes waiting; the login alerts coordinators', async () => {
    await api(server.url, 'POST', '/api/setup', {
      username: 'admin',
      password: PASSWORD,
      displayName: 'Admin Relais',
    });
    const console = await api(server.url, 'POST', '/api/auth/login', {
      username: 'admin',
      password: PASSWORD,
      deviceId: 'admin-console',
    });
    const token = String(console.token);

    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await signIn(page, server.url);
    const status = page.getByTestId('sync-status');
    await status.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Dernière synchronisation');

    // Offline, a new dossier: two changes wait in the outbox; the device record follows.
    await browser.context.setOffline(true);
    await page.goto(`${server.url}/dossiers/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
    await createDossier(page, {
      firstName: 'Sophie',
      lastName: 'Durand',
      birthDate: '1979-01-20',
      departement: '62',
      housing: 'Hébergé gratuitement',
    });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('2 modifications à envoyer');
    await expect.poll(async () => (await deviceRecord(page))?.pendingCount, { timeout: 20_000 }).toBe(2);
    const record = await deviceRecord(page);
    expect(record?.lastSyncAt).toBeGreaterThan(0);

    // Eviction of the dossier database only ('relais'); 'relais-settings' stays.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase('relais');
          request.onsuccess = () => resolve();
          // The app's connection closes on versionchange; if not, the reload below ends it.
          request.onblocked = () => resolve();
        }),
    );
    await page.goto(`${server.url}/dossiers`);

    const notice = page.getByTestId('lost-device-notice');
    await notice.waitFor({ timeout: 20_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Les données de cet appareil ont disparu');
    expect(text).toContain('Dernière synchronisation réussie');
    expect(text).toContain('2 modifications n’avaient pas encore été envoyées');
    expect(await page.getByText('Sophie Durand').count()).toBe(0);

    // Online again, the person signs in: the server lists an alert naming the lost device.
    await browser.context.setOffline(false);
    await signIn(page, server.url);
    const listed = await api(server.url, 'GET', '/api/device-alerts', undefined, token);
    const alerts = listed.alerts as { previousDeviceId: string; reason: string; newDeviceId: string }[];
    expect(alerts.map((a) => [a.previousDeviceId, a.reason])).toEqual([
      [record?.deviceId, 'reported-by-device'],
    ]);
    expect(alerts[0]?.newDeviceId).not.toBe(record?.deviceId);

    // Acknowledged: gone, and still gone after a reload.
    await page.getByRole('button', { name: 'J’ai compris' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('sync-status').waitFor();
    expect(await page.getByTestId('lost-device-notice').count()).toBe(0);
  });
});
