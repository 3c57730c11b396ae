/** Page-level helpers shared by the browser tests. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatHlc } from '../../src/domain/sync/hlc';
import { waitForServiceWorkerControl } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  help: string;
  nodes: string[];
}

/** axe-core's violations on the page as it is now (axe is injected once per page). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<AxeViolationRaw> }> } })
      .axe;
    interface AxeViolationRaw {
      id: string;
      help: string;
      nodes: Array<{ target: string[]; failureSummary?: string }>;
    }
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
}

/** The password of the accounts the browser tests create. */
export const PASSWORD = 'correct horse battery';

/** POSTs JSON to the server (with a bearer token when given); throws on a non-2xx answer. */
export async function api(url: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** A row to create on the server, as a tablet's push would (entityId: a new id if absent). */
export interface CreatedRow {
  entity: string;
  entityId?: string;
  patch: Record<string, unknown>;
}

/**
 * Pushes the rows of one household as 'create' mutations, seq 1..n, from a device that has
 * logged in (POST /api/sync/push, as the app's client does): how e2e tests put a dossier on the
 * server without a second browser. Returns the push response.
 */
export async function pushCreates(
  url: string,
  device: { token: string; deviceId: string; userId: string },
  householdId: string,
  rows: readonly CreatedRow[],
): Promise<{ ackSeq: number; results: { status: string; reason?: string }[] }> {
  const now = Date.now();
  const mutations = rows.map((row, index) => ({
    seq: index + 1,
    mutationId: randomUUID(),
    deviceId: device.deviceId,
    userId: device.userId,
    op: 'create',
    entity: row.entity,
    entityId: row.entity === 'household' ? householdId : (row.entityId ?? randomUUID()),
    householdId,
    patch: row.patch,
    base: { version: 0, fieldVersions: {} },
    hlc: formatHlc({ ms: now, counter: index + 1, node: device.deviceId }),
    schemaVersion: 1,
    appVersion: '1.0.0',
  }));
  const body = {
    protocolVersion: 1,
    schemaVersion: 2,
    appVersion: '1.0.0',
    deviceId: device.deviceId,
    mutations,
  };
  return (await api(url, '/api/sync/push', body, device.token)) as {
    ackSeq: number;
    results: { status: string; reason?: string }[];
  };
}

/**
 * Signs in on the login page as the first admin (`admin`, shown as "Admin Relais": the account
 * a test creates with POST /api/setup), then waits for the service worker (for offline use).
 */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Identifiant').fill('admin');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('sync-status').getByText('Connecté : Admin Relais').waitFor();
  // The app must open offline later: wait until the service worker controls the page.
  await waitForServiceWorkerControl(page);
}

/** "Sync now" in the header, then waits until that run has succeeded and nothing is left to send. */
export async function syncNow(page: Page): Promise<void> {
  const status = page.getByTestId('sync-status');
  const before = Number((await status.getAttribute('data-last-success')) ?? 0);
  await status.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  // Wait for THIS run to succeed, not for the status an earlier run left on screen.
  await expect
    .poll(async () => Number((await status.getAttribute('data-last-success')) ?? 0), { timeout: 30_000 })
    .toBeGreaterThan(before);
  await expect.poll(async () => status.textContent(), { timeout: 20_000 }).toContain('Tout est envoyé');
  await expect
    .poll(async () => status.textContent(), { timeout: 20_000 })
    .toContain('Dernière synchronisation');
  await expect.poll(async () => status.textContent(), { timeout: 20_000 }).not.toContain('en cours');
}
