/**
 * What the page shows while the app is not unlocked (LOCK11): only the lock screens, no header,
 * no dossier page, so the DOM holds no dossier data. The route is left as it was: after the
 * unlock the router renders the same page, and its forms reopen their drafts.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ErrorBoundary, useLocation } from 'preact-iso';
import { t } from '../../../i18n/i18n';
import { useAppState } from '../../../state/app-state';
import { isLocalUser } from '../../../state/lock/lock-model';
import { lazyWithWords } from '../../lazy-page';
import { UnlockScreen } from './unlock-screen';
import './lock-screen.css';

// The unlock screen is on every cold start's path to the list; the setup (once per person and
// device) and the erased device's screen are not, so they come as their own chunk (issue 17).
const SetupScreen = lazyWithWords(() => import('./setup-screen'), 'SetupScreen');
const ErasedScreen = lazyWithWords(() => import('./erased-screen'), 'ErasedScreen');

function focusDocumentStart(): void {
  const body = document.body;
  body.setAttribute('tabindex', '-1');
  body.focus({ preventScroll: true });
  body.removeAttribute('tabindex');
}

export function LockGate({ children }: { children: ComponentChildren }) {
  const { lock, sync } = useAppState();
  const current = lock?.state.value;
  const { path } = useLocation();
  // 'open' with a session: a sign-in has just succeeded and the lock is still deciding (unlock or
  // setup); the dossier pages would read rows before the key is there.
  const deciding = current?.kind === 'open' && sync.session.value !== null;
  // LOCK13: before anyone signs in, the sign-in page stays reachable from the local code's screen.
  const signingInInstead = current?.kind === 'needs-setup' && isLocalUser(current.user) && path === '/login';
  const passes =
    lock === undefined ||
    current === undefined ||
    current.kind === 'unlocked' ||
    signingInInstead ||
    (current.kind === 'open' && !deciding);
  const wasGated = useRef(false);
  // Back from a lock screen, the page starts as after a fresh load: the field that had the focus
  // is gone, so the focus goes back to the document's start and the skip link comes first.
  // A layout effect: before anyone can press Tab on the page that just appeared.
  useLayoutEffect(() => {
    if (!passes) {
      wasGated.current = true;
      return;
    }
    if (!wasGated.current) return;
    wasGated.current = false;
    focusDocumentStart();
  }, [passes]);
  if (passes) return <>{children}</>;
  return (
    <main id="main" class="lock-page" tabIndex={-1}>
      {(current.kind === 'starting' || deciding) && <p role="status">{t('lock.starting')}</p>}
      {current.kind === 'locked' && <UnlockScreen lock={lock} who={current.who} />}
      {/* The boundary waits for a lazy screen's chunk (outside the Router, which does it for pages). */}
      <ErrorBoundary>
        {current.kind === 'needs-setup' && (
          <SetupScreen lock={lock} user={current.user} passwordAvailable={current.passwordAvailable} />
        )}
        {current.kind === 'erased-needs-online' && (
          <ErasedScreen who={current.who} serverHasNoCopy={current.serverHasNoCopy} />
        )}
      </ErrorBoundary>
    </main>
  );
}
