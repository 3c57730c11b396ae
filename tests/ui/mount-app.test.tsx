/**
 * The first paint does not wait for the state's start (issue 13): mountApp renders the shell,
 * then starts the state; the saved language and the session fill in afterwards.
 */
import { screen } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../src/i18n/i18n';
import { mountApp } from '../../src/ui/mount-app';
import { makeTestState } from './make-test-state';

let root: HTMLElement | undefined;

function newRoot(): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  return root;
}

afterEach(() => {
  if (root) {
    render(null, root);
    root.remove();
  }
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

describe('mountApp', () => {
  it('paints the shell and the first screen while state.start() has not finished', async () => {
    const { state } = makeTestState();
    let finishStart: () => void = () => undefined;
    let starts = 0;
    const held = {
      ...state,
      start: () => {
        starts += 1;
        return new Promise<void>((resolve) => {
          finishStart = resolve;
        });
      },
    };
    let mounted = false;
    const mounting = mountApp(newRoot(), held).then(() => {
      mounted = true;
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Dossiers' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();
    // Started once, and still under way: the page did not wait for it.
    expect(starts).toBe(1);
    expect(mounted).toBe(false);
    finishStart();
    await mounting;
    expect(mounted).toBe(true);
  });

  it('starts the state after the first paint: the saved language arrives on the painted shell', async () => {
    const { state, settings } = makeTestState();
    await settings.set('locale', 'en');
    const mounting = mountApp(newRoot(), state);
    // Painted at once, in the default language, before anything was read from the device.
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();
    await mounting;
    expect(await screen.findByRole('heading', { level: 1, name: 'Cases' })).toBeTruthy();
  });
});
