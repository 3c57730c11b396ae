/**
 * Administration › Journal des accès (docs/access-log.md ALOG6) as an admin sees it: the filters
 * reach the server's query, the table says when (Paris time), who (display name), on which
 * device, what (plain words) and which dossier, newest first; older entries come a page at a
 * time; a refusal is said in words; French and English; axe-core finds nothing. The server's
 * answers are canned here (its route is tested in tests/server/access-log).
 */
import { signal } from '@preact/signals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessLogEntry, AccessLogPage } from '../../../src/domain/sync/access-log';
import { adminEn } from '../../../src/i18n/catalogues/admin-en';
import { adminFr } from '../../../src/i18n/catalogues/admin-fr';
import { locale, provideLazyCatalogue } from '../../../src/i18n/i18n';
import { createAccessLogModel } from '../../../src/state/access-log-model';
import type { User } from '../../../src/state/admin-model';
import { AdminApi } from '../../../src/sync/admin-api';
import { AccessLogSection } from '../../../src/ui/pages/admin/access-log-section';
import { axeViolations } from '../axe-violations';

provideLazyCatalogue({ fr: adminFr, en: adminEn });

const USERS: User[] = [
  {
    id: 'u-ana',
    username: 'ana',
    displayName: 'Ana Conseillère',
    role: 'counsellor',
    welcomePointIds: [],
    disabled: false,
  },
  {
    id: 'u-bob',
    username: 'bob',
    displayName: 'Bob Coordinateur',
    role: 'coordinator',
    welcomePointIds: [],
    disabled: false,
  },
] as unknown as User[];

// 14 July 2026, 10:05 UTC is 12:05 in Paris (summer time).
const SUMMER_NOON = Date.UTC(2026, 6, 14, 10, 5);

function entry(overrides: Partial<AccessLogEntry>): AccessLogEntry {
  return {
    id: `e-${Math.random().toString(36).slice(2)}`,
    at: SUMMER_NOON,
    userId: 'u-ana',
    userDisplayName: 'Ana Conseillère',
    deviceId: 'd-1',
    deviceName: 'Tablette du lundi',
    action: 'open',
    householdId: 'hh-123',
    detail: {},
    ...overrides,
  };
}

/** A server that answers `pages` in turn and remembers each query string. */
function cannedServer(pages: AccessLogPage[]) {
  const queries: URLSearchParams[] = [];
  const api = new AdminApi({
    session: () => ({ token: 't' }) as never,
    fetch: async (input) => {
      queries.push(new URL(input, 'http://x').searchParams);
      const page = pages.shift();
      return page === undefined
        ? new Response(JSON.stringify({ message: 'no' }), { status: 403 })
        : new Response(JSON.stringify(page), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          });
    },
  });
  return { api, queries };
}

afterEach(() => {
  locale.value = 'fr';
});

describe('Journal des accès', () => {
  it('[ALOG6] filters by dossier and person, shows each entry in plain words, pages back', async () => {
    const { api, queries } = cannedServer([
      {
        entries: [
          entry({ action: 'open' }),
          entry({
            action: 'dossier_export',
            householdId: null,
            userId: 'u-bob',
            userDisplayName: 'Bob Coordinateur',
            deviceName: null,
          }),
        ],
        nextCursor: 'c1',
      },
      { entries: [entry({ action: 'push', at: SUMMER_NOON - 86_400_000 })], nextCursor: null },
    ]);
    const model = createAccessLogModel(api, signal(true));
    render(<AccessLogSection model={model} users={USERS} online={true} />);

    fireEvent.input(screen.getByLabelText('Numéro du dossier'), { target: { value: ' hh-123 ' } });
    fireEvent.change(screen.getByLabelText('Personne'), { target: { value: 'u-ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Afficher le journal' }));

    const table = await screen.findByRole('table', { name: /Accès, du plus récent au plus ancien/ });
    expect(queries[0]?.get('householdId')).toBe('hh-123');
    expect(queries[0]?.get('userId')).toBe('u-ana');
    const rows = within(table).getAllByRole('row').slice(1);
    const first = within(rows[0] as HTMLElement)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(first[0]).toMatch(/14 juil\. 2026.*12:05/);
    expect(first.slice(1)).toEqual(['Ana Conseillère', 'Tablette du lundi', 'A ouvert le dossier', 'hh-123']);
    const second = within(rows[1] as HTMLElement)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(second.slice(1)).toEqual([
      'Bob Coordinateur',
      'Sans nom',
      'A exporté les dossiers anonymisés',
      'Tout le réseau',
    ]);
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Afficher les accès plus anciens' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(queries[1]?.get('cursor')).toBe('c1');
    expect(screen.queryByRole('button', { name: 'Afficher les accès plus anciens' })).toBeNull();
  });

  it('[ALOG6] says when nothing matches, and why a search failed', async () => {
    const { api } = cannedServer([{ entries: [], nextCursor: null }]);
    const model = createAccessLogModel(api, signal(true));
    render(<AccessLogSection model={model} users={USERS} online={true} />);
    fireEvent.click(screen.getByRole('button', { name: 'Afficher le journal' }));
    await waitFor(() =>
      expect(screen.getByTestId('access-log-status').textContent).toBe(
        'Aucun accès ne correspond à ces critères.',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Afficher le journal' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(adminFr['admin.failure.forbidden']);
  });

  it('[ALOG6] in English', async () => {
    locale.value = 'en';
    const { api } = cannedServer([{ entries: [entry({ action: 'pull' })], nextCursor: null }]);
    const model = createAccessLogModel(api, signal(true));
    render(<AccessLogSection model={model} users={USERS} online={true} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show the log' }));
    const table = await screen.findByRole('table', { name: /Accesses, newest first/ });
    expect(within(table).getByText('Received the case on their tablet')).toBeTruthy();
  });
});
