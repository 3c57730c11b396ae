import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { loadLocale } from '../src/i18n/i18n';

// Tests switch `locale` directly: make the English catalogue available up front.
await loadLocale('en');

afterEach(() => cleanup());
