// @vitest-environment node
/**
 * Droits de la personne on a dossier's follow-up (docs/household-rights.md RIGHT1–RIGHT3, RIGHT7)
 * and Administration › Conservation des dossiers (RIGHT12), against the real server: shown to
 * coordinators and admins only, the export downloads and says so, the erasure asks for a ground
 * and the typed reference (each refusal next to its field), then says what was erased; axe-clean.
 */
import '../../support/dom-with-server';
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { householdFields, sqliteEngine, TestClock, TestServer } from '../../sync/helpers';
import { signedIn } from '../coordination/coordination-fixture';

const screen = within(document.body);
const servers: TestServer[] = [];
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
  cleanup();
  for (const server of servers.splice(0)) await server.close();
});

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function started() {
  const real = await TestServer.start(sqliteEngine, new TestClock(Date.UTC(2026, 10, 20, 9, 0), 1));
  servers.push(real);
  const adminToken = await real.makeWorld([
    { username: 'camille', role: 'coordinator' },
    { username: 'sam', role: 'counsellor' },
  ]);
  return { real, adminToken };
}

/** A dossier made on `role`'s device and synced; the follow-up tab open. */
async function dossierOf(role: 'coordinator' | 'counsellor', server: Awaited<ReturnType<typeof started>>) {
  const signed = await signedIn(role, server as never);
  const { household } = await signed.deps.workspace.repository.createHousehold(
    { ...householdFields(), reference: 'RL-2026-0042' } as never,
    [{ role: 'applicant', firstName: 'Zoé', lastName: 'Martin', birthDate: '1984-03-07' }],
  );
  await signed.service.syncNow();
  window.history.replaceState(null, '', `/dossiers/${household.id}/followup`);
  render(<App state={signed.state} />);
  return { ...signed, householdId: household.id };
}

describe('Droits de la personne', () => {
  it('[RIGHT3] is not offered to a counsellor', async () => {
    const server = await started();
    await dossierOf('counsellor', server);
    await screen.findByRole('heading', { name: 'Orientation du dossier' });
    expect(screen.queryByTestId('household-rights')).toBeNull();
  });

  it('[RIGHT1][RIGHT2][RIGHT3] exports, then erases after the ground and the typed reference, each refusal next to its field', async () => {
    const server = await started();
    const { householdId } = await dossierOf('coordinator', server);
    const section = await screen.findByTestId('household-rights');
    expect(within(section).getByRole('heading', { name: 'Droits de la personne' })).toBeTruthy();
    expect(await violations()).toEqual([]);

    fireEvent.click(within(section).getByRole('button', { name: 'Exporter tout ce que nous détenons' }));
    await waitFor(() =>
      expect(section.textContent, section.textContent ?? '').toContain(
        'Le fichier a été téléchargé. L’export est enregistré.',
      ),
    );
    expect(downloads.map((d) => d.name)).toEqual([
      expect.stringMatching(/^dossier-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.json$/),
    ]);
    const exported = JSON.parse(
      new TextDecoder().decode(await (downloads[0]?.blob ?? new Blob()).arrayBuffer()),
    );
    expect(exported).toMatchObject({ format: 'relais-household-export', householdId });

    fireEvent.click(within(section).getByRole('button', { name: 'Effacer ce dossier…' }));
    const submit = await within(section).findByRole('button', { name: 'Effacer définitivement' });
    await waitFor(() => expect(document.activeElement?.id).toBe('household-erasure-ground'));
    fireEvent.click(submit);
    await within(section).findByText('Choisissez le motif de la demande.');
    fireEvent.change(within(section).getByLabelText('Motif de la demande'), {
      target: { value: 'consent-withdrawn' },
    });
    const confirmation = within(section).getByLabelText('Pour confirmer, tapez : RL-2026-0042', {
      exact: false,
    });
    fireEvent.input(confirmation, { target: { value: 'RL-2026-0041' } });
    fireEvent.click(submit);
    await within(section).findByText('Ce n’est pas le texte attendu : tapez RL-2026-0042.');
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    expect(await violations()).toEqual([]);
    fireEvent.input(confirmation, { target: { value: 'RL-2026-0042' } });
    fireEvent.click(submit);
    const result = await within(section).findByTestId('household-rights-result');
    await waitFor(() =>
      expect(result.textContent).toMatch(/^Le dossier a été effacé \(\d+ éléments supprimés\)/),
    );
    await waitFor(() => expect(document.activeElement).toBe(result));
    const erased = await server.real.store.transaction((tx) => tx.getErasure(householdId));
    expect(erased?.reason).toBe('consent-withdrawn');
  });

  it('[RIGHT7] says why a dossier awaiting a Banque de France decision is not erased', async () => {
    const server = await started();
    const signed = await signedIn('coordinator', server as never);
    const { household } = await signed.deps.workspace.repository.createHousehold(
      {
        ...householdFields(),
        reference: 'RL-BDF',
        track: 'over_indebtedness',
        status: 'awaiting_decision',
      } as never,
      [{ role: 'applicant', firstName: 'Zoé', lastName: 'Martin', birthDate: '1984-03-07' }],
    );
    await signed.service.syncNow();
    window.history.replaceState(null, '', `/dossiers/${household.id}/followup`);
    render(<App state={signed.state} />);
    const section = await screen.findByTestId('household-rights');
    fireEvent.click(within(section).getByRole('button', { name: 'Effacer ce dossier…' }));
    fireEvent.change(await within(section).findByLabelText('Motif de la demande'), {
      target: { value: 'objection' },
    });
    fireEvent.input(within(section).getByLabelText('Pour confirmer, tapez : RL-BDF', { exact: false }), {
      target: { value: 'RL-BDF' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Effacer définitivement' }));
    expect((await within(section).findByTestId('household-rights-failure')).textContent).toContain(
      'Une décision de la Banque de France est attendue pour ce dossier',
    );
  });
});

describe('Conservation des dossiers', () => {
  it('[RIGHT12] an admin reads the default period, a refusal shows next to the field, a new period is saved', async () => {
    const server = await started();
    const signed = await signedIn('admin', server as never);
    window.history.replaceState(null, '', '/admin');
    render(<App state={signed.state} />);
    const field = (await screen.findByLabelText('Durée de conservation après la clôture (en années)', {
      exact: false,
    })) as HTMLInputElement;
    await waitFor(() => expect(field.value).toBe('5'));
    expect(screen.getByText('Durée par défaut (aucun administrateur ne l’a changée).')).toBeTruthy();
    expect(screen.getByTestId('retention-runs-empty')).toBeTruthy();
    fireEvent.input(field, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la durée' }));
    await screen.findByText('Tapez un nombre entier d’années, de 1 à 30.');
    fireEvent.input(field, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la durée' }));
    await waitFor(() =>
      expect(screen.getByTestId('retention-status').textContent).toBe(
        'Durée enregistrée. Les dossiers concernés seront anonymisés dans l’heure.',
      ),
    );
    expect((await server.real.store.transaction((tx) => tx.getRetention())).years).toBe(7);
    expect(await violations()).toEqual([]);
  });
});
