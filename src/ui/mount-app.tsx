/**
 * Putting the application on the page: the shell first, then the start of the state (saved
 * language, lost-device check, session), so the first paint never waits for the device's
 * databases. boot.tsx calls it over the loading frame; the screens fill in from their signals.
 */
import { render } from 'preact';
import type { AppState } from '../state/app-state';
import { App } from './app';

/** Renders the app into `root` (when there is one), then starts `state`; resolves once started. */
export async function mountApp(root: Element | null, state: AppState): Promise<void> {
  if (root) render(<App state={state} />, root);
  await state.start();
}
