import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../src/i18n/i18n';
import { App } from '../../src/ui/app';
import { makeTestState } from './make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

describe('App shell', () => {
  it('renders the dossiers page in French by default, with the main navigation', async () => {
    const { state } = makeTestState();
    render(<App state={state} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dossiers' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(nav.textContent).toContain('Réglages');
  });

  it('shows whether the device is online and follows connectivity changes', async () => {
    const { state, setOnline } = makeTestState();
    render(<App state={state} />);
    expect(screen.getByTestId('connection-status').textContent).toContain('En ligne');
    act(() => setOnline(false));
    expect(screen.getByTestId('connection-status').textContent).toContain('Hors ligne');
  });

  it('on a narrow screen, puts the navigation and the language in a disclosure menu: Escape closes it and the focus goes back', async () => {
    const viewport = (window as unknown as { happyDOM: { setViewport(s: object): void } }).happyDOM;
    viewport.setViewport({ width: 390, height: 844 });
    try {
      const { state } = makeTestState();
      render(<App state={state} />);
      await screen.findByRole('heading', { level: 1, name: 'Dossiers' });
      const menu = screen.getByRole('button', { name: 'Menu' });
      expect(menu.getAttribute('aria-expanded')).toBe('false');
      const panel = document.getElementById(menu.getAttribute('aria-controls') ?? '');
      expect(panel?.hidden).toBe(true);
      // Out of sight (and of the accessibility tree) until the menu opens.
      expect(screen.queryByRole('navigation', { name: 'Navigation principale' })).toBeNull();
      fireEvent.click(menu);
      expect(menu.getAttribute('aria-expanded')).toBe('true');
      const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
      expect(panel?.contains(nav)).toBe(true);
      expect(panel?.contains(screen.getByLabelText('Langue'))).toBe(true);
      screen.getByRole('link', { name: 'Réglages' }).focus();
      fireEvent.keyDown(document, { key: 'Escape' });
      await waitFor(() => expect(menu.getAttribute('aria-expanded')).toBe('false'));
      expect(document.activeElement).toBe(menu);
      expect(panel?.hidden).toBe(true);
    } finally {
      viewport.setViewport({ width: 1280, height: 800 });
    }
  });

  it('switches to English and remembers the choice on the device', async () => {
    const { state, settings } = makeTestState();
    render(<App state={state} />);
    fireEvent.change(screen.getByLabelText('Langue'), { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' })).toBeTruthy();
    await waitFor(async () => expect(await settings.get('locale')).toBe('en'));
  });

  it('routes a deep link to the settings page and an unknown path to a not-found page', async () => {
    window.history.replaceState(null, '', '/settings');
    const { state } = makeTestState();
    const { unmount } = render(<App state={state} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Réglages' })).toBeTruthy();
    expect(await screen.findByText('Joignable (version 9.9.9)')).toBeTruthy();
    expect(screen.getByTestId('app-version').textContent).toBe('1.2.3');
    unmount();
    window.history.replaceState(null, '', '/nowhere');
    render(<App state={makeTestState().state} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Page introuvable' })).toBeTruthy();
  });
});
