import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { loadLocale } from '../src/i18n/i18n';

// Tests render without boot.tsx and switch `locale` directly: load both catalogues up front.
await loadLocale('fr');
await loadLocale('en');

// Screens are lazy routes that Vitest transforms on first import: on a loaded 2-core machine that
// alone can pass testing-library's default 1 s, so `findBy…`/`waitFor` wait up to 5 s (they
// still return as soon as the screen is there).
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());

// Screens render at the 10-inch tablet's landscape width, where the header shows its navigation
// in its row (src/ui/components/app-header.tsx; phones are measured in the browser suite). Files
// of this project that ask for the node environment have no window.
if (typeof window !== 'undefined') {
  const { happyDOM } = window as unknown as {
    happyDOM?: { setViewport(size: { width: number; height: number }): void };
  };
  happyDOM?.setViewport({ width: 1280, height: 800 });
}
