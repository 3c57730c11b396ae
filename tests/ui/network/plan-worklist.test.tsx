// @vitest-environment node
/**
 * "Plans à suivre" on the Network page (PLAN7) and Administration › Plans : seuils (PLAN5), against
 * the real server where two devices pushed plans (tests/ui/network/network-fixture.ts: P1 3 missed,
 * 300 € late and failing; P2 2 missed, 100 € late). The lists' counts, the lines in words with
 * their big figures and no client's name, the welcome point filter, the failing list; the
 * thresholds read, refused next to their field, and saved. Node environment (dom-with-server.ts).
 */
import '../../support/dom-with-server';
import { fireEvent, render, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { type TestServer, WP_B } from '../../sync/helpers';
import { type NetworkServer, networkServer, signedIn } from './network-fixture';

const screen = within(document.body);
const servers: TestServer[] = [];
const opened: { close(): void }[] = [];

afterEach(async () => {
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

/** Each line as [reference, missed, arrears]. */
function lines(): string[][] {
  return screen
    .queryAllByTestId('worklist-line')
    .map((line) => [
      line.querySelector('h3')?.textContent ?? '',
      within(line).getByTestId('missed').textContent ?? '',
      within(line).getByTestId('arrears').textContent ?? '',
    ]);
}

async function openPlans(server: NetworkServer) {
  window.history.replaceState(null, '', '/network');
  const signed = await signedIn('coordinator', server as never);
  render(<App state={signed.state} />);
  fireEvent.click(await screen.findByRole('tab', { name: 'Plans à suivre' }));
  await waitFor(() => expect(lines()).toHaveLength(2));
  return signed;
}

describe('Plans to follow', () => {
  it('[PLAN7] lists the late plans across the network, soonest due first, with their figures and no client’s name', async () => {
    const server = await started();
    await openPlans(server);
    expect(lines()).toEqual([
      ['Dossier RL-2026-0003', '2', '100,00\u00a0€'],
      ['Dossier RL-2026-0002', '3', '300,00\u00a0€'],
    ]);
    const [p2, p1] = screen.getAllByTestId('worklist-line');
    expect(p2?.textContent).toContain('Point B');
    expect(p2?.textContent).toContain('Aucun conseiller désigné');
    expect(p2?.textContent).toContain('Plan conventionnel Banque de France');
    expect(p2?.textContent).toContain('1er décembre 2026');
    expect(p1?.textContent).toContain('Point A');
    expect(p1?.textContent).toContain('Conseiller : sam');
    expect(p1?.textContent).toContain('En retard');
    expect(p1?.textContent).toContain('En échec');
    expect(p1?.textContent).toContain('5 décembre 2026');
    expect(p1?.textContent).toContain('5 mai 2027');
    for (const line of screen.getAllByTestId('worklist-line'))
      expect(line.textContent).not.toMatch(/Zoé|Martin/);
    // The tabs' badges: 2 late, 1 failing, none under formal notice.
    const tab = (name: RegExp) => screen.getByRole('tab', { name });
    expect(tab(/^En retard/).textContent).toBe('En retard2');
    expect(tab(/^En échec/).textContent).toBe('En échec1');
    expect(tab(/^Mise en demeure/).textContent).toBe('Mise en demeure0');
    expect(await violations()).toEqual([]);
  });

  it('[PLAN7] filters by welcome point, and shows the failing list', async () => {
    const server = await started();
    const { link } = await openPlans(server);
    fireEvent.change(screen.getByLabelText('Lieu d’accueil'), { target: { value: WP_B } });
    await waitFor(() => expect(lines().map((l) => l[0])).toEqual(['Dossier RL-2026-0003']));
    fireEvent.change(screen.getByLabelText('Lieu d’accueil'), { target: { value: '' } });
    await waitFor(() => expect(lines()).toHaveLength(2));
    fireEvent.click(screen.getByRole('tab', { name: /^En échec/ }));
    await waitFor(() => expect(lines().map((l) => l[0])).toEqual(['Dossier RL-2026-0002']));
    expect(screen.getByRole('tab', { name: /^En échec/ }).getAttribute('aria-selected')).toBe('true');
    const asked = link.requests.filter((r) => r.path === '/api/plans/worklist');
    expect(asked.map((r) => [r.query.getAll('status'), r.query.getAll('welcomePoint')])).toEqual([
      [['late'], []],
      [['late'], [WP_B]],
      [['late'], []],
      [['failing'], []],
    ]);
    expect(await violations()).toEqual([]);
  });
});

describe('Administration › Plans : seuils', () => {
  it('[PLAN5] shows the thresholds, refuses wrong values next to their field, and saves the right ones', async () => {
    const server = await started();
    window.history.replaceState(null, '', '/admin');
    const { state } = await signedIn('admin', server as never);
    render(<App state={state} />);
    const section = await screen.findByRole('region', { name: 'Plans : seuils' });
    const field = (name: string) => within(section).getByLabelText(name) as HTMLInputElement;
    await waitFor(() => expect(field('Délai de grâce (jours)').value).toBe('10'));
    expect(field('En échec à partir de (échéances manquées)').value).toBe('3');
    fireEvent.input(field('Délai de grâce (jours)'), { target: { value: '61' } });
    fireEvent.input(field('En retard à partir de (échéances manquées)'), { target: { value: '4' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer les seuils' }));
    await waitFor(() => expect(document.activeElement).toBe(field('Délai de grâce (jours)')));
    expect(section.textContent).toContain('Choisissez un nombre entre 0 et 60.');
    expect(section.textContent).toContain('Un plan ne peut pas être en échec avant d’être en retard');
    expect(await violations()).toEqual([]);
    fireEvent.input(field('Délai de grâce (jours)'), { target: { value: '20' } });
    fireEvent.input(field('En retard à partir de (échéances manquées)'), { target: { value: '2' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer les seuils' }));
    expect(await within(section).findByText(/^Seuils enregistrés/)).toBeTruthy();
    const saved = await server.real.inject('GET', '/api/admin/plan-thresholds', undefined, server.adminToken);
    expect(saved.body).toEqual({
      graceDays: 20,
      lateAfterMissed: 2,
      failingAfterMissed: 3,
      reviewEveryMonths: 12,
      endingSoonMonths: 3,
    });
  });
});
