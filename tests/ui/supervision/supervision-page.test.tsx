/**
 * The Supervision screen as a coordinator sees it: the header link by role, the refusal for the
 * others, both lists in plain words, "mark as handled" (pending, failure next to the button,
 * focus kept), offline, and axe. The server is an in-memory SupervisionApi here; the client
 * against the real server is tested in tests/sync/supervision-api.test.ts.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceAlert, QuarantineItem, Role, SupervisionStatus } from '../../../src/domain/sync/protocol';
import { locale } from '../../../src/i18n/i18n';
import type { ListOptions, SupervisionApi } from '../../../src/sync/supervision-api';
import { SyncError } from '../../../src/sync/sync-errors';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const RECEIVED = Date.UTC(2026, 10, 26, 14, 30);

function quarantineItem(overrides: Partial<QuarantineItem> = {}): QuarantineItem {
  return {
    id: 'q-1',
    deviceId: 'device-0001-abcdef12',
    seq: 7,
    mutationId: 'm-1',
    userId: 'user-sam',
    householdId: '01934d2e-0000-7000-8000-00000000aaaa',
    entity: 'charge',
    reason: 'schema-invalid',
    detail: 'amountCents: Too small: expected number to be >=0',
    payload: { op: 'create', entity: 'charge', patch: { label: 'Loyer', amountCents: -5 } },
    receivedAt: RECEIVED,
    username: 'sam',
    displayName: 'Sam Martin',
    deviceName: 'Tablette accueil',
    handledAt: null,
    handledBy: null,
    handledByUsername: null,
    handledByDisplayName: null,
    ...overrides,
  };
}

function deviceAlert(overrides: Partial<DeviceAlert> = {}): DeviceAlert {
  return {
    id: 'a-1',
    userId: 'user-lea',
    username: 'lea',
    displayName: 'Léa Bernard',
    newDeviceId: 'device-new-99999999',
    previousDeviceId: 'device-old-12345678',
    reason: 'reported-by-device',
    previousLastSeenAt: RECEIVED - 86_400_000,
    previousLastSeq: 12,
    createdAt: RECEIVED,
    handledAt: null,
    handledBy: null,
    handledByUsername: null,
    handledByDisplayName: null,
    newDeviceName: null,
    previousDeviceName: 'Téléphone de Léa',
    ...overrides,
  };
}

const HANDLED = Date.UTC(2026, 10, 27, 9, 15);

/** What the server records and names when the signed-in coordinator marks an item handled. */
const BY_CAMILLE = {
  handledAt: HANDLED,
  handledBy: 'user-camille',
  handledByUsername: 'camille',
  handledByDisplayName: 'Camille Roux',
};

const matches = (status: SupervisionStatus | undefined, handledAt: number | null): boolean =>
  status === 'all' || (status === 'handled') === (handledAt !== null);

/** An in-memory server side of the API, with a switch to refuse and a gate to hold requests. */
class FakeSupervision implements SupervisionApi {
  items = [quarantineItem()];
  alerts = [deviceAlert()];
  refuse: SyncError | null = null;
  handled: string[] = [];
  /** The `status` of each list request. */
  asked: (SupervisionStatus | undefined)[] = [];
  hold: Promise<void> | null = null;

  async listQuarantine(options?: ListOptions) {
    this.asked.push(options?.status);
    if (this.refuse) throw this.refuse;
    return this.items.filter((i) => matches(options?.status, i.handledAt)).map((i) => ({ ...i }));
  }
  async listDeviceAlerts(options?: ListOptions) {
    if (this.refuse) throw this.refuse;
    return this.alerts.filter((a) => matches(options?.status, a.handledAt)).map((a) => ({ ...a }));
  }
  async markQuarantineHandled(id: string) {
    await this.hold;
    if (this.refuse) throw this.refuse;
    const item = this.items.find((i) => i.id === id);
    if (!item) throw new SyncError('rejected', 'not found', 404);
    Object.assign(item, BY_CAMILLE);
    this.handled.push(id);
    return { ...item };
  }
  async markDeviceAlertHandled(id: string) {
    await this.hold;
    if (this.refuse) throw this.refuse;
    const alert = this.alerts.find((a) => a.id === id);
    if (!alert) throw new SyncError('rejected', 'not found', 404);
    Object.assign(alert, BY_CAMILLE);
    this.handled.push(id);
    return { ...alert };
  }
}

function signedIn(role: Role | null, api = new FakeSupervision()) {
  const test = makeTestState({ supervision: api });
  if (role !== null) {
    test.state.sync.session.value = {
      user: {
        id: `user-${role}`,
        username: role,
        displayName: role,
        role,
        welcomePointIds: [],
        disabled: false,
      },
      deviceId: 'this-device',
      expiresAt: RECEIVED + 86_400_000,
      welcomePoints: [],
    };
  }
  return { ...test, api };
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Supervision screen', () => {
  it('is linked from the header for coordinators and admins only', async () => {
    for (const role of ['volunteer', 'counsellor', null, 'coordinator', 'admin'] as const) {
      const { state } = signedIn(role);
      const { unmount } = render(<App state={state} />);
      const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
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
    const { state, api } = signedIn('counsellor');
    let asked = false;
    api.listQuarantine = async () => {
      asked = true;
      return [];
    };
    const { unmount } = render(<App state={state} />);
    expect((await screen.findByTestId('supervision-refused')).textContent).toContain(
      'réservée aux coordinateurs et aux administrateurs',
    );
    expect(screen.queryByRole('button', { name: 'Marquer comme traité' })).toBeNull();
    expect(asked).toBe(false);
    unmount();
    render(<App state={signedIn(null).state} />);
    expect((await screen.findByTestId('supervision-refused')).textContent).toContain('Connectez-vous');
    expect(screen.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/login');
  });

  it('shows a quarantined change and a device alert in plain words, the payload behind a disclosure', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state } = signedIn('coordinator');
    render(<App state={state} />);
    const quarantine = await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    const item = within(quarantine).getByTestId('quarantine-item');
    expect(within(item).getByRole('heading', { level: 3 }).textContent).toBe(
      'Une valeur saisie ne respecte pas les règles (par exemple un montant négatif).',
    );
    expect(item.textContent).toContain('Sam Martin (sam)');
    expect(item.textContent).toContain('Tablette accueil');
    expect(
      within(item).getByRole('link', { name: '01934d2e-0000-7000-8000-00000000aaaa' }).getAttribute('href'),
    ).toBe('/dossiers/01934d2e-0000-7000-8000-00000000aaaa');
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
    const { state, api } = signedIn('admin');
    let release: () => void = () => undefined;
    api.hold = new Promise((resolve) => {
      release = resolve;
    });
    render(<App state={state} />);
    const quarantine = await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    const button = within(quarantine).getByRole('button', { name: 'Marquer comme traité' });
    expect(button.getAttribute('aria-describedby')).toBe('quarantine-q-1');
    fireEvent.click(button);
    await waitFor(() =>
      expect(within(quarantine).getByRole('button', { name: 'Enregistrement…' })).toBeTruthy(),
    );
    expect(
      (within(quarantine).getByRole('button', { name: 'Enregistrement…' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    release();
    await waitFor(() => expect(within(quarantine).queryByTestId('quarantine-item')).toBeNull());
    expect(api.handled).toEqual(['q-1']);
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
    expect(api.handled).toEqual(['q-1', 'a-1']);
  });

  it('says why marking failed, next to the button, and keeps the item', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, api } = signedIn('coordinator');
    render(<App state={state} />);
    const quarantine = await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    api.refuse = new SyncError('unauthorized', 'expired', 401);
    fireEvent.click(within(quarantine).getByRole('button', { name: 'Marquer comme traité' }));
    const alert = await within(quarantine).findByRole('alert');
    expect(alert.textContent).toBe('Votre session a expiré : reconnectez-vous.');
    expect(within(quarantine).getByTestId('quarantine-item')).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it('offline: a plain message and no request; the lists load when the connection returns', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, setOnline } = signedIn('coordinator');
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
    const { state, api } = signedIn('coordinator');
    api.items.push(quarantineItem({ id: 'q-2', mutationId: 'm-2', ...BY_CAMILLE }));
    // Handled by an account that no longer exists: the server has no name for it.
    api.alerts.push(
      deviceAlert({
        id: 'a-2',
        handledAt: HANDLED,
        handledBy: 'user-gone-4f2a',
        handledByUsername: null,
        handledByDisplayName: null,
      }),
    );
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
    expect(api.asked).toEqual(['open']);

    fireEvent.click(within(group).getByRole('radio', { name: 'Traités' }));
    await waitFor(() => expect(api.asked).toEqual(['open', 'handled']));
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
    const { state, api } = signedIn('coordinator');
    render(<App state={state} />);
    await screen.findByRole('region', { name: 'Modifications mises de côté (1)' });
    fireEvent.click(screen.getByRole('radio', { name: 'Tous' }));
    await waitFor(() => expect(api.asked).toEqual(['open', 'all']));
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
    await waitFor(() => expect(document.activeElement?.id).toBe('quarantine-q-1'));
    expect(screen.getByText('C’est noté : marqué comme traité.')).toBeTruthy();
  });

  it('[QUAR3] says so when nothing has been handled yet; the filter waits for the connection', async () => {
    window.history.replaceState(null, '', '/supervision');
    const { state, setOnline } = signedIn('coordinator');
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
    const { state } = signedIn('coordinator');
    await state.setLocale('en');
    render(<App state={state} />);
    expect(await screen.findByRole('region', { name: 'Changes set aside (1)' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Devices to check (1)' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Mark as handled' })).toHaveLength(2);
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    expect(within(screen.getByRole('group', { name: 'Show' })).getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByRole('radio', { name: 'To handle' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Handled' })).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Mark as handled' })[0] as HTMLElement);
    await waitFor(() => expect(screen.getByTestId('handled-by').textContent).toBe('Camille Roux (camille)'));
    expect(screen.getByText('Handled by')).toBeTruthy();
    expect(screen.getByText('Handled on')).toBeTruthy();
  });
});
