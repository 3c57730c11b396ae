import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { loadLocale } from '../src/i18n/i18n';

// Tests render without boot.tsx and switch `locale` directly: load both catalogues up front.
await loadLocale('fr');
await loadLocale('en');

afterEach(() => cleanup());
