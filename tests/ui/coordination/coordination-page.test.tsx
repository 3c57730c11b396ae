// @vitest-environment node
/**
 * The coordinator's console (issue 14, docs/merges.md) as a coordinator uses it, against the real
 * server app (tests/sync/helpers.ts TestServer over app.inject) where two devices recorded the same
 * family and the server's detection proposed the pair: the queue in words, the review side by
 * side with the defaults, the merge (once, even when its answer is lost), "not a duplicate", the
 * already-merged refusal, the history with its undo and LIFO refusal, the refusal for others,
 * English, and axe. Node environment, browser globals from tests/support/dom-with-server.ts.
 */
import '../../support/dom-with-server';
import { fireEvent, render, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MATCH_PARAMETERS } from '../../../src/domain/matching/match-parameters';
import type { MergeCommand, MergeLogEntry } from '../../../src/domain/sync/coordination-protocol';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import type { TestServer } from '../../sync/helpers';
import { type ConsoleServer, consoleServer, queueOf, recordZoeAgain, signedIn } from './coordination-fixture';

/** testing-library's `screen`, bound to the document dom-with-server.ts made. */
const screen = within(document.body);

const servers: TestServer[] = [];
const opened: { close(): void }[] = [];
afterEach(async () => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
  for (const db of opened.splice(0)) db.close();
  for (const server of servers.splice(0)) await server.close();
});

async function started(): Promise<ConsoleServer> {
  const server = await consoleServer(opened);
  servers.push(server.real);
  return server;
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function mergeLog(server: ConsoleServer): Promise<MergeLogEntry[]> {
  const response = await server.real.inject('GET', '/api/coordination/merges', undefined, server.adminToken);
  return (response.body as { merges: MergeLogEntry[] }).merges;
}

/** Opens the console as the coordinator and the review of the only pair. */
async function reviewThePair(server: ConsoleServer) {
  window.history.replaceState(null, '', '/coordination');
  const signed = await signedIn('coordinator', server);
  render(<App state={signed.state} />);
  const queue = await screen.findByRole('region', { name: 'Doublons possibles (1)' });
  fireEvent.click(within(queue).getByRole('button', { name: 'Examiner cette paire' }));
  const review = await screen.findByRole('region', { name: 'Examen de la paire' });
  await within(review).findByTestId('household-survivor');
  return { ...signed, review, queue };
}

const MERGES = '/api/coordination/merges';

describe('Coordinator console', () => {
  it('is linked from the header for coordinators and admins only, and refuses others without asking', async () => {
    const server = await started();
    for (const role of ['volunteer', 'counsellor', null, 'coordinator', 'admin'] as const) {
      const { state } = await signedIn(role, server);
      const { unmount } = render(<App state={state} />);
      const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
      // The coordinators' entries sit behind "Coordination" in the wide header (app-header.tsx).
      const group = within(nav).queryByRole('button', { name: 'Coordination' });
      if (group !== null) fireEvent.click(group);
      const link = within(nav).queryByRole('link', { name: 'Doublons' });
      expect([role, link?.getAttribute('href') ?? null]).toEqual([
        role,
        role === 'coordinator' || role === 'admin' ? '/coordination' : null,
      ]);
      unmount();
    }
    window.history.replaceState(null, '', '/coordination');
    const { state, link } = await signedIn('counsellor', server);
    render(<App state={state} />);
    expect((await screen.findByTestId('coordination-refused')).textContent).toContain(
      'réservée aux coordinateurs et aux administrateurs',
    );
    expect(link.requests.filter((r) => r.path.startsWith('/api/coordination'))).toEqual([]);
  });

  it('[DUP1] lists the pair the server found: both households, their welcome points, the score in words, the reasons', async () => {
    const server = await started();
    const [pair] = await queueOf(server);
    window.history.replaceState(null, '', '/coordination');
    const { state } = await signedIn('coordinator', server);
    render(<App state={state} />);
    const queue = await screen.findByRole('region', { name: 'Doublons possibles (1)' });
    const card = within(queue).getByTestId('candidate-pair');
    expect(card.textContent).toContain('Zoé MARTIN');
    expect(card.textContent).toContain('Zoé MARTAIN');
    expect(card.textContent).toContain('Point A');
    expect(card.textContent).toContain('Point B');
    // The band from the matching threshold (src/domain/matching/match-parameters.ts), +10 for "très".
    const score = pair?.score ?? 0;
    expect(score).toBeGreaterThanOrEqual(MATCH_PARAMETERS.threshold);
    expect(within(card).getByTestId('pair-score').textContent).toBe(
      score >= MATCH_PARAMETERS.threshold + 10 ? 'Très probable' : 'Probable',
    );
    expect(card.textContent).toContain('Date de naissance : identique');
    expect(card.textContent).toContain('Nom : se prononce pareil (« Martin » et « Martain »)');
    // The welcome point filter names the welcome points; Point A keeps the pair (Sam's is there).
    const select = screen.getByRole('combobox', { name: 'Lieu d’accueil' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Tous les lieux d’accueil',
      'Point A',
      'Point B',
    ]);
    expect(await violations()).toEqual([]);
  });

  it('[MERGE4] shows both households side by side, preselects the most recent value, keeps both duplicate children by default', async () => {
    const server = await started();
    const { review } = await reviewThePair(server);
    // Opening a review takes the focus to its heading.
    await waitFor(() => expect(document.activeElement?.id).toBe('coordination-review'));
    const survivor = within(review).getByTestId('household-survivor');
    const merged = within(review).getByTestId('household-merged');
    expect(survivor.textContent).toContain('Sam Martin');
    expect(merged.textContent).toContain('Léa Bernard');
    expect(survivor.textContent).toContain('Point A');
    expect(merged.textContent).toContain('Point B');
    expect(survivor.textContent).toMatch(/1\s450,00\s€ par mois/);
    expect(survivor.textContent).toContain('Loyer');
    expect(survivor.textContent).toContain('Cofidis');
    expect(survivor.textContent).toMatch(/3\s500,00\s€/);
    expect(merged.textContent).toContain('CF-778812');
    // The debt and creditor found in both are marked in words.
    expect(within(merged).getAllByText('en double').length).toBeGreaterThan(0);
    // Léa recorded her phone number later: hers is preselected, and so is her welcome point.
    const phone = within(review).getByRole('group', { name: 'Valeur à garder : Téléphone' });
    expect((within(phone).getByRole('radio', { name: /06 99 88 77 66/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((within(phone).getByRole('radio', { name: /06 11 22 33 44/ }) as HTMLInputElement).checked).toBe(
      false,
    );
    const children = within(review).getAllByTestId('child-duplicate');
    expect(children.length).toBeGreaterThan(0);
    for (const group of children) {
      expect(
        (within(group).getByRole('radio', { name: /Garder les deux/ }) as HTMLInputElement).checked,
      ).toBe(true);
    }
    expect(await violations()).toEqual([]);
  });

  it('asks for a reason before merging, and the focus goes to it', async () => {
    const server = await started();
    const { review, link } = await reviewThePair(server);
    fireEvent.click(within(review).getByRole('button', { name: 'Fusionner' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('merge-reason'));
    expect(within(review).getByText('Écrivez le motif de la fusion.')).toBeTruthy();
    expect(document.activeElement?.getAttribute('aria-invalid')).toBe('true');
    expect(link.posted(MERGES)).toEqual([]);
    expect(await violations()).toEqual([]);
  });

  it('[MERGE2] a merge whose answer was lost is retried with the same mergeId and applied once', async () => {
    const server = await started();
    const { review, link } = await reviewThePair(server);
    // The coordinator keeps Sam's phone number rather than the default.
    fireEvent.click(within(review).getByRole('radio', { name: /06 11 22 33 44/ }));
    fireEvent.input(within(review).getByLabelText(/Motif de la décision/), {
      target: { value: 'Même personne, même date de naissance et même crédit' },
    });
    link.dropNext = MERGES;
    fireEvent.click(within(review).getByRole('button', { name: 'Fusionner' }));
    expect((await within(review).findByTestId('review-error')).textContent).toContain(
      'on ne sait pas encore si la fusion est faite',
    );
    // The server did merge (its answer was lost).
    expect(await mergeLog(server)).toHaveLength(1);
    fireEvent.click(within(review).getByRole('button', { name: 'Fusionner' }));
    await waitFor(() =>
      expect(screen.getByTestId('coordination-status').textContent).toContain('C’est fait'),
    );
    const sent = link.posted(MERGES) as MergeCommand[];
    expect(sent).toHaveLength(2);
    expect(sent[1]?.mergeId).toBe(sent[0]?.mergeId);
    const log = await mergeLog(server);
    expect(log.map((m) => m.mergeId)).toEqual([sent[0]?.mergeId]);
    expect(log[0]?.keptFields.find((f) => f.field === 'phone')).toMatchObject({
      pick: 'survivor',
      value: '06 11 22 33 44',
    });
    // The pair left the queue, the focus went to it, the history shows the merge.
    await waitFor(() => expect(document.activeElement?.id).toBe('coordination-queue'));
    expect(screen.getByRole('region', { name: 'Doublons possibles (0)' })).toBeTruthy();
    const history = await screen.findByRole('region', { name: 'Historique des fusions (1)' });
    const entry = within(history).getByTestId('merge-entry');
    expect(entry.textContent).toContain('Camille Roux');
    expect(entry.textContent).toContain('Même personne, même date de naissance et même crédit');
    expect(entry.textContent).toContain('Téléphone : « 06 11 22 33 44 » (du foyer gardé)');
    expect(within(entry).getByTestId('merge-status').textContent).toBe('En place');
    expect(within(entry).getByTestId('merge-redirects').textContent).toContain('0 modification');
    expect(await violations()).toEqual([]);
  });

  it('[DUP2] "Pas un doublon" takes the pair out of the queue and the server keeps it aside', async () => {
    const server = await started();
    const { review } = await reviewThePair(server);
    fireEvent.click(within(review).getByRole('button', { name: 'Pas un doublon' }));
    expect(await screen.findByRole('region', { name: 'Doublons possibles (0)' })).toBeTruthy();
    expect(screen.getByText('Aucun doublon possible à examiner.')).toBeTruthy();
    expect(await queueOf(server)).toEqual([]);
    expect(await queueOf(server, 'not_duplicate')).toHaveLength(1);
    fireEvent.click(screen.getByRole('radio', { name: 'Pas des doublons' }));
    expect(await screen.findByRole('region', { name: 'Doublons possibles (1)' })).toBeTruthy();
  });

  it('[MERGE3] a merge refused because one household was merged meanwhile says into which, and offers that review', async () => {
    const server = await started();
    const third = await recordZoeAgain(server);
    window.history.replaceState(null, '', '/coordination');
    const { state, link } = await signedIn('coordinator', server);
    render(<App state={state} />);
    // Three records of Zoé: three pairs. The one of Sam's first record and Léa's, in queue order.
    const queue = await screen.findByRole('region', { name: 'Doublons possibles (3)' });
    const listed = await queueOf(server);
    const pairOf = [server.sams.householdId, server.leas.householdId].sort().join();
    const index = listed.findIndex((c) => [c.householdA.id, c.householdB.id].sort().join() === pairOf);
    const samsAndLeas = listed[index];
    const pairCard = within(queue).getAllByTestId('candidate-pair')[index] as HTMLElement;
    fireEvent.click(within(pairCard).getByRole('button', { name: 'Examiner cette paire' }));
    const review = await screen.findByRole('region', { name: 'Examen de la paire' });
    await within(review).findByTestId('household-survivor');
    const mergedAway = samsAndLeas?.householdB.id ?? '';
    // Meanwhile another coordinator merges the second household of the pair into the third.
    const preview = await server.real.inject(
      'GET',
      `/api/coordination/merge-preview?survivorId=${third.householdId}&mergedId=${mergedAway}`,
      undefined,
      server.adminToken,
    );
    const elsewhere = await server.real.inject(
      'POST',
      MERGES,
      {
        mergeId: '0190f3a2-0000-7000-8000-0000000000aa',
        survivorId: third.householdId,
        mergedId: mergedAway,
        reason: 'Fusion faite depuis un autre poste',
        fieldChoices: {},
        childChoices: (
          preview.body as {
            childDuplicates: { entity: string; survivorChildId: string; mergedChildId: string }[];
          }
        ).childDuplicates.map((d) => ({ ...d, keep: 'both' })),
      },
      server.adminToken,
    );
    expect(elsewhere.status).toBe(200);
    fireEvent.input(within(review).getByLabelText(/Motif de la décision/), { target: { value: 'Doublon' } });
    fireEvent.click(within(review).getByRole('button', { name: 'Fusionner' }));
    const refusal = await within(review).findByTestId('merge-refusal');
    expect(refusal.textContent).toContain('a déjà été fusionné dans le foyer Zoé MARTIN');
    expect(await violations()).toEqual([]);
    fireEvent.click(within(refusal).getByRole('button', { name: 'Examiner ce foyer avec l’autre' }));
    await waitFor(() => expect(within(review).queryByTestId('merge-refusal')).toBeNull());
    // The review is now the third household (the survivor) with the one of the pair still live.
    const kept = [server.sams.householdId, server.leas.householdId].find((id) => id !== mergedAway);
    const previews = link.requests.filter((r) => r.path === '/api/coordination/merge-preview');
    expect(Object.fromEntries(previews.at(-1)?.query ?? [])).toEqual({
      survivorId: third.householdId,
      mergedId: kept,
    });
    await within(review).findByTestId('household-survivor');
    expect(await violations()).toEqual([]);
  });

  it('[MERGE6] the history refuses an undo out of order in plain words, then undoes in order', async () => {
    const server = await started();
    const third = await recordZoeAgain(server);
    const mergeVia = async (survivorId: string, mergedId: string, mergeId: string) => {
      const preview = await server.real.inject(
        'GET',
        `/api/coordination/merge-preview?survivorId=${survivorId}&mergedId=${mergedId}`,
        undefined,
        server.adminToken,
      );
      const body = preview.body as {
        childDuplicates: { entity: string; survivorChildId: string; mergedChildId: string }[];
      };
      const response = await server.real.inject(
        'POST',
        MERGES,
        {
          mergeId,
          survivorId,
          mergedId,
          reason: 'Même famille',
          fieldChoices: {},
          // Keep-both of the creditor and debt would leave the second merge two duplicates of
          // one child: the server answers 503 to that today (reported to the merge branch).
          childChoices: body.childDuplicates.map((d) => ({
            ...d,
            keep: d.entity === 'member' ? 'both' : 'survivor',
          })),
        },
        server.adminToken,
      );
      expect(response.status).toBe(200);
    };
    const first = '0190f3a2-0000-7000-8000-000000000001';
    const second = '0190f3a2-0000-7000-8000-000000000002';
    await mergeVia(server.sams.householdId, server.leas.householdId, first);
    await mergeVia(third.householdId, server.sams.householdId, second);
    window.history.replaceState(null, '', '/coordination');
    const { state, link } = await signedIn('coordinator', server);
    render(<App state={state} />);
    const history = await screen.findByRole('region', { name: 'Historique des fusions (2)' });
    const entries = within(history).getAllByTestId('merge-entry');
    const older = entries[1] as HTMLElement;
    fireEvent.click(within(older).getByRole('button', { name: 'Annuler la fusion' }));
    await waitFor(() => expect(document.activeElement?.id).toBe(`undo-reason-${first}`));
    expect(link.posted(`${MERGES}/${first}/undo`)).toEqual([]);
    fireEvent.input(within(older).getByLabelText(/Motif de l’annulation/), {
      target: { value: 'Deux sœurs, pas la même personne' },
    });
    fireEvent.click(within(older).getByRole('button', { name: 'Annuler la fusion' }));
    const refusal = await within(older).findByTestId('undo-refusal');
    expect(refusal.textContent).toContain('annulez d’abord la plus récente');
    expect(await violations()).toEqual([]);
    fireEvent.click(within(refusal).getByRole('link', { name: 'Voir la fusion plus récente' }));
    expect(document.activeElement?.id).toBe(`merge-${second}`);
    // In order: the later one first, then the first one.
    const newer = entries[0] as HTMLElement;
    fireEvent.input(within(newer).getByLabelText(/Motif de l’annulation/), {
      target: { value: 'Fusion faite trop vite' },
    });
    fireEvent.click(within(newer).getByRole('button', { name: 'Annuler la fusion' }));
    await waitFor(() =>
      expect(
        within(history)
          .getAllByTestId('merge-status')
          .map((s) => s.textContent),
      ).toEqual(['Annulée', 'En place']),
    );
    const older2 = within(history).getAllByTestId('merge-entry')[1] as HTMLElement;
    fireEvent.input(within(older2).getByLabelText(/Motif de l’annulation/), {
      target: { value: 'Deux sœurs, pas la même personne' },
    });
    fireEvent.click(within(older2).getByRole('button', { name: 'Annuler la fusion' }));
    await waitFor(() =>
      expect(
        within(history)
          .getAllByTestId('merge-status')
          .map((s) => s.textContent),
      ).toEqual(['Annulée', 'Annulée']),
    );
    expect((await mergeLog(server)).map((m) => m.status)).toEqual(['undone', 'undone']);
    const undone = within(history).getAllByTestId('merge-entry')[1] as HTMLElement;
    expect(undone.textContent).toContain('Deux sœurs, pas la même personne');
    expect(undone.textContent).toContain('Annulée par');
    expect(await violations()).toEqual([]);
  });

  it('[MERGE6] after an undo, a field edited since the merge is listed to check, and stays as edited', async () => {
    const server = await started();
    const { review } = await reviewThePair(server);
    // Léa's newer phone number (the default) is written on Sam's household by the merge; the
    // household stays at Point A (else it would leave Sam's tablet, MERGE10).
    const place = within(review).getByRole('group', { name: 'Valeur à garder : Lieu d’accueil' });
    fireEvent.click(within(place).getByRole('radio', { name: /Point A/ }));
    fireEvent.input(within(review).getByLabelText(/Motif de la décision/), {
      target: { value: 'Même famille' },
    });
    fireEvent.click(within(review).getByRole('button', { name: 'Fusionner' }));
    const history = await screen.findByRole('region', { name: 'Historique des fusions (1)' });
    // Sam's tablet pulls the merge, then Sam corrects the phone number on the kept household.
    const tablet = server.devices[0];
    if (tablet === undefined) throw new Error('no tablet');
    await tablet.client.sync();
    await tablet.repository.updateFields('household', server.sams.householdId, { phone: '07 55 44 33 22' });
    await tablet.client.sync();
    const entry = within(history).getByTestId('merge-entry');
    fireEvent.input(within(entry).getByLabelText(/Motif de l’annulation/), {
      target: { value: 'Deux personnes différentes' },
    });
    fireEvent.click(within(entry).getByRole('button', { name: 'Annuler la fusion' }));
    const flags = await within(history).findByTestId('merge-flags');
    expect(flags.textContent).toContain('Téléphone a été modifié après la fusion');
    const [row] = await server.real.store.transaction((tx) => tx.getRows([server.sams.householdId]));
    expect(row?.data.phone).toBe('07 55 44 33 22');
    await waitFor(() => expect(document.activeElement?.id).toMatch(/^merge-/));
    expect(
      screen.getByText('C’est fait : la fusion est annulée, les deux foyers sont de nouveau séparés.'),
    ).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it('offline: a plain message and no request', async () => {
    const server = await started();
    window.history.replaceState(null, '', '/coordination');
    const { state, setOnline, link } = await signedIn('coordinator', server);
    setOnline(false);
    render(<App state={state} />);
    expect((await screen.findByTestId('coordination-error')).textContent).toContain(
      'Cette page a besoin d’une connexion internet',
    );
    expect(link.requests.filter((r) => r.path.startsWith('/api/coordination'))).toEqual([]);
  });

  it('in English too', async () => {
    const server = await started();
    window.history.replaceState(null, '', '/coordination');
    const { state } = await signedIn('coordinator', server);
    await state.setLocale('en');
    render(<App state={state} />);
    const queue = await screen.findByRole('region', { name: 'Possible duplicates (1)' });
    fireEvent.click(within(queue).getByRole('button', { name: 'Review this pair' }));
    const review = await screen.findByRole('region', { name: 'Review of the pair' });
    await within(review).findByTestId('household-survivor');
    expect(within(review).getByRole('button', { name: 'Merge' })).toBeTruthy();
    expect(within(review).getByRole('button', { name: 'Not a duplicate' })).toBeTruthy();
    expect(within(review).getByRole('group', { name: 'Value to keep: Phone' })).toBeTruthy();
    expect(await violations()).toEqual([]);
  });
});
