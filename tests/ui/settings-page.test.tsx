import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../src/i18n/i18n';
import { App } from '../../src/ui/app';
import { makeTestState } from './make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

async function openSettings() {
  window.history.replaceState(null, '', '/settings');
  const test = makeTestState();
  render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 1, name: 'Réglages' });
  return test;
}

describe('Settings: this device', () => {
  it('shows the validation message next to the field, in the user language, and saves nothing', async () => {
    const { settings } = await openSettings();
    const input = screen.getByLabelText('Nom de l’appareil');
    fireEvent.input(input, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Indiquez un nom pour cet appareil.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('device-label-error');
    expect(await settings.get('deviceLabel')).toBeUndefined();

    fireEvent.input(input, { target: { value: 'x'.repeat(61) } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Le nom doit faire au plus 60 caractères.')).toBeTruthy();
  });

  it('saves a valid name, trimmed, and says so', async () => {
    const { settings } = await openSettings();
    fireEvent.input(screen.getByLabelText('Nom de l’appareil'), { target: { value: '  Tablette Lens ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Nom enregistré.')).toBeTruthy();
    expect(await settings.get('deviceLabel')).toBe('Tablette Lens');
    expect(await settings.get('draft:device-settings')).toBeUndefined();
  });

  it('autosaves every keystroke as a draft and restores it after a reload', async () => {
    const { state, settings } = await openSettings();
    fireEvent.input(screen.getByLabelText('Nom de l’appareil'), { target: { value: 'Tablette mai' } });
    await state.drafts.flushAll();
    expect(await settings.get('draft:device-settings')).toMatchObject({ values: 'Tablette mai' });

    // A "reload": a new state over the same device database.
    const { createAppState } = await import('../../src/state/app-state');
    const reloaded = createAppState({
      ...makeTestState().deps,
      settings,
      storage: undefined,
      connectivity: { isOnline: () => true, subscribe: () => () => {} },
      serverUrl: 'http://127.0.0.1:8080',
      fetchHealth: async () => ({ status: 'ok', version: '1' }),
      appVersion: '1',
      buildId: 'b',
    });
    document.body.innerHTML = '';
    render(<App state={reloaded} />);
    await waitFor(() =>
      expect((screen.getByLabelText('Nom de l’appareil') as HTMLInputElement).value).toBe('Tablette mai'),
    );
    expect(screen.getByTestId('draft-restored').textContent).toContain('retrouvée');
  });

  it('reports a storage failure instead of a false "saved"', async () => {
    const { state, settings } = await openSettings();
    settings.set = async () => {
      throw new Error('QuotaExceededError');
    };
    state.deviceSettings.value.value = 'Tablette';
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText(/n’a pas pu être enregistré.*QuotaExceededError/)).toBeTruthy();
    expect(screen.queryByText('Nom enregistré.')).toBeNull();
  });
});
