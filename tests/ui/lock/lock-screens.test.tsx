/**
 * The lock screens in the app (docs/device-lock.md): while locked only the unlock screen is on the
 * page; the setup screen checks the PIN next to its fields; Réglages holds the idle delay.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DataKeyring, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { App } from '../../../src/ui/app';
import { householdFields } from '../../db/helpers';
import { fastVault, manualIdleEnv, USER } from '../../state/lock/lock-fixture';
import { axeViolations } from '../axe-violations';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

function lockedApp(path = '/dossiers') {
  window.history.replaceState(null, '', path);
  const vault = fastVault();
  const keyring = new DataKeyring();
  const test = makeTestState({
    lock: { vault, keyring, idle: manualIdleEnv().env, newDataKey: randomDataKey },
  });
  const lock = test.state.lock;
  if (lock === undefined) throw new Error('lock expected');
  return { ...test, vault, keyring, lock };
}

describe('lock screens', () => {
  it('[LOCK2] [LOCK11] locked: only the unlock screen, whose device it is, the field focused; a wrong PIN says so next to the field', async () => {
    const app = lockedApp();
    await app.repository.createHousehold({ ...householdFields, lastName: 'Quermarec' } as never, []);
    await app.vault.setup(USER, 'pin', '482915', randomDataKey());
    render(<App state={app.state} />);
    await app.state.start();
    const field = await screen.findByLabelText('Votre code PIN');
    expect(screen.getByText('Cette tablette est ouverte au nom de Claire Martin (claire).')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.getAttribute('inputmode')).toBe('numeric');
    expect(field.getAttribute('autocomplete')).toBe('off');
    expect(document.querySelector('header')).toBeNull();
    expect(document.body.textContent).not.toContain('Quermarec');
    expect(await axeViolations()).toEqual([]);

    fireEvent.input(field, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Déverrouiller' }));
    expect(await screen.findByText('Ce n’est pas le bon code PIN.')).toBeTruthy();
    expect(field.getAttribute('aria-describedby')).toContain('unlock-secret-error');
    expect(await screen.findByText(/Attendez encore 1 seconde avant le prochain essai/)).toBeTruthy();
  });

  it('[LOCK1] the setup screen refuses a short PIN and two different PINs, next to the fields; then opens the app', async () => {
    const app = lockedApp();
    render(<App state={app.state} />);
    await app.state.start();
    await app.lock.afterSignIn(USER, 'mot de passe');
    const pin = await screen.findByLabelText('Nouveau code PIN');
    await waitFor(() => expect(document.activeElement).toBe(pin));
    expect(screen.getByLabelText('Mon mot de passe de connexion')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    fireEvent.input(pin, { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer et ouvrir Relais' }));
    expect(await screen.findByText('Le code PIN a au moins 6 chiffres.')).toBeTruthy();
    expect(pin.getAttribute('aria-describedby')).toContain('setup-pin-error');
    fireEvent.input(pin, { target: { value: '48291a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer et ouvrir Relais' }));
    expect(await screen.findByText('Le code PIN ne contient que des chiffres.')).toBeTruthy();
    fireEvent.input(pin, { target: { value: '482915' } });
    fireEvent.input(screen.getByLabelText('Le même code PIN, une deuxième fois'), {
      target: { value: '482916' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer et ouvrir Relais' }));
    expect(await screen.findByText('Les deux codes PIN ne sont pas les mêmes.')).toBeTruthy();
    expect(await app.vault.status(USER.id)).toBeUndefined();
    fireEvent.input(screen.getByLabelText('Le même code PIN, une deuxième fois'), {
      target: { value: '482915' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer et ouvrir Relais' }));
    await waitFor(() => expect(app.lock.state.value.kind).toBe('unlocked'));
    expect((await app.vault.status(USER.id))?.method).toBe('pin');
    expect(app.keyring.unlocked).toBe(true);
  });

  it('[LOCK4] after the erasure the screen says to sign in online', async () => {
    let t = Date.UTC(2026, 11, 1);
    const vault = fastVault(() => t);
    await vault.setup(USER, 'pin', '482915', randomDataKey());
    for (let i = 0; i < 10; i += 1) {
      const r = await vault.unlock(USER.id, '000000');
      if (r.kind === 'wrong') t = r.nextTryAt;
    }
    const test = makeTestState({
      lock: { vault, keyring: new DataKeyring(), idle: manualIdleEnv().env, newDataKey: randomDataKey },
    });
    render(<App state={test.state} />);
    await test.state.start();
    expect(
      await screen.findByRole('heading', { name: 'La clé de cette tablette a été effacée' }),
    ).toBeTruthy();
    expect(screen.getByText(/Connectez-vous en ligne pour récupérer vos données/)).toBeTruthy();
    expect(screen.queryByLabelText('Votre code PIN')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('[LOCK7] Réglages: the idle delay from 1 to 30 minutes, the error next to the field', async () => {
    const app = lockedApp('/settings');
    render(<App state={app.state} />);
    await app.state.start();
    await app.lock.afterSignIn(USER, 'pw');
    await app.lock.completeSetup('pin', '482915');
    const field = await screen.findByLabelText('Verrouiller Relais après combien de minutes sans activité');
    expect((field as HTMLInputElement).value).toBe('5');
    fireEvent.input(field, { target: { value: '31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le délai' }));
    expect(await screen.findByText('Tapez un nombre entier de minutes, de 1 à 30.')).toBeTruthy();
    expect(field.getAttribute('aria-describedby')).toContain('lock-idle-minutes-error');
    expect(app.lock.idleMinutes.value).toBe(5);
    fireEvent.input(field, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le délai' }));
    expect(await screen.findByText('Délai enregistré : 12 min.')).toBeTruthy();
    expect(app.lock.idleMinutes.value).toBe(12);
    expect(await axeViolations()).toEqual([]);
    // The header's "Verrouiller" locks at once.
    fireEvent.click(screen.getByRole('button', { name: 'Verrouiller' }));
    expect(await screen.findByLabelText('Votre code PIN')).toBeTruthy();
    expect(app.keyring.unlocked).toBe(false);
  });
});
