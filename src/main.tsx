/**
 * The entry: paints the app frame at once (brand, navigation, "opening…"), then loads the
 * application itself (boot.tsx: device store, engines, sync), which renders over it. On a
 * weak tablet the person sees Relais immediately instead of a blank page.
 */
// First: before any zod schema is built (SEC1, no eval under the Content-Security-Policy).
import './domain/zod-config';
import { render } from 'preact';
import { LoadingFrame } from './ui/loading-frame';
import './ui/styles.css';

const root = document.getElementById('app');
if (root) render(<LoadingFrame />, root);
void import('./boot');
