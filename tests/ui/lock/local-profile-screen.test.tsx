/**
 * LOCK13 in the app: before anyone signs in, the page asks for a code for the device's local
 * profile (no header, no dossier page); the sign-in page stays reachable; after the code, the
 * app opens; a reload then shows the unlock screen with the local profile's words.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DataKeyring, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { LOCAL_USER } from '../../../src/state/lock/lock-model';
import { App } from '../../../src/ui/app';
import { fastVault, manualIdleEnv } from '../../state/lock/lock-fixture';
import { axeViolations } from '../axe-violations';
import { makeTestState } from '../make-test-state';

const TITLE = 'Protégez les dossiers de cet appareil : choisissez un code';

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

function freshDevice(path: string, vault = fastVault()) {
  window.history.replaceState(null, '', path);
  const keyring = new DataKeyring();
  const test = makeTestState({
    lock: { vault, keyring, idle: manualIdleEnv().env, newDataKey: randomDataKey },
  });
  const lock = test.state.lock;
  if (lock === undefined) throw new Error('lock expected');
  return { ...test, vault, keyring, lock };
}

describe('the local profile screens', () => {
  it('[LOCK13] nobody signed in: a code for the local profile first, axe-clean; then the app opens', async () => {
    const app = freshDevice('/dossiers');
    render(<App state={app.state} />);
    await app.state.start();
    expect(await screen.findByRole('heading', { level: 1, name: TITLE })).toBeTruthy();
    expect(document.querySelector('header')).toBeNull();
    expect(screen.queryByLabelText('Mon mot de passe de connexion')).toBeNull();
    expect(screen.getByRole('link', { name: 'J’ai un compte : me connecter' }).getAttribute('href')).toBe(
      '/login',
    );
    expect(await axeViolations()).toEqual([]);
    fireEvent.input(screen.getByLabelText('Nouveau code PIN'), { target: { value: '135792' } });
    fireEvent.input(screen.getByLabelText('Le même code PIN, une deuxième fois'), {
      target: { value: '135792' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer et ouvrir Relais' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dossiers' })).toBeTruthy();
    expect((await app.vault.status(LOCAL_USER.id))?.method).toBe('pin');

    await app.lock.lock();
    expect(await screen.findByRole('heading', { level: 1, name: 'Relais est verrouillé' })).toBeTruthy();
    expect(
      screen.getByText(
        'Personne ne s’est encore connecté sur cet appareil : ses dossiers s’ouvrent avec le code choisi ici.',
      ),
    ).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('[LOCK13] the sign-in page stays reachable before the code is chosen', async () => {
    const app = freshDevice('/login');
    render(<App state={app.state} />);
    await app.state.start();
    await waitFor(() => expect(app.lock.state.value.kind).toBe('needs-setup'));
    expect(await screen.findByLabelText('Identifiant')).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: TITLE })).toBeNull();
  });
});
