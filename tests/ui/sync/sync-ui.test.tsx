// @vitest-environment node
/**
 * The sync screens as a person sees them: the header status, the failure banner with the age of
 * the oldest unsynced change, the login page and its errors, the first-start form, and the
 * conflict view (keeping a value writes an ordinary synced change). The real sync service runs
 * over the test state's device database, against the real server app (tests/sync/helpers.ts
 * TestServer) reached through app.inject; the link to it can be cut. The server runs in this
 * file: node environment, browser globals from tests/support/dom-with-server.ts.
 */
import '../../support/dom-with-server';
import { fireEvent, render, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DossierRepository } from '../../../src/db/repository';
import type { ServerConflictRecord } from '../../../src/db/sync-apply/conflicts';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import type { Conflict } from '../../../src/domain/sync/protocol';
import { locale } from '../../../src/i18n/i18n';
import { createAppState } from '../../../src/state/app-state';
import { readDeviceLabel } from '../../../src/state/device-settings-model';
import type { FetchLike } from '../../../src/sync/sync-http';
import { createSyncService } from '../../../src/sync/sync-service';
import { App } from '../../../src/ui/app';
import { PASSWORD, sqliteEngine, TestClock, TestServer, type WorldUser, WP_B } from '../../sync/helpers';
import { idleSchedulerEnv } from '../../sync/idle-scheduler-env';
import { makeTestState } from '../make-test-state';

/** testing-library's `screen`, bound to the document dom-with-server.ts made. */
const screen = within(document.body);

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const DAY = 24 * 3600 * 1000;
/** The counsellor signed in on this device, and a volunteer of another welcome point. */
const MARIE = { username: 'marie', displayName: 'Marie Curie', role: 'counsellor' } as const;
const JEAN: WorldUser = {
  username: 'jean',
  displayName: 'Jean Dupont',
  role: 'volunteer',
  welcomePointIds: [WP_B],
};

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/**
 * The real server (tests/sync/helpers.ts), on its own clock at the time the screens read, behind a
 * link the test can cut (`offline`: no request reaches it) and that notes every request.
 */
class ServerLink {
  offline = false;
  readonly requests: string[] = [];
  constructor(readonly real: TestServer) {}

  fetch: FetchLike = async (input, init = {}) => {
    this.requests.push(`${init.method ?? 'GET'} ${new URL(input, 'http://127.0.0.1').pathname}`);
    if (this.offline) throw new TypeError('Failed to fetch');
    return this.real.fetch(input, init);
  };

  /** The device `deviceId` as the server keeps it (its owner, its label). */
  device(deviceId: string) {
    return this.real.store.transaction((tx) => tx.getDevice(deviceId));
  }

  /** The id of the account `username`. */
  async userId(username: string): Promise<string | undefined> {
    return (await this.real.store.transaction((tx) => tx.getUserByUsername(username)))?.id;
  }
}

/**
 * A device of the test state wired as in boot.tsx, and the real server: set up with Marie and
 * Jean unless `fresh` (no account yet); Marie signed in on the device (its id `device-1`) unless
 * `signedIn` is false. One failed login blocks the next for 42 s (the wait the page says).
 */
async function setup(options: { signedIn?: boolean; fresh?: boolean } = {}) {
  const base = makeTestState();
  const real = await TestServer.start(sqliteEngine, new TestClock(Date.now(), 1), {
    loginLimit: { maxFailures: 1, windowMs: 42_000 },
  });
  servers.push(real);
  if (options.fresh !== true) await real.makeWorld([MARIE, JEAN], { pointB: true });
  const server = new ServerLink(real);
  const db = base.deps.workspace.repository.db;
  // Wired as in boot.tsx: the label is read from Settings at each login and run (AUTH9).
  const service = createSyncService({
    db,
    fetch: server.fetch,
    appVersion: '1.2.3',
    env: idleSchedulerEnv,
    deviceLabel: () => readDeviceLabel(base.settings),
  });
  if (options.signedIn !== false) {
    // The device's own id, which the login registers to Marie (AUTH7).
    await db.meta.put({ key: 'deviceId', value: 'device-1' });
    await service.login(MARIE.username, PASSWORD);
  }
  const state = createAppState({ ...base.deps, sync: service });
  await state.start();
  return { ...base, base, state, server, service, db };
}

const household = { territory: 'metropole', departement: '69', housingStatus: 'tenant' } as never;
const applicant = {
  role: 'applicant',
  firstName: 'Aïcha',
  lastName: 'Benali',
  birthDate: '1984-05-12',
} as FieldsOf<'member'>;

describe('sync status and banner', () => {
  it('shows the changes waiting, then "everything sent" with the last sync time after a sync', async () => {
    const { state, repository } = await setup();
    await repository.createHousehold(household, [applicant]);
    render(<App state={state} />);
    const status = await screen.findByTestId('sync-status');
    await waitFor(() => expect(status.textContent).toContain('2 modifications à envoyer'));
    expect(status.textContent).toContain('Jamais synchronisé');
    expect(status.textContent).toContain('Connecté : Marie Curie');
    fireEvent.click(within(status).getByRole('button', { name: 'Synchroniser maintenant' }));
    await waitFor(() => expect(status.textContent).toContain('Dernière synchronisation :'));
    // The run's end and the outbox count (a live query, notified after its own read) come apart.
    await waitFor(() => expect(status.textContent).toContain('Tout est envoyé'));
    expect(await repository.pendingChangeCount()).toBe(0);
    expect(screen.queryByTestId('sync-banner')).toBeNull();
  });

  it('[PULL11] shows how far a long pull is, as a bar and in words, and an indeterminate bar when unknown', async () => {
    const { state } = await setup();
    render(<App state={state} />);
    const status = await screen.findByTestId('sync-status');
    state.sync.pulledRows.value = 120;
    state.sync.pullProgress.value = 0.426;
    state.sync.pullActive.value = true;
    const bar = await within(status).findByRole('progressbar', { name: 'Réception des dossiers' });
    expect(bar.getAttribute('value')).toBe('0.426');
    expect(bar.getAttribute('max')).toBe('1');
    expect(status.textContent).toContain('Réception des dossiers : 120 éléments reçus, 42 % fait');
    state.sync.pullProgress.value = null;
    await waitFor(() => expect(status.querySelector('progress')?.hasAttribute('value')).toBe(false));
    expect(status.textContent).toContain('Réception des dossiers : 120 éléments reçus');
    expect(status.textContent).not.toContain('% fait');
  });

  it('shows a banner with the number and age of unsynced changes when sync fails, and keeps them', async () => {
    const { state, repository, server, db } = await setup();
    await repository.createHousehold(household, [applicant]);
    const created = Date.now() - 2 * DAY - 3600_000;
    await db.outbox.toCollection().modify((e) => {
      e.createdAt = created;
    });
    await db.households.toCollection().first();
    server.offline = true;
    render(<App state={state} />);
    const status = await screen.findByTestId('sync-status');
    fireEvent.click(within(status).getByRole('button', { name: 'Synchroniser maintenant' }));
    const banner = await screen.findByTestId('sync-banner');
    // The age comes from the outbox live query, which may not have re-read the backdated entries yet.
    await waitFor(() => expect(banner.textContent).toContain('2 modifications attendent depuis 2 jours.'));
    expect(banner.textContent).toContain('Le serveur ne répond pas');
    expect(await repository.pendingChangeCount()).toBe(2);
    // The server comes back: "try again" sends them and the banner goes away.
    server.offline = false;
    fireEvent.click(within(banner).getByRole('button', { name: 'Réessayer maintenant' }));
    await waitFor(() => expect(screen.queryByTestId('sync-banner')).toBeNull());
    expect(await repository.pendingChangeCount()).toBe(0);
  });

  it('says "Serveur injoignable" after a failed run while the network is there, and "En ligne" once a run reaches the server', async () => {
    const { state, server, repository } = await setup();
    await repository.createHousehold(household, [applicant]);
    render(<App state={state} />);
    const pill = await screen.findByTestId('connection-status');
    const status = screen.getByTestId('sync-status');
    // navigator.onLine stays true throughout: only the runs' outcomes move the pill.
    expect(state.isOnline.value).toBe(true);
    // The network fails, then the server answers 503 (its database is down).
    for (const failure of ['network', 503] as const) {
      if (failure === 'network') server.offline = true;
      else await server.real.databaseDown();
      fireEvent.click(within(status).getByRole('button', { name: 'Synchroniser maintenant' }));
      await waitFor(() => expect(pill.textContent).toContain('Serveur injoignable'));
      expect(pill.textContent).not.toContain('En ligne');
      expect(status.getAttribute('data-connection')).toBe('unreachable');
      // Its words, in the live region (announced while the details are closed), say what it means.
      expect(within(status).getByRole('status').textContent).toContain(
        'le serveur n’a pas répondu à la dernière tentative',
      );
      if (failure === 'network') server.offline = false;
      else await server.real.restart();
      fireEvent.click(within(status).getByRole('button', { name: 'Synchroniser maintenant' }));
      await waitFor(() => expect(pill.textContent).toContain('En ligne'));
    }
    // A refusal reached the server: the run failed, yet the server is not "unreachable". (A
    // dossier of a welcome point Marie does not have: the server refuses the push, 403.)
    await repository.createHousehold({ ...(household as object), welcomePointId: WP_B } as never, [
      applicant,
    ]);
    fireEvent.click(within(status).getByRole('button', { name: 'Synchroniser maintenant' }));
    await waitFor(() => expect(state.sync.lastError.value).toBe('forbidden'));
    expect(pill.textContent).toContain('En ligne');
  });

  it('shows the pill as an icon with its words on demand: a disclosure, closed by Escape', async () => {
    const { state } = await setup();
    render(<App state={state} />);
    const pill = await screen.findByTestId('connection-status');
    expect(pill.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(pill.getAttribute('aria-controls') ?? '')?.className).toBe('sync-details');
    fireEvent.click(pill);
    await waitFor(() => expect(pill.getAttribute('aria-expanded')).toBe('true'));
    expect(document.getElementById('sync-details')?.className).toBe('sync-details open');
    pill.focus();
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(pill.getAttribute('aria-expanded')).toBe('false'));
    expect(document.activeElement).toBe(pill);
  });

  it('offers "Premier démarrage" in the header on a server without accounts, "Se connecter" otherwise', async () => {
    const fresh = await setup({ signedIn: false, fresh: true });
    const first = createAppState({ ...fresh.base.deps, sync: fresh.service });
    await first.start();
    const { unmount } = render(<App state={first} />);
    const header = screen.getByRole('banner');
    const start = await within(header).findByRole('link', { name: 'Premier démarrage' });
    expect(start.getAttribute('href')).toBe('/login');
    unmount();
    first.sync.stop();

    const usual = await setup({ signedIn: false });
    const second = createAppState({ ...usual.base.deps, sync: usual.service });
    await second.start();
    render(<App state={second} />);
    const signIn = await within(screen.getByRole('banner')).findByRole('link', { name: 'Se connecter' });
    expect(signIn.getAttribute('href')).toBe('/login');
    expect(within(screen.getByRole('banner')).queryByRole('link', { name: 'Premier démarrage' })).toBeNull();
  });

  it('asks to sign in when changes wait and nobody is signed in', async () => {
    const { state, repository } = await setup({ signedIn: false });
    await repository.createHousehold(household, [applicant]);
    render(<App state={state} />);
    const banner = await screen.findByTestId('sync-banner');
    await waitFor(() =>
      expect(banner.textContent).toContain('2 modifications attendent depuis quelques instants.'),
    );
    expect(banner.textContent).toContain('Connectez-vous pour envoyer vos modifications au serveur.');
    expect(within(banner).getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/login');
  });
});

describe('quarantined changes', () => {
  it('[AUTH6b][RIGHT13] says a change to a dossier moved to another welcome point went to a coordinator, and one to an erased dossier was dropped', async () => {
    const { state } = await setup();
    render(<App state={state} />);
    const echo = {
      seq: 1,
      mutationId: 'm1',
      entity: 'charge',
      entityId: 'c1',
      householdId: 'h1',
      at: Date.now(),
    };
    state.sync.quarantined.value = [
      { ...echo, reason: 'left-scope' },
      { ...echo, seq: 2, mutationId: 'm2', reason: 'schema-invalid' },
    ];
    const banner = await screen.findByTestId('sync-banner');
    expect(banner.textContent).toContain(
      '1 modification concerne un dossier confié à un autre lieu d’accueil : le serveur la garde pour un coordinateur',
    );
    expect(banner.textContent).toContain('1 modification refusée par le serveur');
    state.sync.quarantined.value = [{ ...echo, reason: 'left-scope' }];
    await waitFor(() => expect(banner.textContent).not.toContain('refusée'));
    // RIGHT13: unsent changes to an erased dossier are said to be dropped, not kept for review.
    state.sync.quarantined.value = [
      { ...echo, reason: 'erased-household' },
      { ...echo, seq: 3, mutationId: 'm3', reason: 'erased-household' },
    ];
    await waitFor(() =>
      expect(banner.textContent).toContain(
        '2 modifications non envoyées concernaient un dossier effacé à la demande de la personne : elles ont été abandonnées',
      ),
    );
    expect(banner.textContent).not.toContain('refusée');
  });
});

describe('login page', () => {
  it('axe-core finds no violation on the login page and the first-start form, errors shown', async () => {
    const { state, server } = await setup({ signedIn: false });
    // The server does not answer: whether it needs its first start is unknown.
    server.offline = true;
    window.history.replaceState(null, '', '/login');
    const { container } = render(<App state={state} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Se connecter' }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Premier démarrage : créer le premier administrateur' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Créer l’administrateur et se connecter' }));
    await screen.findByText('Le mot de passe doit faire au moins 10 caractères.');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('shows required-field errors next to each field', async () => {
    const { state } = await setup({ signedIn: false });
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Se connecter' }));
    const user = await screen.findByLabelText('Identifiant');
    expect(user.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(user.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Indiquez votre identifiant.',
    );
    const password = screen.getByLabelText('Mot de passe');
    expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Indiquez votre mot de passe.',
    );
  });

  it('says wrong credentials next to the password, and too many attempts with the wait', async () => {
    const { state, service } = await setup({ signedIn: false });
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    fireEvent.input(await screen.findByLabelText('Identifiant'), { target: { value: 'marie' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'not the password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    const password = screen.getByLabelText('Mot de passe');
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Identifiant ou mot de passe incorrect.',
    );
    expect(service.session()).toBeUndefined();
    // The same wrong password again: the server's login limit (one failure here) says wait.
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Trop d’essais : réessayez dans 42 secondes.',
    );
  });

  it('signs in, keeps the session on the device, and shows who is signed in', async () => {
    const { state, service, db } = await setup({ signedIn: false });
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    fireEvent.input(await screen.findByLabelText('Identifiant'), { target: { value: 'Marie' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toContain('Connecté : Marie Curie'),
    );
    expect(service.session()?.user.username).toBe('marie');
    const stored = (await db.meta.get('session'))?.value as { token: string; deviceId: string };
    expect(stored.token).toBe(service.session()?.token);
    expect(stored.deviceId).toBe((await db.meta.get('deviceId'))?.value);
  });

  it('keeps the sign-in form, without the first-start form, when the server already has an account', async () => {
    const { state, server } = await setup({ signedIn: false });
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeDefined();
    // The request is logged when it leaves: wait until its answer has been read.
    await waitFor(() => expect(state.sync.serverReached.value).toBe(true));
    expect(server.requests).toContain('GET /api/setup');
    expect(state.sync.firstStartNeeded.value).toBe(false);
    expect(screen.queryByRole('heading', { name: 'Premier démarrage du serveur' })).toBeNull();
  });

  it('shows the first-start form when the server has no account, with errors next to the fields', async () => {
    const { state, server, service } = await setup({ signedIn: false, fresh: true });
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    expect(await screen.findByRole('heading', { name: 'Premier démarrage du serveur' })).toBeDefined();
    // Opened directly from GET /api/setup: no sign-in form, no button to reveal the first start.
    expect(server.requests).toContain('GET /api/setup');
    expect(screen.queryByRole('button', { name: 'Se connecter' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Premier démarrage : créer le premier administrateur' }),
    ).toBeNull();
    fireEvent.input(screen.getByLabelText('Nom affiché'), { target: { value: 'Marie Curie' } });
    fireEvent.input(screen.getByLabelText('Identifiant'), { target: { value: 'Marie Curie' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'court' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer l’administrateur et se connecter' }));
    const username = screen.getByLabelText('Identifiant');
    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    expect(
      screen.getByText('Lettres minuscules, chiffres et . _ @ - uniquement, de 2 à 64 caractères.'),
    ).toBeDefined();
    expect(screen.getByText('Le mot de passe doit faire au moins 10 caractères.')).toBeDefined();
    fireEvent.input(username, { target: { value: 'marie' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer l’administrateur et se connecter' }));
    await waitFor(() => expect(service.session()?.user.username).toBe('marie'));
    expect(server.requests).toContain('POST /api/setup');
  });
});

describe('[AUTH9] the device label', () => {
  it('is sent at login as typed in Settings, and a label saved while signed in reaches the server at once', async () => {
    const { state, server, db } = await setup({ signedIn: false });
    await state.deviceSettings.load();
    await state.deviceSettings.edit('Tablette Lens');
    expect(await state.deviceSettings.save()).toBe(true);
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    fireEvent.input(await screen.findByLabelText('Identifiant'), { target: { value: 'marie' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(server.requests).toContain('POST /api/sync/pull'));
    const deviceId = String((await db.meta.get('deviceId'))?.value);
    expect((await server.device(deviceId))?.name).toBe('Tablette Lens');
    expect(server.requests).not.toContain('PATCH /api/auth/device'); // already accepted at login
    await state.deviceSettings.edit('Tablette mairie de Lens');
    expect(await state.deviceSettings.save()).toBe(true);
    // The request is logged when it leaves, before the server has applied it: wait for the name.
    await waitFor(async () => expect((await server.device(deviceId))?.name).toBe('Tablette mairie de Lens'));
    expect(server.requests).toContain('PATCH /api/auth/device');
  });
});

describe('changing user on a shared tablet (ADR 0009)', () => {
  /** Marie signed in, typed a dossier (her own writes, named in the outbox). */
  async function marieTyped() {
    const test = await setup();
    const repository = new DossierRepository(test.db, {
      appVersion: '1.2.3',
      currentUserId: () => test.service.currentUserId(),
    });
    await repository.createHousehold(household, [applicant]);
    return test;
  }

  it('names the last person, refuses B’s sign-in on her device, then empties the device on confirmation and signs B in', async () => {
    const { state, service, server, db } = await marieTyped();
    await state.sync.syncNow();
    expect(await db.outbox.count()).toBe(0);
    await state.drafts.save('intake', { lastName: 'Benali' });
    await service.logout();
    window.history.replaceState(null, '', '/login');
    const { container } = render(<App state={state} />);
    expect(
      await screen.findByText('Dernière personne connectée sur cet appareil : Marie Curie.'),
    ).toBeDefined();

    fireEvent.input(screen.getByLabelText('Identifiant'), { target: { value: 'jean' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Cet appareil contient les dossiers d’une autre personne : utilisez « Changer d’utilisateur ».',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Changer d’utilisateur' }));
    const panel = await screen.findByRole('region', { name: 'Changer d’utilisateur' });
    await waitFor(() => expect(document.activeElement?.id).toBe('switch-title'));
    expect(panel.textContent).toContain(
      '1 dossier de Marie Curie sera effacé de cet appareil. Il reste sur le serveur.',
    );
    expect(panel.textContent).toContain('1 formulaire commencé mais pas enregistré sera perdu.');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
    // Cancel changes nothing.
    fireEvent.click(within(panel).getByRole('button', { name: 'Annuler' }));
    expect(await db.households.count()).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: 'Changer d’utilisateur' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Vider l’appareil et changer d’utilisateur' }));
    // The default wait (5 s, tests/setup-dom.ts): emptying the databases is slow on a busy machine.
    const done = await screen.findByText(/^L’appareil est vide\./);
    expect(done.getAttribute('role')).toBe('status');
    expect(await db.households.count()).toBe(0);
    expect(await state.drafts.count()).toBe(0);
    const newDeviceId = (await db.meta.get('deviceId'))?.value;
    expect(newDeviceId).not.toBe('device-1');
    expect(screen.queryByText(/Dernière personne connectée/)).toBeNull();

    fireEvent.input(screen.getByLabelText('Identifiant'), { target: { value: 'jean' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(service.session()?.user.username).toBe('jean'));
    expect(service.session()?.deviceId).toBe(newDeviceId);
    // AUTH7: Marie's device id stays hers on the server.
    expect((await server.device('device-1'))?.userId).toBe(await server.userId(MARIE.username));
  });

  it('offers the change of user when the server says the device is someone else’s and the device does not know who', async () => {
    const { state, service, server, db } = await marieTyped();
    await state.sync.syncNow();
    await service.logout();
    // As left by an app version that did not record the last person.
    await db.meta.delete('lastUser');
    await service.load();
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    await screen.findByText(/Connectez-vous pour synchroniser/);
    expect(screen.queryByRole('button', { name: 'Changer d’utilisateur' })).toBeNull();
    fireEvent.input(screen.getByLabelText('Identifiant'), { target: { value: 'jean' } });
    fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Changer d’utilisateur' }));
    const panel = await screen.findByRole('region', { name: 'Changer d’utilisateur' });
    expect(panel.textContent).toContain('1 dossier de la personne précédente sera effacé');
    fireEvent.click(within(panel).getByRole('button', { name: 'Vider l’appareil et changer d’utilisateur' }));
    await screen.findByText(/^L’appareil est vide\./);
    expect(await db.households.count()).toBe(0);
    // AUTH7: Marie's device id stays hers on the server.
    expect((await server.device('device-1'))?.userId).toBe(await server.userId(MARIE.username));
  });

  it('refuses while changes wait, says how many and whose, deletes nothing, and goes on once synced', async () => {
    const { state, db } = await marieTyped();
    window.history.replaceState(null, '', '/login');
    render(<App state={state} />);
    await screen.findByText(/Vous êtes connecté en tant que Marie Curie/);
    fireEvent.click(screen.getByRole('button', { name: 'Changer d’utilisateur' }));
    const panel = await screen.findByRole('region', { name: 'Changer d’utilisateur' });
    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toContain(
      '2 modifications tapées par Marie Curie ne sont pas encore sur le serveur.',
    );
    expect(alert.textContent).toContain(
      'Pour ne rien perdre, il faut d’abord que Marie Curie se connecte et synchronise. Rien n’a été effacé.',
    );
    expect(
      within(panel).queryByRole('button', { name: 'Vider l’appareil et changer d’utilisateur' }),
    ).toBeNull();
    expect(await db.households.count()).toBe(1);
    expect(await db.outbox.count()).toBe(2);

    fireEvent.click(within(panel).getByRole('button', { name: 'Synchroniser maintenant' }));
    expect(
      await within(panel).findByRole('button', { name: 'Vider l’appareil et changer d’utilisateur' }),
    ).toBeDefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.households.count()).toBe(1);
  });
});

describe('conflicts', () => {
  async function withConflict(options: { named?: boolean; secondLabel?: string } = {}) {
    const test = await setup();
    const { repository, db } = test;
    const { household: h } = await test.repository.createHousehold(household, [applicant]);
    const rent = await repository.addRow('charge', h.id, {
      type: 'rent',
      amountCents: 52_000,
      frequency: 'monthly',
      mode: 'real',
    } as FieldsOf<'charge'>);
    // As after a pull: the server's versions on the row, nothing pending.
    await db.charges.update(rent.id, { version: 3, fieldVersions: { amountCents: 3, type: 1 } });
    await db.outbox.clear();
    const server: Conflict = {
      id: 'conflict-1',
      entity: 'charge',
      entityId: rent.id,
      householdId: h.id,
      field: 'amountCents',
      kind: 'concurrent-edit',
      status: 'open',
      values: [
        {
          value: 45_500,
          userId: test.service.session()?.user.id ?? '',
          deviceId: 'device-1',
          hlc: '1764230400000-0000-device-1',
          serverTime: Date.UTC(2026, 10, 27, 9),
          version: 2,
          ...(options.named === true
            ? { userDisplayName: 'Marie Curie', deviceLabel: 'Tablette du bureau' }
            : {}),
        },
        {
          value: 52_000,
          userId: 'user-2',
          deviceId: 'tablet-lens-0042',
          hlc: '1764230500000-0000-tablet',
          serverTime: Date.UTC(2026, 10, 27, 10),
          version: 3,
          ...(options.named === true ? { userDisplayName: 'Jean Dupont' } : {}),
          ...(options.secondLabel === undefined ? {} : { deviceLabel: options.secondLabel }),
        },
      ],
      openedAt: Date.UTC(2026, 10, 27, 10),
    };
    const record: ServerConflictRecord = {
      id: server.id,
      householdId: h.id,
      entity: 'charge',
      entityId: rent.id,
      source: 'server',
      status: 'open',
      fields: [{ field: 'amountCents', local: 45_500, incoming: 52_000 }],
      localHlc: server.values[0]?.hlc ?? '',
      incomingHlc: server.values[1]?.hlc ?? '',
      createdAt: server.openedAt,
      server,
    };
    await db.conflicts.put(record);
    return { ...test, householdId: h.id, rentId: rent.id };
  }

  it('axe-core finds no violation on the conflict view, with the status and the banner shown', async () => {
    const { state, householdId, server, repository } = await withConflict();
    await repository.createHousehold(household, [applicant]);
    server.offline = true;
    window.history.replaceState(null, '', `/dossiers/${householdId}/conflicts`);
    const { container } = render(<App state={state} />);
    await screen.findByRole('region', { name: 'Charge : montant' });
    fireEvent.click(
      within(screen.getByTestId('sync-status')).getByRole('button', { name: 'Synchroniser maintenant' }),
    );
    await screen.findByTestId('sync-banner');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('badges the dossier in the list and in its frame', async () => {
    const { state, householdId } = await withConflict();
    window.history.replaceState(null, '', '/dossiers');
    render(<App state={state} />);
    const badge = await screen.findByTestId('conflict-badge');
    expect(badge.textContent).toContain('1 conflit à régler');
    expect(badge.getAttribute('href')).toBe(`/dossiers/${householdId}/conflicts`);
  });

  it('[CONF6] names the writer and the device when the server sent them, "vous"/"cet appareil" marked', async () => {
    const { state, householdId } = await withConflict({ named: true });
    window.history.replaceState(null, '', `/dossiers/${householdId}/conflicts`);
    render(<App state={state} />);
    const card = await screen.findByRole('region', { name: 'Charge : montant' });
    const [first, second] = within(card).getAllByRole('listitem');
    const details = (item: HTMLElement | undefined) =>
      [...(item?.querySelectorAll('dd') ?? [])].slice(0, 2).map((dd) => dd.textContent);
    expect(details(first)).toEqual(['Marie Curie (vous)', 'Tablette du bureau (cet appareil)']);
    // No label sent by that device: its shortened id, as before.
    expect(details(second)).toEqual(['Jean Dupont', 'appareil ens-0042']);
    expect(card.textContent).not.toContain('compte');
  });

  it('[CONF6][AUTH9] names both devices by the labels typed in their Settings', async () => {
    const { state, householdId } = await withConflict({ named: true, secondLabel: 'Tablette Lens' });
    window.history.replaceState(null, '', `/dossiers/${householdId}/conflicts`);
    render(<App state={state} />);
    const card = await screen.findByRole('region', { name: 'Charge : montant' });
    const [first, second] = within(card).getAllByRole('listitem');
    const device = (item: HTMLElement | undefined) => item?.querySelectorAll('dd')[1]?.textContent;
    expect(device(first)).toBe('Tablette du bureau (cet appareil)');
    expect(device(second)).toBe('Tablette Lens');
    expect(card.textContent).not.toContain('tablet-lens-0042');
  });

  it('shows both values side by side with who, which device and when; keeping one writes a synced change', async () => {
    const { state, householdId, rentId, db, repository } = await withConflict();
    window.history.replaceState(null, '', `/dossiers/${householdId}/conflicts`);
    render(<App state={state} />);
    const card = await screen.findByRole('region', { name: 'Charge : montant' });
    const values = within(card)
      .getAllByTestId('conflict-value')
      .map((v) => v.textContent?.replace(/\s/g, ' '));
    expect(values).toEqual(['455,00 €', '520,00 €']);
    expect(card.textContent).toContain('vous');
    expect(card.textContent).toContain('cet appareil');
    expect(card.textContent).toContain('appareil ens-0042');
    expect(card.textContent).toContain('Valeur affichée en ce moment');
    fireEvent.click(within(card).getByRole('button', { name: 'Garder la valeur 1' }));
    await waitFor(() => expect(screen.getByText('Aucun conflit sur ce dossier.')).toBeDefined());
    expect(screen.getByText(/Conflit réglé/).getAttribute('role')).toBe('status');
    expect((await repository.getRow('charge', rentId))?.amountCents).toBe(45_500);
    // The resolution is an ordinary synced change (already pushed by the sync that follows it, or waiting).
    const entry = [...(await db.outbox.toArray()), ...(await db.sentLog.toArray())].find(
      (e) => e.entity === 'charge',
    );
    expect(entry).toMatchObject({
      op: 'patch',
      entity: 'charge',
      entityId: rentId,
      patch: { amountCents: 45_500 },
      base: { version: 3, fieldVersions: { amountCents: 3 } },
    });
    expect((await db.conflicts.get('conflict-1'))?.status).toBe('resolved');
  });

  it('accepts another typed value in euros, and refuses one that is not an amount', async () => {
    const { state, householdId, rentId, repository } = await withConflict();
    window.history.replaceState(null, '', `/dossiers/${householdId}/conflicts`);
    render(<App state={state} />);
    const card = await screen.findByRole('region', { name: 'Charge : montant' });
    const other = within(card).getByLabelText('Autre valeur');
    fireEvent.input(other, { target: { value: 'beaucoup' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Enregistrer cette valeur' }));
    await waitFor(() => expect(other.getAttribute('aria-invalid')).toBe('true'));
    expect(within(card).getByText('Cette valeur n’est pas valide.')).toBeDefined();
    fireEvent.input(other, { target: { value: '498,50' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Enregistrer cette valeur' }));
    await waitFor(() => expect(screen.getByText('Aucun conflit sur ce dossier.')).toBeDefined());
    expect((await repository.getRow('charge', rentId))?.amountCents).toBe(49_850);
  });
});
