/**
 * A user's devices on the Administration screen (WIPE3, WIPE5, docs/remote-wipe.md): last contact
 * and state, "Déclarer perdu" after a confirmation that says unsent changes are lost, "Retirer
 * l'accès" after one that says it sends first, "Annuler la demande", in French and English, and
 * axe-clean. The server's side of these routes is tested in tests/server/security/remote-wipe.
 * Here an in-memory admin API answers as the server does.
 */
import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminDevice } from '../../../src/domain/security/device-wipe';
import type { Role, User } from '../../../src/domain/sync/protocol';
import { locale } from '../../../src/i18n/i18n';
import { createAdminModel } from '../../../src/state/admin-model';
import type { FetchLike } from '../../../src/sync/sync-http';
import '../../../src/ui/pages/admin/admin-page';
import { UserDevices } from '../../../src/ui/pages/admin/user-devices';
import { axeViolations } from '../axe-violations';

const LAST_SEEN = Date.UTC(2026, 11, 1, 9, 30);
const USER: User = {
  id: 'u-lea',
  username: 'lea',
  displayName: 'Léa Martin',
  role: 'counsellor',
  welcomePointIds: ['wp-a'],
  disabled: false,
} as User;

/** The three admin device routes over an in-memory list; records every order it received. */
function fakeServer(devices: AdminDevice[]) {
  const requests: string[] = [];
  const fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input, 'http://relais.test');
    const method = init.method ?? 'GET';
    requests.push(`${method} ${url.pathname}${typeof init.body === 'string' ? ` ${init.body}` : ''}`);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'GET' && url.pathname === `/api/admin/users/${USER.id}/devices`) return json(200, devices);
    const match = /^\/api\/admin\/devices\/([^/]+)\/wipe$/.exec(url.pathname);
    const device = devices.find((d) => d.deviceId === decodeURIComponent(match?.[1] ?? ''));
    if (device === undefined) return json(404, { error: 'not_found', message: 'No device' });
    if (method === 'POST') {
      const { mode } = JSON.parse(String(init.body)) as { mode: 'lost' | 'withdrawn' };
      device.wipe = { mode, orderedBy: 'u-admin', orderedAt: LAST_SEEN, confirmedAt: null };
    } else {
      device.wipe = null;
    }
    return json(200, device);
  };
  return { fetch, requests };
}

function renderDevices(devices: AdminDevice[], online = true) {
  const server = fakeServer(devices);
  const admin = createAdminModel(
    {
      fetch: server.fetch,
      session: () => ({
        token: 'token-token-token-token-token',
        expiresAt: LAST_SEEN + 1e9,
        user: { ...USER, id: 'u-admin', role: 'admin' },
        deviceId: 'console',
        loggedInAt: LAST_SEEN,
      }),
    },
    signal(online),
    signal<Role | null>('admin'),
  );
  const done: string[] = [];
  render(<UserDevices admin={admin} user={USER} idPrefix="dev" onDone={(text) => done.push(text)} />);
  return { server, done };
}

const tablet = (): AdminDevice => ({
  deviceId: 'dev-tablet-12345678',
  name: 'Tablette accueil',
  createdAt: LAST_SEEN - 86_400_000,
  lastSeenAt: LAST_SEEN,
  hasKey: true,
  wipe: null,
});

afterEach(() => {
  cleanup();
  locale.value = 'fr';
});

describe('a user’s devices on the Administration screen', () => {
  it('[WIPE3] lists each device with its last contact and state; "Déclarer perdu" asks first and says unsent changes are lost', async () => {
    const { server, done } = renderDevices([
      tablet(),
      {
        ...tablet(),
        deviceId: 'dev-phone-87654321',
        name: null,
        wipe: {
          mode: 'withdrawn',
          orderedBy: 'u-admin',
          orderedAt: LAST_SEEN,
          confirmedAt: LAST_SEEN + 60_000,
        },
      },
    ]);
    const rows = await screen.findAllByTestId('admin-device');
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(first.textContent).toContain('Tablette accueil');
    expect(first.textContent).toContain('Dernier contact');
    expect(first.textContent).toContain('En service');
    expect(second.textContent).toContain('Appareil sans nom (87654321)');
    expect(second.textContent).toContain('Accès retiré, effacé le');
    // An erased device offers nothing more.
    expect(within(second).queryAllByRole('button')).toEqual([]);

    fireEvent.click(within(first).getByRole('button', { name: 'Déclarer perdu' }));
    const question = await within(first).findByText(/sans rien envoyer/);
    expect(question.textContent).toContain('les modifications qu’il n’a pas encore envoyées seront perdues');
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(server.requests.filter((r) => r.startsWith('POST'))).toEqual([]);
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(within(first).getByRole('button', { name: 'Oui, déclarer perdu' }));
    await within(first).findByText(/Déclaré perdu : s’effacera/);
    expect(server.requests.filter((r) => r.startsWith('POST'))).toEqual([
      'POST /api/admin/devices/dev-tablet-12345678/wipe {"mode":"lost"}',
    ]);
    expect(done).toEqual(['Demande enregistrée pour « Tablette accueil ».']);
    await waitFor(() => expect(document.activeElement?.id).toBe('dev-dev-tablet-12345678-name'));
  });

  it('[WIPE3][WIPE5] "Retirer l’accès" says it sends first; a waiting order can be cancelled', async () => {
    const { server } = renderDevices([tablet()]);
    const row = await screen.findByTestId('admin-device');
    fireEvent.click(within(row).getByRole('button', { name: 'Retirer l’accès' }));
    expect((await within(row).findByText(/enverra d’abord ce qu’il contient/)).textContent).toContain(
      'Tablette accueil',
    );
    fireEvent.click(within(row).getByRole('button', { name: 'Oui, retirer l’accès' }));
    await within(row).findByText(/Accès retiré : enverra/);
    // Waiting: it may still be declared lost, or the request cancelled.
    expect(within(row).getByRole('button', { name: 'Déclarer perdu' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Retirer l’accès' })).toBeNull();
    fireEvent.click(within(row).getByRole('button', { name: 'Annuler la demande' }));
    await within(row).findByText('En service');
    expect(server.requests.filter((r) => r.startsWith('DELETE'))).toEqual([
      'DELETE /api/admin/devices/dev-tablet-12345678/wipe',
    ]);
    expect(await axeViolations()).toEqual([]);
  });

  it('[WIPE3] offline, the order is not sent and the screen says why; in English too', async () => {
    locale.value = 'en';
    const { server } = renderDevices([tablet()], false);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(server.requests).toEqual([]);
    cleanup();
    renderDevices([tablet()]);
    const row = await screen.findByTestId('admin-device');
    expect(row.textContent).toContain('In use');
    expect(within(row).getByRole('button', { name: 'Declare lost' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Withdraw access' })).toBeTruthy();
  });
});
