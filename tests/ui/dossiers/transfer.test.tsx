import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTransferFile } from '../../../src/db/crypto/sealed-transfer';
import { locale } from '../../../src/i18n/i18n';
import { lyonHousehold, openAt, zoe } from '../intake/helpers';
import { makeTestState } from '../make-test-state';

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

afterEach(() => {
  vi.restoreAllMocks();
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const PASSPHRASE = 'cheval-agrafe-42';
/** Sealing and opening a file derive a key with 600,000 PBKDF2 rounds (and the intake tab loads lazily): wait for it, not 1 s. */
const DERIVATION = { timeout: 15_000 };
const IMPORT_LABEL = 'Mot de passe du fichier à importer';

function typePassphrase(value = PASSPHRASE, label = 'Mot de passe du fichier') {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

async function exportAllFrom(test: ReturnType<typeof makeTestState>): Promise<string> {
  openAt('/dossiers', test);
  await screen.findByRole('link', { name: 'Zoé Martin' });
  typePassphrase();
  fireEvent.click(screen.getByRole('button', { name: 'Exporter tous les dossiers' }));
  expect(
    await screen.findByText('Fichier relais-2026-11-27.json créé avec 1 dossier.', {}, DERIVATION),
  ).toBeTruthy();
  expect(downloads.map((d) => d.name)).toEqual(['relais-2026-11-27.json']);
  const text = await downloads[0]?.blob.text();
  document.body.innerHTML = '';
  return text ?? '';
}

function chooseFile(text: string, name = 'relais-2026-11-27.json') {
  const input = screen.getByLabelText('Importer un fichier de dossiers');
  fireEvent.change(input, { target: { files: [new File([text], name, { type: 'application/json' })] } });
}

/** Chooses the file and, when it asks for one, types its passphrase. */
async function importFile(text: string, name = 'relais-2026-11-27.json', passphrase = PASSPHRASE) {
  chooseFile(text, name);
  if (!text.includes('relais-transfer-sealed')) return;
  await screen.findByRole('button', { name: 'Ouvrir le fichier' });
  typePassphrase(passphrase, IMPORT_LABEL);
  fireEvent.click(screen.getByRole('button', { name: 'Ouvrir le fichier' }));
}

/** The clear transfer document inside a sealed file (what older versions wrote as the file). */
async function openedDocument(text: string): Promise<Record<string, unknown>> {
  const file = JSON.parse(text);
  return JSON.parse(await openTransferFile(PASSPHRASE, file));
}

describe('Transfer without network', () => {
  it('exports all dossiers to a file that a fresh device imports, dossier intact', async () => {
    const a = makeTestState();
    const { household } = await a.repository.createHousehold(lyonHousehold, [zoe]);
    await a.repository.addRow('consent', household.id, {
      purpose: 'dossier_processing',
      date: '2026-11-20',
      recordedBy: 'Camille',
    });
    const text = await exportAllFrom(a);

    const b = makeTestState();
    openAt('/dossiers', b);
    await screen.findByText('Aucun dossier sur cet appareil pour le moment.');
    await importFile(text);
    expect(await screen.findByText('Import terminé', {}, DERIVATION)).toBeTruthy();
    const result = screen.getByTestId('import-result').textContent ?? '';
    expect(result).toContain('Dossiers dans le fichier : 1');
    expect(result).toContain('Éléments ajoutés : 3');
    expect(result).toContain('Aucune information plus récente de cet appareil n’a été remplacée.');
    expect(await b.repository.getDossier(household.id)).toEqual(await a.repository.getDossier(household.id));
    // The list shows it at once.
    expect(await screen.findByRole('link', { name: 'Zoé Martin' })).toBeTruthy();
  });

  it('never overwrites newer data of the device: it keeps it and says so', async () => {
    // Both devices' wall clocks stand still at one instant: B's edit is newer than what it
    // imported because its logical clock has seen the import, not because time passed.
    const at = Date.UTC(2026, 10, 27, 9);
    const a = makeTestState({}, { now: () => at });
    const { household } = await a.repository.createHousehold(lyonHousehold, [zoe]);
    const text = await exportAllFrom(a);

    const b = makeTestState({}, { now: () => at });
    await b.repository.importDossiers(await openedDocument(text));
    await b.repository.updateFields('household', household.id, { phone: '07 12 12 12 12' });
    openAt('/dossiers', b);
    await screen.findByRole('link', { name: 'Zoé Martin' });
    await importFile(text);
    expect(await screen.findByText('Import terminé', {}, DERIVATION)).toBeTruthy();
    const result = screen.getByTestId('import-result').textContent ?? '';
    expect(result).toContain(
      'Éléments gardés tels quels parce que cet appareil avait des informations plus récentes : 1',
    );
    expect(result).toContain('Éléments mis à jour : 0');
    expect(result).not.toContain('Aucune information plus récente');
    expect((await b.repository.getRow('household', household.id))?.phone).toBe('07 12 12 12 12');
  });

  it('refuses an invalid file in plain words and imports nothing', async () => {
    const a = makeTestState();
    await a.repository.createHousehold(lyonHousehold, [zoe]);
    const text = await exportAllFrom(a);
    const broken = (await openedDocument(text)) as { households: { household: { departement: string } }[] };
    (broken.households[0] as { household: { departement: string } }).household.departement =
      'not a département';

    const b = makeTestState();
    openAt('/dossiers', b);
    await screen.findByText('Aucun dossier sur cet appareil pour le moment.');
    // A file in clear, as versions before ENC10 wrote them, is still read (and here refused as invalid).
    await importFile(JSON.stringify(broken));
    expect(await screen.findByText('Rien n’a été importé')).toBeTruthy();
    expect(
      screen.getByText(
        'Ce fichier n’est pas un fichier de dossiers Relais valide : il est peut-être abîmé ou vient d’une autre application.',
      ),
    ).toBeTruthy();

    await importFile('this is not JSON', 'notes.txt');
    expect(await screen.findByText('Ce fichier n’est pas un fichier de dossiers Relais.')).toBeTruthy();
    expect(await b.repository.listDossiers()).toEqual([]);
    expect(await b.repository.pendingChangeCount()).toBe(0);
  });

  it('exports one dossier from its intake tab', async () => {
    const a = makeTestState();
    const one = await a.repository.createHousehold(lyonHousehold, [zoe]);
    await a.repository.createHousehold(
      { territory: 'metropole', departement: '59', housingStatus: 'tenant' },
      [{ role: 'applicant', lastName: 'Autre', birthDate: '1990-01-01' }],
    );
    openAt(`/dossiers/${one.household.id}/intake`, a);
    await screen.findByRole('button', { name: 'Exporter ce dossier' }, DERIVATION);
    typePassphrase();
    fireEvent.click(screen.getByRole('button', { name: 'Exporter ce dossier' }));
    expect(
      await screen.findByText('Fichier relais-2026-11-27.json créé avec 1 dossier.', {}, DERIVATION),
    ).toBeTruthy();
    const document = (await openedDocument((await downloads[0]?.blob.text()) ?? '{}')) as {
      households: { household: { id: string } }[];
    };
    expect(document.households.map((d: { household: { id: string } }) => d.household.id)).toEqual([
      one.household.id,
    ]);
    await waitFor(() => expect(downloads).toHaveLength(1));
  });

  it('[ENC10] the file is sealed: a short passphrase is refused, a wrong one is said plainly, the right one imports', async () => {
    const a = makeTestState();
    await a.repository.createHousehold(lyonHousehold, [zoe]);
    openAt('/dossiers', a);
    await screen.findByRole('link', { name: 'Zoé Martin' });
    typePassphrase('court');
    fireEvent.click(screen.getByRole('button', { name: 'Exporter tous les dossiers' }));
    expect(await screen.findByText('Choisissez un mot de passe d’au moins 8 caractères.')).toBeTruthy();
    expect(downloads).toHaveLength(0);
    document.body.innerHTML = '';
    const text = await exportAllFrom(a);
    for (const secret of ['Zoé', 'Martin', 'Zo\\u00e9']) expect(text).not.toContain(secret);

    const b = makeTestState();
    openAt('/dossiers', b);
    await screen.findByText('Aucun dossier sur cet appareil pour le moment.');
    await importFile(text, undefined, 'pas-le-bon-mot');
    expect(
      await screen.findByText(
        'Ce mot de passe n’ouvre pas le fichier. Vérifiez-le auprès de la personne qui l’a créé.',
      ),
    ).toBeTruthy();
    expect(await b.repository.listDossiers()).toEqual([]);
    typePassphrase(PASSPHRASE, IMPORT_LABEL);
    fireEvent.click(screen.getByRole('button', { name: 'Ouvrir le fichier' }));
    expect(await screen.findByText('Import terminé', {}, DERIVATION)).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Zoé Martin' })).toBeTruthy();
  });
});
