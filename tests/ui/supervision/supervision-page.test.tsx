// @vitest-environment node
/**
 * The Supervision screen as a coordinator sees it: the header link by role, the refusal for the
 * others, both lists in plain words, "mark as handled" (pending, failure next to the button,
 * focus kept), offline, and axe. The lists come from the real server app (tests/sync/helpers.ts
 * TestServer, reached through app.inject), where a counsellor's tablet had a change quarantined
 * and a device reported lost; the server runs in this file: node environment, browser globals
 * from tests/support/dom-with-server.ts.
 */
import '../../support/dom-with-server';
import { fireEvent, render, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/sync/protocol';
import { locale } from '../../../src/i18n/i18n';
import { createAppState } from '../../../src/state/app-state';
import { createSupervisionApi } from '../../../src/sync/supervision-api';
import type { FetchLike } from '../../../src/sync/sync-http';
import { createSyncService } from '../../../src/sync/sync-service';
import { App } from '../../../src/ui/app';
import {
  type Device,
  makeDevice,
  PASSWORD,
  pushRefusedRent,
  sqliteEngine,
  TestClock,
  TestServer,
} from '../../sync/helpers';
import { idleSchedulerEnv } from '../../sync/idle-scheduler-env';
import { makeTestState } from '../make-test-state';

/** testing-library's `screen`, bound to the document dom-with-server.ts made. */
const screen = within(document.body);

const servers: TestServer[] = [];
const opened: { close(): void }[] = [];
afterEach(async () => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
  for (const db of opened.splice(0)) db.close();
  for (const server of servers.splice(0)) await server.close();
});

const RECEIVED = Date.UTC(2026, 10, 26, 14, 30);
const HANDLED = Date.UTC(2026, 10, 27, 9, 15);

/** Who signs in for each role: Camille Roux is the coordinator. */
const USERNAME: Record<Role, string> = {
  admin: 'admin',
  coordinator: 'camille',
  counsellor: 'sam',
  volunteer: 'vol',
};

/** The server's ids of what the screen lists. */
interface Listed {
  /** Sam's quarantined rent, and the dossier it belongs to. */
  quarantineId: string;
  householdId: string;
  /** Léa's new device reporting her lost phone. */
  alertId: string;
}

/**
 * The real server at RECEIVED: Sam Martin's "Tablette accueil" pushed a rent of -5 € (quarantined,
 * schema-invalid); Léa Bernard signed in on a new device without a name, naming her lost
 * "Téléphone de Léa" (alert reported-by-device).
 */
async function supervisedServer(): Promise<SupervisedServer> {
  const real = await TestServer.start(sqliteEngine, new TestClock(RECEIVED, 1));
  servers.push(real);
  const adminToken = await real.makeWorld([
    { username: 'camille', displayName: 'Camille Roux', role: 'coordinator' },
    { username: 'sam', displayName: 'Sam Martin', role: 'counsellor' },
    { username: 'lea', displayName: 'Léa Bernard', role: 'counsellor' },
    { username: 'vol', role: 'volunteer' },
  ]);
  const tablet = await makeDevice(real, 'tablet', { username: 'sam', deviceName: 'Tablette accueil' });
  opened.push(tablet.db);
  const { householdId } = await pushRefusedRent(tablet);
  await leaReportsHerPhone(real, 'device-new-99999999');
  const [item] = await listOf(real, adminToken, 'quarantine', 'items');
  const [alert] = await listOf(real, adminToken, 'device-alerts', 'alerts');
  const listed = { quarantineId: item?.id ?? '', householdId, alertId: alert?.id ?? '' };
  return { real, adminToken, samsTablet: tablet, listed };
}

interface SupervisedServer {
  real: TestServer;
  adminToken: string;
  samsTablet: Device;
  listed: Listed;
}

/** Léa signs in on `newDeviceId` (no name), saying she lost her phone (DEV1). */
async function leaReportsHerPhone(real: TestServer, newDeviceId: string): Promise<void> {
  const login = (payload: Record<string, string>) =>
    real.inject('POST', '/api/auth/login', { username: 'lea', password: PASSWORD, ...payload });
  await login({ deviceId: 'device-old-12345678', deviceName: 'Téléphone de Léa' });
  await login({ deviceId: newDeviceId, previousDeviceId: 'device-old-12345678' });
}

async function listOf(real: TestServer, token: string, path: string, key: 'items' | 'alerts') {
  const response = await real.inject('GET', `/api/${path}?status=all`, undefined, token);
  return (response.body as Record<string, { id: string }[]>)[key] ?? [];
}

/**
 * The link between the device and the server: it notes the status each list asked for and the
 * ids marked handled, and `hold` keeps the "mark handled" requests waiting.
 */
class SupervisionLink {
  readonly requests: string[] = [];
  /** The `status` of each quarantine list request. */
  readonly asked: string[] = [];
  /** The ids the server marked handled. */
  readonly handled: string[] = [];
  hold: Promise<void> | null = null;
  constructor(private readonly real: TestServer) {}

  fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input, 'http://127.0.0.1');
    this.requests.push(url.pathname);
    if (url.pathname === '/api/quarantine') this.asked.push(url.searchParams.get('status') ?? '');
    const handled = /^\/api\/(?:quarantine|device-alerts)\/([^/]+)\/handled$/.exec(url.pathname);
    if (handled) await this.hold;
    const response = await this.real.fetch(input, init);
    if (handled && response.ok) this.handled.push(decodeURIComponent(handled[1] ?? ''));
    return response;
  };
}

/**
 * The app state on a device wired as in boot.tsx (sync service and Supervision API over one
 * link), `role`'s account signed in (nobody for null).
 */
async function signedIn(role: Role | null, server?: SupervisedServer) {
  const { real, listed } = server ?? (await supervisedServer());
  const base = makeTestState();
  const link = new SupervisionLink(real);
  const service = createSyncService({
    db: base.deps.workspace.repository.db,
    fetch: link.fetch,
    appVersion: '1.2.3',
    env: idleSchedulerEnv,
  });
  if (role !== null) await service.login(USERNAME[role], PASSWORD);
  const state = createAppState({
    ...base.deps,
    sync: service,
    supervision: createSupervisionApi(service.client),
  });
  await state.start();
  return { ...base, state, service, link, real, listed };
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Supervision screen', () => {
  it('is linked from the header for coordinators and admins only', async () => {
    const server = await supervisedServer();
    for (const role of ['volunteer', 'counsellor', null, 'coordinator', 'admin'] as const) {
      const { state } = await signedIn(role, server);
      const { unmount } = render(<App state={state} />);
      const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
      // The coordinators' entries sit behind "Coordination" in the wide header (app-header.tsx).
      const group = within(nav).queryByRole('button', { name: 'Coordination' });
      if (group !== null) fireEvent.click(group);
      const link = within(nav).queryByRole('link', { name: 'Supervision' });
      expect([role, link?.getAttribute('href') ?? null]).toEqual([
        role,
        role === 'coordinator' || role === 'admin' ? '/supervision' : null,
      ]);
      unmount();
    }
  });

  it('refuses others plainly, without asking the server', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, link } = await signedIn('counsellor');
    const { unmount } = render(<App state={state} />);
    expect((await screen.findByTestId('supervision-refused')).textContent).toContain(
      'réservée aux coordinateurs et aux administrateurs',
    );
    expect(screen.queryByRole('button', { name: 'Marquer comme traité' })).toBeNull();
    expect(link.requests.filter((path) => /^\/api\/(quarantine|device-alerts)/.test(path))).toEqual([]);
    unmount();
    render(<App state={(await signedIn(null)).state} />);
    expect((await screen.findByTestId('supervision-refused')).textContent).toContain('Connectez-vous');
    // The page's own link (the header has one too, now that a sync service is there).
    const refusal = screen.getByRole('region', { name: 'Page réservée' });
    expect(within(refusal).getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/login');
  });

  it('shows a quarantined change and a device alert in plain words, the payload behind a disclosure', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, listed } = await signedIn('coordinator');
    render(<App state={state} />);
    const quarantine = await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    const item = within(quarantine).getByTestId('quarantine-item');
    expect(within(item).getByRole('heading', { level: 3 }).textContent).toBe(
      'Une valeur saisie ne respecte pas les règles (par exemple un montant négatif).',
    );
    expect(item.textContent).toContain('Sam Martin (sam)');
    expect(item.textContent).toContain('Tablette accueil');
    expect(within(item).getByRole('link', { name: listed.householdId }).getAttribute('href')).toBe(
      `/dossiers/${listed.householdId}`,
    );
    expect(item.textContent).toContain('amountCents: Too small');
    const details = item.querySelector('details');
    expect(details?.open).toBe(false);
    expect(details?.querySelector('summary')?.textContent).toBe('Voir les données reçues (technique)');
    expect(details?.querySelector('pre')?.textContent).toContain('"amountCents": -5');

    const alerts = screen.getByRole('region', { name: 'Appareils à vérifier (1)' });
    const alert = within(alerts).getByTestId('device-alert');
    expect(alert.textContent).toContain('Léa Bernard (lea)');
    expect(alert.textContent).toContain('Téléphone de Léa');
    // No label: a short id, in words.
    expect(alert.textContent).toContain('Appareil sans nom (99999999)');
    expect(within(alert).getByRole('heading', { level: 3 }).textContent).toContain('a signalé avoir perdu');
    expect(await violations()).toEqual([]);
  });

  it('marks an item handled: the button waits, the item leaves, the focus goes to its section', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, link, listed } = await signedIn('admin');
    let release: () => void = () => undefined;
    link.hold = new Promise((resolve) => {
      release = resolve;
    });
    render(<App state={state} />);
    const quarantine = await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    const button = within(quarantine).getByRole('button', { name: 'Marquer comme traité' });
    expect(button.getAttribute('aria-describedby')).toBe(`quarantine-${listed.quarantineId}`);
    fireEvent.click(button);
    await waitFor(() =>
      expect(within(quarantine).getByRole('button', { name: 'Enregistrement…' })).toBeTruthy(),
    );
    expect(
      (within(quarantine).getByRole('button', { name: 'Enregistrement…' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    release();
    await waitFor(() => expect(within(quarantine).queryByTestId('quarantine-item')).toBeNull());
    expect(link.handled).toEqual([listed.quarantineId]);
    expect(within(quarantine).getByText('Aucune modification mise de côté.')).toBeTruthy();
    expect(document.activeElement?.id).toBe('supervision-quarantine');
    expect(screen.getByText('C’est noté : marqué comme traité.')).toBeTruthy();
    // The device alert, the same way.
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Appareils à vérifier (1)' })).getByRole('button', {
        name: 'Marquer comme traité',
      }),
    );
    await waitFor(() => expect(screen.getByText('Aucun appareil à vérifier.')).toBeTruthy());
    expect(link.handled).toEqual([listed.quarantineId, listed.alertId]);
  });

  it('says why marking failed, next to the button, and keeps the item', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, real, service } = await signedIn('coordinator');
    render(<App state={state} />);
    const quarantine = await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    // The session ends on the server (signed out elsewhere): the next request is refused, 401.
    await real.inject('POST', '/api/auth/logout', undefined, service.session()?.token);
    fireEvent.click(within(quarantine).getByRole('button', { name: 'Marquer comme traité' }));
    const alert = await within(quarantine).findByRole('alert');
    expect(alert.textContent).toBe('Votre session a expiré : reconnectez-vous.');
    expect(within(quarantine).getByTestId('quarantine-item')).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it('offline: a plain message and no request; the lists load when the connection returns', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, setOnline } = await signedIn('coordinator');
    act(() => setOnline(false));
    render(<App state={state} />);
    expect((await screen.findByTestId('supervision-error')).textContent).toContain(
      'Cette page a besoin d’une connexion internet',
    );
    expect(screen.queryByRole('region', { name: /Modifications mises de côté/ })).toBeNull();
    expect((screen.getByRole('button', { name: 'Actualiser' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => setOnline(true));
    expect(await screen.findByRole('region', { name: 'Modifications mises de côté (1)' })).toBeTruthy();
    expect(screen.queryByTestId('supervision-error')).toBeNull();
  });

  it('[QUAR3] a filter shows the handled items, with when and by whom by name, without the button', async () => {
    window.history.replaceState(null, '', '/supervision');
    const server = await supervisedServer();
    const { real, listed } = server;
    // A second change refused from Sam's tablet, marked handled by Camille at HANDLED.
    await pushRefusedRent(server.samsTablet);
    real.clock.ms = HANDLED;
    const camille = await real.inject('POST', '/api/auth/login', {
      username: 'camille',
      password: PASSWORD,
      deviceId: 'camille-console',
    });
    const items = await listOf(real, server.adminToken, 'quarantine', 'items');
    const second = items.find((i) => i.id !== listed.quarantineId)?.id ?? '';
    const handledByCamille = await real.inject(
      'POST',
      `/api/quarantine/${second}/handled`,
      undefined,
      (camille.body as { token: string }).token,
    );
    expect(handledByCamille.status).toBe(200);
    // A second device alert, handled by an account that no longer exists: no name for it.
    await leaReportsHerPhone(real, 'device-new-88888888');
    const alerts = await listOf(real, server.adminToken, 'device-alerts', 'alerts');
    const gone = alerts.find((a) => a.id !== listed.alertId)?.id ?? '';
    await real.store.transaction((tx) =>
      tx.markDeviceAlertHandled(gone, { userId: 'user-gone-4f2a', at: HANDLED }),
    );
    const { state, link } = await signedIn('coordinator', server);
    render(<App state={state} />);
    const group = await screen.findByRole('group', { name: 'Afficher' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => [r.labels?.[0]?.textContent, r.checked])).toEqual([
      ['À traiter', true],
      ['Traités', false],
      ['Tous', false],
    ]);
    // By default, the open ones only.
    const quarantine = await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    expect(within(quarantine).queryByText('Traité par')).toBeNull();
    expect(link.asked).toEqual(['open']);

    fireEvent.click(within(group).getByRole('radio', { name: 'Traités' }));
    await waitFor(() => expect(link.asked).toEqual(['open', 'handled']));
    // The handled list has arrived when the refresh button is back.
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Actualiser' }) as HTMLButtonElement).disabled).toBe(false),
    );
    const item = within(
      await screen.findByRole('region', { name: 'Modifications mises de côté (1)' }),
    ).getByTestId('quarantine-item');
    await waitFor(() =>
      expect(within(item).getByTestId('handled-by').textContent).toBe('Camille Roux (camille)'),
    );
    expect(item.textContent).toContain('Traité le');
    expect(item.textContent).toContain('27 nov. 2026');
    expect(item.textContent).not.toContain('user-camille');
    expect(within(item).queryByRole('button', { name: 'Marquer comme traité' })).toBeNull();
    const alert = within(screen.getByRole('region', { name: 'Appareils à vérifier (1)' })).getByTestId(
      'device-alert',
    );
    expect(within(alert).getByTestId('handled-by').textContent).toBe('Compte supprimé');
    expect(alert.textContent).not.toContain('user-gone');
    expect(within(group).getByRole('radio', { name: 'Traités' })).toHaveProperty('checked', true);
    expect(await violations()).toEqual([]);

    // All of them: the open ones with their button, the handled ones with their handler.
    fireEvent.click(within(group).getByRole('radio', { name: 'Tous' }));
    const both = await screen.findByRole('region', { name: 'Modifications mises de côté (2)' });
    expect(within(both).getAllByRole('button', { name: 'Marquer comme traité' })).toHaveLength(1);
    expect(
      within(both)
        .getAllByTestId('handled-by')
        .map((e) => e.textContent),
    ).toEqual(['Camille Roux (camille)']);
    expect(await violations()).toEqual([]);
  });

  it('[QUAR3] among all items, one marked handled stays in place, handled by name, and keeps the focus', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, link, listed } = await signedIn('coordinator');
    render(<App state={state} />);
    await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    fireEvent.click(screen.getByRole('radio', { name: 'Tous' }));
    await waitFor(() => expect(link.asked).toEqual(['open', 'all']));
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Actualiser' }) as HTMLButtonElement).disabled).toBe(false),
    );
    const quarantine = screen.getByRole('region', { name: 'Modifications mises de côté (1)' });
    fireEvent.click(within(quarantine).getByRole('button', { name: 'Marquer comme traité' }));
    await waitFor(() =>
      expect(within(quarantine).getByTestId('handled-by').textContent).toBe('Camille Roux (camille)'),
    );
    expect(within(quarantine).getAllByTestId('quarantine-item')).toHaveLength(1);
    expect(within(quarantine).queryByRole('button', { name: 'Marquer comme traité' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.id).toBe(`quarantine-${listed.quarantineId}`));
    expect(screen.getByText('C’est noté : marqué comme traité.')).toBeTruthy();
  });

  it('[QUAR3] says so when nothing has been handled yet; the filter waits for the connection', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, setOnline } = await signedIn('coordinator');
    render(<App state={state} />);
    await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    fireEvent.click(screen.getByRole('radio', { name: 'Traités' }));
    expect(await screen.findByText('Aucune modification mise de côté n’a encore été traitée.')).toBeTruthy();
    expect(screen.getByText('Aucun appareil n’a encore été vérifié.')).toBeTruthy();
    act(() => setOnline(false));
    const group = screen.getByRole('group', { name: 'Afficher' }) as HTMLFieldSetElement;
    expect(group.disabled).toBe(true);
  });

  it('in English too', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state } = await signedIn('coordinator');
    await state.setLocale('en');
    render(<App state={state} />);
    expect(await screen.findByRole('region', { name: 'Changes set aside (1)' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Devices to check (1)' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Mark as handled' })).toHaveLength(2);
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    expect(within(screen.getByRole('group', { name: 'Show' })).getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByRole('radio', { name: 'To handle' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Handled' })).toBeTruthy();
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Refresh' }) as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getAllByRole('button', { name: 'Mark as handled' })[0] as HTMLElement);
    await waitFor(() => expect(screen.getByTestId('handled-by').textContent).toBe('Camille Roux (camille)'));
    expect(screen.getByText('Handled by')).toBeTruthy();
    expect(screen.getByText('Handled on')).toBeTruthy();
  });
});
