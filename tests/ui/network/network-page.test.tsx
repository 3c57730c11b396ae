// @vitest-environment node
/**
 * The Network page (issue 15) as a coordinator uses it, against the real server app where two
 * devices pushed a small network (tests/ui/network/network-fixture.ts, figures derived there by
 * hand): the link for coordinators only, the report's figures in words, the charts whose data
 * tables hold the same figures, the period's field errors, the CSV downloads, a figure restated
 * after an export (RPT5), and axe. Node environment, browser globals from dom-with-server.ts.
 */
import '../../support/dom-with-server';
import { fireEvent, render, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import type { TestServer } from '../../sync/helpers';
import { type NetworkServer, networkServer, signedIn } from './network-fixture';

const screen = within(document.body);
const servers: TestServer[] = [];
const opened: { close(): void }[] = [];
let downloads: { name: string; blob: Blob }[] = [];

beforeEach(() => {
  downloads = [];
  let lastBlob: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    lastBlob = blob as Blob;
    return 'blob:relais-test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (this.download && lastBlob) downloads.push({ name: this.download, blob: lastBlob });
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
  for (const db of opened.splice(0)) db.close();
  for (const server of servers.splice(0)) await server.close();
});

async function started(): Promise<NetworkServer> {
  const server = await networkServer(opened);
  servers.push(server.real);
  return server;
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens /network as the coordinator and asks for the report of January to March 2026. */
async function reportOfFirstQuarter(server: NetworkServer) {
  window.history.replaceState(null, '', '/network');
  const signed = await signedIn('coordinator', server as never);
  render(<App state={signed.state} />);
  fireEvent.click(await screen.findByRole('radio', { name: 'D’autres dates' }));
  fireEvent.input(screen.getByLabelText('Du'), { target: { value: '2026-01-01' } });
  fireEvent.input(screen.getByLabelText('Au (inclus)'), { target: { value: '2026-03-31' } });
  fireEvent.click(screen.getByRole('button', { name: 'Afficher le rapport' }));
  const report = await screen.findByRole('region', { name: 'Rapport du 1er janvier 2026 au 31 mars 2026' });
  return { ...signed, report };
}

/** The rows of a chart's data table: [label, figure]. */
function tableOf(chart: HTMLElement): string[][] {
  return within(chart)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

/** The figure written on each bar of a chart, in order. */
function barFigures(chart: HTMLElement): string[] {
  return [...chart.querySelectorAll('svg .bar-chart-value')].map((text) => text.textContent ?? '');
}

describe('Network page', () => {
  it('is behind the Coordination entry for coordinators and admins, and refuses others without asking', async () => {
    const server = await started();
    for (const role of ['volunteer', 'counsellor', null, 'coordinator', 'admin'] as const) {
      const { state } = await signedIn(role, server as never);
      const { unmount } = render(<App state={state} />);
      const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
      const group = within(nav).queryByRole('button', { name: 'Coordination' });
      if (group !== null) fireEvent.click(group);
      const link = within(nav).queryByRole('link', { name: 'Réseau' });
      expect([role, link?.getAttribute('href') ?? null]).toEqual([
        role,
        role === 'coordinator' || role === 'admin' ? '/network' : null,
      ]);
      unmount();
    }
    window.history.replaceState(null, '', '/network');
    const { state, link } = await signedIn('counsellor', server as never);
    render(<App state={state} />);
    expect((await screen.findByTestId('network-refused')).textContent).toContain(
      'réservée aux coordinateurs et aux administrateurs',
    );
    expect(link.requests.filter((r) => r.path.startsWith('/api/reports'))).toEqual([]);
  });

  it('groups the coordinators’ entries behind one disclosure in the wide header, which says the page open', async () => {
    const server = await started();
    window.history.replaceState(null, '', '/network');
    const { state } = await signedIn('admin', server as never);
    render(<App state={state} />);
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    const group = within(nav).getByRole('button', { name: 'Coordination (Réseau)' });
    expect(group.getAttribute('aria-expanded')).toBe('false');
    expect(within(nav).queryByRole('link', { name: 'Supervision' })).toBeNull();
    // The other entries stay in the row: Dossiers, Ateliers, Plans (an admin follows plans, PLAN8),
    // Réglages, the group, Administration.
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Dossiers', 'Ateliers', 'Plans', 'Réglages', 'Administration']);
    fireEvent.click(group);
    expect(group.getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(group.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(
      within(panel)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('aria-current')]),
    ).toEqual([
      ['Supervision', null],
      ['Doublons', null],
      ['Réseau', 'page'],
    ]);
    within(panel).getByRole('link', { name: 'Doublons' }).focus();
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(group.getAttribute('aria-expanded')).toBe('false'));
    expect(document.activeElement).toBe(group);
    expect(await violations()).toEqual([]);
  });

  it('[RPT1] shows the 15 indicators in words with what each counts, new and followed households apart', async () => {
    const server = await started();
    const { report } = await reportOfFirstQuarter(server);
    const list = within(report).getByTestId('indicator-list');
    expect(list.querySelectorAll('dl.indicator')).toHaveLength(15);
    const total = (code: string) => within(report).getByTestId(`total-${code}`).textContent;
    expect([
      total('consultations'),
      total('diagnoses'),
      total('households_new'),
      total('households_followed'),
    ]).toEqual(['4', '1', '2', '3']);
    expect(total('training_hours')).toBe('0 h');
    expect(list.textContent).toContain('Diagnostics budgétaires complets');
    expect(list.textContent).toContain('Chaque rendez-vous ou visite noté « fait »');
    // Followed = new + carried over (RPT4): H2 was opened before the period.
    const households = within(report).getByTestId('household-figures');
    expect(households.textContent).toContain('Foyers suivis depuis avant la période1');
    expect(await violations()).toEqual([]);
  });

  it('[RPT3] draws the chosen indicator by month and by welcome point, each bar and table row with its figure', async () => {
    const server = await started();
    const { report } = await reportOfFirstQuarter(server);
    const byMonth = within(report).getByTestId('chart-by-month');
    const byPoint = within(report).getByTestId('chart-by-welcome-point');
    expect(within(byMonth).getByText('Consultations, par mois')).toBeTruthy();
    expect(tableOf(byMonth)).toEqual([
      ['janvier 2026', '1'],
      ['février 2026', '1'],
      ['mars 2026', '2'],
    ]);
    expect(barFigures(byMonth)).toEqual(['1', '1', '2']);
    expect(tableOf(byPoint)).toEqual([
      ['Point A', '3'],
      ['Point B', '1'],
    ]);
    expect(barFigures(byPoint)).toEqual(['3', '1']);
    // Each bar is hatched (readable in black and white), not told apart by colour.
    for (const bar of byMonth.querySelectorAll('rect.bar-chart-bar'))
      expect(bar.getAttribute('fill')).toBe('url(#chart-by-month-hatch)');
    fireEvent.change(within(report).getByLabelText('Indicateur à représenter'), {
      target: { value: 'households_followed' },
    });
    await waitFor(() => expect(tableOf(byMonth).map((row) => row[1])).toEqual(['2', '2', '3']));
    expect(tableOf(within(report).getByTestId('chart-by-welcome-point'))).toEqual([
      ['Point A', '2'],
      ['Point B', '1'],
    ]);
    expect(await violations()).toEqual([]);
  });

  it('refuses a period typed wrong next to its field, focuses it, and asks nothing', async () => {
    const server = await started();
    window.history.replaceState(null, '', '/network');
    const { state, link } = await signedIn('coordinator', server as never);
    render(<App state={state} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'D’autres dates' }));
    fireEvent.input(screen.getByLabelText('Du'), { target: { value: '2026-06-01' } });
    fireEvent.input(screen.getByLabelText('Au (inclus)'), { target: { value: '2026-05-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Afficher le rapport' }));
    const to = screen.getByLabelText('Au (inclus)');
    await waitFor(() => expect(document.activeElement).toBe(to));
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'La date de fin doit être le même jour que la date de début, ou après.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Tout décocher' }));
    fireEvent.input(to, { target: { value: '2026-06-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Afficher le rapport' }));
    expect(await screen.findByText('Cochez au moins un lieu d’accueil.')).toBeTruthy();
    expect(link.requests.filter((r) => r.path.startsWith('/api/reports'))).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it('[RPT9] [RPT10] downloads the report, the PCB preset and the anonymised dossiers as CSV files', async () => {
    const server = await started();
    const { report } = await reportOfFirstQuarter(server);
    fireEvent.click(within(report).getByRole('button', { name: 'Exporter en CSV' }));
    await within(report).findByText('Fichier téléchargé : rapport-activite_2026-01-01_2026-03-31.csv.');
    fireEvent.click(within(report).getByRole('button', { name: 'Point conseil budget (CSV)' }));
    await within(report).findByText('Fichier téléchargé : rapport-activite_2026-01-01_2026-03-31_pcb.csv.');
    fireEvent.click(within(report).getByRole('button', { name: 'Dossiers anonymisés (CSV)' }));
    await within(report).findByText(/^Fichier téléchargé : dossiers-anonymises/);
    expect(downloads.map((d) => d.name)).toEqual([
      'rapport-activite_2026-01-01_2026-03-31.csv',
      'rapport-activite_2026-01-01_2026-03-31_pcb.csv',
      'dossiers-anonymises_2026-01-01_2026-03-31.csv',
    ]);
    // RPT10: one line per household followed in the period (H1, H2, H3), and no name.
    const dossiers = new TextDecoder().decode(await (downloads[2]?.blob ?? new Blob()).arrayBuffer());
    expect(
      dossiers
        .replace(/^\ufeff/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1 + 3);
    expect(dossiers).not.toMatch(/Zoé|Martin/i);
    const bytes = new Uint8Array(await (downloads[0]?.blob ?? new Blob()).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, total] = text.split('\r\n');
    expect(header?.split(';')).toContain('consultations');
    const columns = header?.split(';') ?? [];
    expect(total?.split(';')[columns.indexOf('consultations')]).toBe('4');
  });

  it('[RPT5] marks a figure that changed since the last export as restated, with the figure exported', async () => {
    const server = await started();
    const first = await reportOfFirstQuarter(server);
    fireEvent.click(within(first.report).getByRole('button', { name: 'Exporter en CSV' }));
    await within(first.report).findByText(/^Fichier téléchargé/);
    // Léa records one more consultation in March for H3, after the export.
    const phone = server.devices[1];
    if (phone === undefined) throw new Error('no phone');
    await phone.repository.addRow('appointment', server.households.h3, {
      startsAt: '2026-03-20T14:00',
      status: 'done',
    });
    await phone.client.sync();
    await server.real.app.derived.idle();
    fireEvent.click(screen.getByRole('button', { name: 'Afficher le rapport' }));
    await waitFor(() =>
      expect(within(first.report).getByTestId('total-consultations').textContent).toBe('5'),
    );
    const card = within(first.report).getByTestId('total-consultations').closest('dl') as HTMLElement;
    expect(card.textContent).toContain('Rectifié');
    expect(card.textContent).toContain('Ce chiffre était 4 dans l’export du');
    expect(within(first.report).getByTestId('restated-summary').textContent).toBe(
      '1 chiffre a changé depuis le dernier export : il est marqué « rectifié ».',
    );
    const diagnoses = within(first.report).getByTestId('total-diagnoses').closest('dl') as HTMLElement;
    expect(diagnoses.textContent).not.toContain('Rectifié');
    expect(await violations()).toEqual([]);
  });

  it('speaks English', async () => {
    const server = await started();
    const { state } = await signedIn('coordinator', server as never);
    await state.setLocale('en');
    window.history.replaceState(null, '', '/network');
    render(<App state={state} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Network' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Activity report' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Plans to follow' })).toBeTruthy();
  });
});
