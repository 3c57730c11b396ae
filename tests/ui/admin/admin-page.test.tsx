/**
 * The Administration screen as a person sees it, over the app's real state, sync service and
 * admin client talking to the REAL server (its own process, SQLite): the admin sees both
 * lists and the header link; anyone else gets "réservé aux administrateurs"; the server's
 * refusal is shown next to the field; offline it says so and keeps what was typed; archive
 * asks first; axe-core finds nothing.
 */

import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { render as renderInto } from 'preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { createAppState } from '../../../src/state/app-state';
import type { FetchLike } from '../../../src/sync/sync-http';
import { createSyncService } from '../../../src/sync/sync-service';
import { App } from '../../../src/ui/app';
import { mountApp } from '../../../src/ui/mount-app';
import { type RunningServer, startServer, tempDir } from '../../spawn-server';
import { idleSchedulerEnv } from '../../sync/idle-scheduler-env';
import { makeTestState } from '../make-test-state';

// The real server runs as its own process (`npm run serve`'s entry, SQLite in a temp folder,
// 127.0.0.1): in this DOM environment Vite rewrites the server's `new URL(..., import.meta.url)`
// file paths, so it cannot be imported here. The page talks to it over node:http.
const PASSWORD = 'correct horse battery';
let server: RunningServer | undefined;
let staticDir: string | undefined;

function serverUrl(): string {
  if (server === undefined) throw new Error('the server did not start');
  return server.url;
}

const nodeFetch: FetchLike = (input, init = {}) =>
  new Promise((resolve, reject) => {
    const req = request(
      input,
      { method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string> },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 500;
          resolve(
            new Response(status === 204 || body === '' ? null : body, {
              status,
              headers: { 'content-type': String(res.headers['content-type'] ?? 'text/plain') },
            }),
          );
        });
      },
    );
    req.on('error', reject);
    if (typeof init.body === 'string') req.write(init.body);
    req.end();
  });

async function call(method: string, path: string, body?: unknown, token?: string) {
  const response = await nodeFetch(`${serverUrl()}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (response.status === 204 ? undefined : await response.json()) as never,
  };
}

beforeAll(async () => {
  staticDir = tempDir('admin-ui');
  server = await startServer(staticDir);
  // The world: the first admin, welcome point A and a volunteer there.
  expect(
    (await call('POST', '/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin' }))
      .status,
  ).toBe(201);
  const login = await call('POST', '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
    deviceId: 'console',
  });
  const token = (login.body as { token: string }).token;
  await call('POST', '/api/admin/welcome-points', { id: 'wp-a', name: 'Point A' }, token);
  const vol = {
    username: 'vol',
    displayName: 'vol',
    password: PASSWORD,
    role: 'volunteer',
    welcomePointIds: ['wp-a'],
  };
  expect((await call('POST', '/api/admin/users', vol, token)).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (staticDir !== undefined) rmSync(staticDir, { recursive: true, force: true });
});

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

/** An app state whose sync service has signed `username` in on the test server (not started). */
async function signedInState(username: string) {
  const base = makeTestState();
  const service = createSyncService({
    db: base.db,
    fetch: nodeFetch,
    baseUrl: serverUrl(),
    appVersion: '1.2.3',
    env: idleSchedulerEnv,
  });
  await service.login(username, PASSWORD);
  return { base, state: createAppState({ ...base.deps, sync: service }) };
}

async function setup(username = 'admin') {
  const { base, state } = await signedInState(username);
  await state.start();
  window.history.replaceState(null, '', '/admin');
  render(<App state={state} />);
  return { ...base, state };
}

async function axeViolations(): Promise<string[]> {
  const results = await axe.run(document.body, { rules: { region: { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Administration screen', () => {
  it('on a deep link, refuses no one and offers no sign-in before the saved session is read (first paint before start)', async () => {
    const { state } = await signedInState('admin');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = { ...state, start: () => gate.then(() => state.start()) };
    window.history.replaceState(null, '', '/admin');
    const root = document.createElement('div');
    document.body.append(root);
    // Everything the page ever showed, from the first paint to the admin screen.
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(root.textContent ?? ''));
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    try {
      const mounting = mountApp(root, held);
      expect(within(root).getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();
      expect(within(root).queryByRole('link', { name: 'Se connecter' })).toBeNull();
      // The lazy page arrives while the start is still held: its title, and no refusal.
      expect(await within(root).findByRole('heading', { level: 1, name: 'Administration' })).toBeTruthy();
      release();
      await mounting;
      expect(await within(root).findByRole('region', { name: 'Utilisateurs' })).toBeTruthy();
      seen.push(root.textContent ?? '');
      expect(seen.filter((text) => text.includes('Réservé aux administrateurs'))).toEqual([]);
      expect(seen.filter((text) => text.includes('Se connecter'))).toEqual([]);
    } finally {
      observer.disconnect();
      renderInto(null, root);
      root.remove();
      state.sync.stop();
    }
  });

  it('shows the admin both lists and a header link, and axe-core finds nothing', async () => {
    await setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Administration' })).toBeTruthy();
    const places = await screen.findByRole('region', { name: 'Lieux d’accueil' });
    expect(within(places).getByText('Point A')).toBeTruthy();
    const users = screen.getByRole('region', { name: 'Utilisateurs' });
    const items = within(users).getAllByTestId('admin-user');
    expect(items.map((li) => li.querySelector('.admin-item-name')?.textContent)).toEqual([
      'Admin (vous)',
      'vol ',
    ]);
    expect(within(items[1] as HTMLElement).getByText('Rôle : bénévole')).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText('Lieux : Point A')).toBeTruthy();
    // No way to lock oneself out: no deactivate or sign-out on the admin's own account.
    expect(within(items[0] as HTMLElement).queryByRole('button', { name: 'Désactiver' })).toBeNull();
    expect(within(items[1] as HTMLElement).getByRole('button', { name: 'Désactiver' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    const link = within(nav).getByRole('link', { name: 'Administration' });
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(await axeViolations()).toEqual([]);
  });

  it('refuses a volunteer with a plain message, and shows no link to it', async () => {
    await setup('vol');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Réservé aux administrateurs' }),
    ).toBeTruthy();
    expect(screen.getByText(/Seul un compte administrateur peut l’ouvrir/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Utilisateurs' })).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: 'Administration' })).toBeNull();
  });

  it('shows the server’s refusal next to the user-name field, keeps what was typed, then creates the account', async () => {
    await setup();
    await screen.findByRole('region', { name: 'Utilisateurs' });
    fireEvent.input(screen.getByLabelText('Nom de la personne'), { target: { value: 'Véronique Vol' } });
    const username = screen.getByLabelText(/Identifiant de connexion/) as HTMLInputElement;
    fireEvent.input(username, { target: { value: 'vol' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Point A' }));
    const password = screen.getByLabelText(/Mot de passe de départ/) as HTMLInputElement;
    fireEvent.input(password, { target: { value: PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));

    const error = await screen.findByText('Ce nom d’utilisateur est déjà pris. Choisissez-en un autre.');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(username.getAttribute('aria-describedby')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(username));
    expect(username.value).toBe('vol');
    expect(password.value).toBe(PASSWORD);

    fireEvent.input(username, { target: { value: 'veronique' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));
    await screen.findByText(/Compte de Véronique Vol créé/);
    const users = screen.getByRole('region', { name: 'Utilisateurs' });
    await waitFor(() => expect(within(users).getByText('Identifiant : veronique')).toBeTruthy());
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Véronique Vol'));
    expect(username.value).toBe('');
    const signIn = await call('POST', '/api/auth/login', {
      username: 'veronique',
      password: PASSWORD,
      deviceId: 'veronique-phone',
    });
    expect(signIn.status).toBe(200);
  });

  it('offline, says the screen needs the server and keeps the typed name', async () => {
    const { setOnline } = await setup();
    await screen.findByRole('region', { name: 'Lieux d’accueil' });
    setOnline(false);
    expect((await screen.findByTestId('admin-offline')).textContent).toContain('Vous êtes hors ligne');
    const name = screen.getByLabelText('Nom du lieu') as HTMLInputElement;
    fireEvent.input(name, { target: { value: 'Maison des solidarités' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter le lieu' }));
    const alert = await screen.findByText(/Pas de connexion au serveur : rien n’a été changé/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(name.value).toBe('Maison des solidarités');
    expect(screen.queryByText('Maison des solidarités', { selector: '.admin-item-name' })).toBeNull();
  });

  it('adds a welcome point, moves the focus to it, and archives it only after a confirmation', async () => {
    await setup();
    const places = await screen.findByRole('region', { name: 'Lieux d’accueil' });
    fireEvent.input(screen.getByLabelText('Nom du lieu'), { target: { value: 'Centre social Nord' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter le lieu' }));
    await within(places).findByText('Lieu « Centre social Nord » ajouté.');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Centre social Nord'));
    const item = (document.activeElement as HTMLElement).closest('li') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Archiver' }));
    const question = await within(item).findByText(/Archiver « Centre social Nord » \?/);
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(within(item).getByText('Ouvert')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Oui, archiver « Centre social Nord »' }));
    await within(item).findByText('Archivé');
    expect(within(item).getByRole('button', { name: 'Rouvrir' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('edits a user: a too-short new password is refused next to its field, then role and password are saved', async () => {
    await setup();
    const users = await screen.findByRole('region', { name: 'Utilisateurs' });
    const item = within(users)
      .getAllByTestId('admin-user')
      .find((li) => li.textContent?.includes('Identifiant : vol')) as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Modifier' }));
    const form = await within(item).findByRole('form', { name: 'Modifier vol' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(form).getByLabelText('Nom de la personne')),
    );
    fireEvent.change(within(form).getByLabelText('Rôle'), { target: { value: 'counsellor' } });
    const password = within(form).getByLabelText(/Nouveau mot de passe/) as HTMLInputElement;
    fireEvent.input(password, { target: { value: 'court' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    const error = await within(form).findByText('Le mot de passe doit faire au moins 10 caractères.');
    expect(password.getAttribute('aria-describedby')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(password));
    fireEvent.input(password, { target: { value: 'un mot de passe neuf' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await within(users).findByText('Compte de vol enregistré.');
    expect(within(item).getByText('Rôle : conseiller')).toBeTruthy();
    const signIn = await call('POST', '/api/auth/login', {
      username: 'vol',
      password: 'un mot de passe neuf',
      deviceId: 'vol-phone',
    });
    expect(signIn.status).toBe(200);
    expect((signIn.body as { user: { role: string } }).user.role).toBe('counsellor');
  });

  it('speaks English when chosen', async () => {
    const { state } = await setup();
    await screen.findByRole('region', { name: 'Lieux d’accueil' });
    await state.setLocale('en');
    expect(await screen.findByRole('region', { name: 'Welcome points' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create the account' })).toBeTruthy();
  });
});

describe('Administration › Paramètres légaux (issue 12, point 4)', () => {
  async function adminToken(): Promise<string> {
    const login = await call('POST', '/api/auth/login', {
      username: 'admin',
      password: PASSWORD,
      deviceId: 'console-legal',
    });
    return (login.body as { token: string }).token;
  }
  const serverEntries = async () =>
    (
      (await call('GET', '/api/legal-parameters', undefined, await adminToken())).body as {
        entries: unknown[];
      }
    ).entries;
  const type = (label: string | RegExp, value: string) =>
    fireEvent.input(screen.getByLabelText(label), { target: { value } });

  it('refuses a date before 2000, a falling scale and a negative amount next to their fields, sending nothing', async () => {
    await setup();
    const section = await screen.findByRole('region', { name: 'Paramètres légaux' });
    fireEvent.change(within(section).getByLabelText('Valeur à saisir'), {
      target: { value: 'seizureScales' },
    });
    type('Date d’effet', '1999-12-31');
    for (const [i, amount] of ['4 500', '8 800', '8 000', '17 400', '21 600', '26 000'].entries()) {
      type(`Seuil annuel n° ${i + 1}, sans personne à charge`, amount);
    }
    type('Majoration annuelle par personne à charge', '-1 750');
    type(/Texte officiel/, 'Décret fixant le barème 2027');
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer la valeur' }));

    const date = screen.getByLabelText('Date d’effet');
    const dateError = await within(section).findByText(
      'La date d’effet ne peut pas être avant le 1er janvier 2000.',
    );
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(date.getAttribute('aria-describedby')).toContain(dateError.id);
    const third = screen.getByLabelText('Seuil annuel n° 3, sans personne à charge');
    const scaleError = within(section).getByText('Chaque seuil doit être plus haut que le précédent.');
    expect(third.getAttribute('aria-describedby')).toContain(scaleError.id);
    const increment = screen.getByLabelText('Majoration annuelle par personne à charge');
    const negative = within(section).getByText('Le montant ne peut pas être négatif.');
    expect(increment.getAttribute('aria-describedby')).toContain(negative.id);
    // The first field to fix takes the focus; nothing reached the server.
    await waitFor(() => expect(document.activeElement).toBe(date));
    expect(await serverEntries()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  });

  it('saves an RSA amount, lists it with its source, logs who entered it, and the server has it', async () => {
    await setup();
    const section = await screen.findByRole('region', { name: 'Paramètres légaux' });
    expect(await within(section).findByText(/Aucune valeur saisie/)).toBeTruthy();
    type('Date d’effet', '2026-04-01');
    type('Montant pour une personne seule, par mois', '651,00');
    type(/Texte officiel/, 'Décret n° 2026-301 du 28 mars 2026');
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer la valeur' }));
    await within(section).findByText(/Valeur enregistrée/);
    const entry = await within(section).findByTestId('admin-legal-entry');
    expect(entry.textContent).toContain('651,00');
    expect(entry.textContent).toContain('Source : Décret n° 2026-301 du 28 mars 2026');
    const history = within(section).getByTestId('admin-legal-history');
    expect(history.textContent).toMatch(
      /Admin a ajouté : Montant du RSA à partir du 1er avril 2026, 651,00\s€ par mois\./,
    );
    expect(await serverEntries()).toEqual([
      expect.objectContaining({ kind: 'rsaAmounts', effectiveFrom: '2026-04-01', baseMonthlyCents: 65_100 }),
    ]);
  });
});
