import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedDocumentsDossier } from './fixture';

// Drawing PDFs in happy-dom on a busy machine can take a few seconds.
vi.setConfig({ testTimeout: 30_000 });

let downloads: Blob[] = [];
let fileNames: string[] = [];
beforeEach(() => {
  downloads = [];
  fileNames = [];
  // A real click on the download link would navigate happy-dom's window to the blob URL.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    fileNames.push(this.download);
  });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    downloads.push(blob as Blob);
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  // The fonts are fetched from their asset URLs (browser-fonts.ts): the prebuilt TrueType files
  // (ADR 0026), served here from disk.
  vi.stubGlobal('fetch', async (url: string) => {
    const name = (String(url).split('/').pop() ?? '').split('?')[0] ?? '';
    const bytes = readFileSync(join('src/documents/pdf/fonts', name));
    return { ok: true, status: 200, arrayBuffer: async () => new Uint8Array(bytes).buffer };
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

async function pdfTextOf(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  const path = join(mkdtempSync(join(tmpdir(), 'relais-ui-pdf-')), 'doc.pdf');
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function openTab(options: { couple?: boolean } = {}) {
  const test = makeTestState();
  const seeded = await seedDocumentsDossier(test.repository, options);
  window.history.replaceState(null, '', `/dossiers/${seeded.id}/documents`);
  const view = render(<App state={test.state} />);
  await screen.findByRole('group', { name: 'Quel document ?' }, { timeout: 5000 });
  return { ...test, ...seeded, view };
}

async function actions(repository: ReturnType<typeof makeTestState>['repository'], id: string) {
  const dossier = await repository.getDossier(id);
  return dossier?.actions ?? [];
}

it('the Documents tab is in the dossier frame; the budget sheet is downloaded as a PDF and logged', async () => {
  const { repository, id } = await openTab();
  const nav = screen.getByRole('navigation', { name: /onglets|dossier/i });
  expect(within(nav).getByRole('link', { name: 'Documents' }).getAttribute('aria-current')).toBe('page');
  expect(screen.getByRole('radio', { name: 'Fiche budget pour la personne' })).toHaveProperty(
    'checked',
    true,
  );
  expect(screen.getByText('Le budget du 27 novembre 2026 est prêt à être imprimé.')).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Télécharger le PDF' }));
  await screen.findByText(/PDF créé : votre-budget-awa-diallo-2026-11-27\.pdf/, undefined, {
    timeout: 10_000,
  });
  expect(downloads).toHaveLength(1);
  expect(fileNames).toEqual(['votre-budget-awa-diallo-2026-11-27.pdf']);
  const text = await pdfTextOf(downloads[0] as Blob);
  expect(text).toContain('Votre budget');
  expect(text).toContain('Awa Diallo');
  expect(text).toContain('1 660,00 € par mois');
  const logged = await actions(repository, id);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({
    kind: 'document_produced',
    documentKind: 'budget_summary',
    status: 'done',
    date: '2026-11-27',
    title: 'Votre budget · Awa Diallo · 27 novembre 2026',
  });
});

it('a letter: prefilled from the template, completed, forclusion confirmed, edited, produced', async () => {
  const { repository, id, creditId } = await openTab();
  const cofidisId = (await repository.getDossier(id))?.debts.find((d) => d.id === creditId)?.creditorId ?? '';
  fireEvent.click(screen.getByRole('radio', { name: 'Courrier à un créancier' }));
  const debt = (await screen.findByLabelText('Dette concernée')) as HTMLSelectElement;
  expect(debt.value).toBe(creditId);
  const body = screen.getByLabelText('Texte du courrier') as HTMLTextAreaElement;
  expect(body.value).toContain('ma dette auprès de Cofidis (Crédit renouvelable, référence : à compléter)');
  expect(body.value).toContain('207,19');
  expect(screen.getByText('À compléter dans le texte :')).toBeTruthy();
  const todo = within(screen.getByRole('list', { name: 'À compléter dans le texte :' }));
  // A missing reference does not hold the letter back: it prints "à compléter".
  expect(todo.queryByText(/Référence du dossier chez le créancier/)).toBeNull();
  expect(todo.getByText(/Ce qui s’est passé/)).toBeTruthy();

  // Not complete yet: refused, with the reason.
  fireEvent.click(screen.getByRole('button', { name: 'Télécharger le PDF' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Complétez le texte du courrier');
  expect(downloads).toHaveLength(0);

  // The reference and the address are not typed on the letter: they are stored on the rows
  // (Debts tab), shown here from the dossier.
  expect(screen.getByText('Référence à compléter')).toBeTruthy();
  expect(screen.getByText('Premier impayé non régularisé : à renseigner dans l’onglet Dettes')).toBeTruthy();
  await repository.updateFields('debt', creditId, { reference: 'RC-778899' });
  await repository.updateFields('creditor', cofidisId, { address: 'TSA 12345\n59000 Lille' });
  fireEvent.input(screen.getByLabelText('Ce qui s’est passé'), {
    target: { value: 'J’ai perdu mon emploi en septembre.' },
  });
  expect(await screen.findByText('RC-778899')).toBeTruthy();
  await waitFor(() => expect(screen.queryByText('À compléter dans le texte :')).toBeNull());
  expect((screen.getByLabelText('Texte du courrier') as HTMLTextAreaElement).value).toContain(
    'référence : RC-778899',
  );

  // The first unpaid instalment is more than two years old: warn, and require a confirmation.
  // The date stored on the debt row (typed in the Debts tab) drives the warning.
  await repository.updateFields('debt', creditId, { firstUnpaidOn: '2024-10-15' });
  expect(await screen.findByText(/^Premier impayé non régularisé : 15 oct/)).toBeTruthy();
  expect((await screen.findByText(/forclusion possible/)).textContent).toContain('15 octobre 2026');
  fireEvent.click(screen.getByRole('button', { name: 'Télécharger le PDF' }));
  await waitFor(() =>
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('délai de forclusion'))).toBe(
      true,
    ),
  );
  expect(downloads).toHaveLength(0);
  fireEvent.click(screen.getByLabelText(/J’ai vérifié la situation/));

  // The counsellor edits the text.
  const edited = `${(screen.getByLabelText('Texte du courrier') as HTMLTextAreaElement).value}\n\nP.-S. : je joins mes trois derniers relevés.`;
  fireEvent.input(screen.getByLabelText('Texte du courrier'), { target: { value: edited } });
  expect(await screen.findByText(/Vous avez modifié le texte/)).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Télécharger le PDF' }));
  await screen.findByText(/PDF créé : demande-de-reechelonnement-cofidis-2026-11-27\.pdf/, undefined, {
    timeout: 10_000,
  });
  const text = await pdfTextOf(downloads[0] as Blob);
  expect(text).toContain('Objet : Demande de rééchelonnement de ma dette, référence : RC-778899');
  expect(text).toContain('J’ai perdu mon emploi en septembre.');
  expect(text).toContain('P.-S. : je joins mes trois derniers relevés.');
  expect(text).toContain('TSA 12345 59000 Lille');
  expect(text).toContain('Plan proposé · Cofidis');
  const logged = await actions(repository, id);
  expect(logged.map((a) => a.kind === 'document_produced' && a.documentKind)).toEqual(['letter_to_creditor']);

  // Back to the template: the edit is dropped, the fields fill the text again.
  fireEvent.click(screen.getByRole('button', { name: 'Reprendre le texte du modèle' }));
  await waitFor(() =>
    expect((screen.getByLabelText('Texte du courrier') as HTMLTextAreaElement).value).not.toContain('P.-S.'),
  );
});

it('a letter whose debt has no reference anywhere is produced, printing "référence : à compléter"', async () => {
  await openTab();
  fireEvent.click(screen.getByRole('radio', { name: 'Courrier à un créancier' }));
  await screen.findByLabelText('Dette concernée');
  fireEvent.input(screen.getByLabelText('Ce qui s’est passé'), {
    target: { value: 'J’ai perdu mon emploi en septembre.' },
  });
  await waitFor(() => expect(screen.queryByText('À compléter dans le texte :')).toBeNull());
  const download = screen.getByRole('button', { name: 'Télécharger le PDF' });
  download.focus();
  fireEvent.click(download);
  const done = await screen.findByText(
    /PDF créé : demande-de-reechelonnement-cofidis-2026-11-27\.pdf/,
    undefined,
    {
      timeout: 10_000,
    },
  );
  const text = await pdfTextOf(downloads[0] as Blob);
  expect(text).toContain('Objet : Demande de rééchelonnement de ma dette, référence : à compléter');
  expect(text).toContain('(Crédit renouvelable, référence : à compléter)');
  expect(text).not.toContain('{{');
  // Focus does not fall back to the page: it lands on the confirmation, read out at once.
  await waitFor(() => expect(document.activeElement).toBe(done));
});

it('the Banque de France preparation for a couple: warnings, checklist, printed through the print area', async () => {
  const print = vi.fn();
  vi.stubGlobal('print', print);
  const { repository, id } = await openTab({ couple: true });
  fireEvent.click(screen.getByRole('radio', { name: 'Préparation du dossier Banque de France' }));
  expect(await screen.findByText(/Dépôt en ligne impossible : le dossier a un co-déposant/)).toBeTruthy();
  expect(screen.queryByText(/sous tutelle ou curatelle\. Dépôt sur papier/)).toBeNull();
  // The protection is chosen per filer and stored on the member row.
  fireEvent.change(screen.getByLabelText('Mesure de protection : Marc Lefèvre'), {
    target: { value: 'curatelle' },
  });
  expect(
    await screen.findByText(/une personne est sous tutelle ou curatelle\. Dépôt sur papier/),
  ).toBeTruthy();
  const stored = await repository.getDossier(id);
  expect(stored?.members.find((m) => m.firstName === 'Marc')?.legalProtection).toBe('curatelle');
  // 10 household documents (with the co-filer's ID and the guardianship judgment) + 5 for the debts.
  expect(screen.getByText('15 pièces manquantes.')).toBeTruthy();
  fireEvent.click(screen.getByLabelText('Pièce d’identité du déposant'));
  expect(await screen.findByText('14 pièces manquantes.')).toBeTruthy();
  expect((await repository.getDossier(id))?.household.documentsProvided).toEqual(['id_filer']);
  const a11y = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);

  let printed = '';
  print.mockImplementation(() => {
    printed = document.querySelector('.document-print-area[data-printing]')?.innerHTML ?? '';
  });
  fireEvent.click(screen.getByRole('button', { name: 'Imprimer' }));
  await screen.findByText('Document envoyé à l’impression. Il est noté dans le suivi du dossier.');
  expect(print).toHaveBeenCalledTimes(1);
  expect(printed).toContain('<h1>Préparation du dossier de surendettement</h1>');
  expect(printed).toContain('Awa Diallo et Marc Lefèvre');
  expect(printed).toContain('<h2>8. Dettes par catégorie (pages 6 à 11)</h2>');
  expect(printed).toContain('Pièce d’identité du déposant <span class="doc-state">(reçue)</span>');
  expect(printed).toContain('Curatelle');
  // Emptied once the dialog is open.
  expect(document.querySelector('.document-print-area')?.innerHTML).toBe('');
  const logged = await actions(repository, id);
  expect(logged[0]).toMatchObject({ kind: 'document_produced', documentKind: 'bdf_file', details: 'print' });
});

it('the client plan of the chosen scenario, in English', async () => {
  const { repository, id } = await openTab();
  locale.value = 'en';
  fireEvent.click(await screen.findByRole('radio', { name: 'Repayment plan for the client' }));
  expect(await screen.findByText('24 months, €6,950.00 in all.')).toBeTruthy();
  fireEvent.change(screen.getByLabelText('Document language'), { target: { value: 'en' } });
  fireEvent.click(screen.getByRole('button', { name: 'Download the PDF' }));
  await screen.findByText(/PDF created: your-repayment-plan-awa-diallo-2026-11-27\.pdf/, undefined, {
    timeout: 10_000,
  });
  const text = await pdfTextOf(downloads[0] as Blob);
  expect(text).toContain('Your repayment plan');
  expect(text).toContain('€6,950.00');
  const logged = await actions(repository, id);
  expect(logged[0]).toMatchObject({
    documentKind: 'other',
    title: 'Your repayment plan · Awa Diallo · Plan Banque de France',
  });
});

it('typed text survives a reload (draft), and axe-core finds nothing on the letter form', async () => {
  const first = await openTab();
  fireEvent.click(screen.getByRole('radio', { name: 'Courrier à un créancier' }));
  fireEvent.input(await screen.findByLabelText('Ce qui s’est passé'), {
    target: { value: 'Séparation en juin.' },
  });
  await first.state.drafts.flushAll();
  first.view.unmount();

  // A new app over the same device (settings store with the drafts, same dossier database).
  const second = makeTestState({ settings: first.settings, workspace: first.deps.workspace });
  window.history.replaceState(null, '', `/dossiers/${first.id}/documents`);
  const { container } = render(<App state={second.state} />);
  expect(
    await screen.findByText('Votre saisie non enregistrée a été retrouvée.', undefined, { timeout: 5000 }),
  ).toBeTruthy();
  expect(screen.getByRole('radio', { name: 'Courrier à un créancier' })).toHaveProperty('checked', true);
  expect((screen.getByLabelText('Ce qui s’est passé') as HTMLTextAreaElement).value).toBe(
    'Séparation en juin.',
  );
  expect((screen.getByLabelText('Texte du courrier') as HTMLTextAreaElement).value).toContain(
    'Séparation en juin.',
  );

  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.passes.length).toBeGreaterThan(10);
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
});

it('the Banque de France facts typed here are stored on the rows: still there after a reload with no draft', async () => {
  const first = await openTab({ couple: true });
  fireEvent.click(screen.getByRole('radio', { name: 'Préparation du dossier Banque de France' }));
  fireEvent.input(await screen.findByLabelText('Cause du surendettement'), {
    target: { value: 'Perte d’emploi en mars 2025, puis séparation.' },
  });
  fireEvent.change(screen.getByLabelText('Mesure de protection : Awa Diallo'), {
    target: { value: 'tutelle' },
  });
  // Two boxes ticked before the first write comes back: both are stored.
  fireEvent.click(screen.getByLabelText('Dernier avis d’imposition'));
  fireEvent.click(screen.getByLabelText('Pièce d’identité du déposant'));
  await waitFor(async () => {
    const stored = await first.repository.getDossier(first.id);
    expect(stored?.household.indebtednessCause).toBe('Perte d’emploi en mars 2025, puis séparation.');
    expect(stored?.household.documentsProvided).toEqual(['id_filer', 'tax_notice']);
    expect(stored?.members.find((m) => m.firstName === 'Awa')?.legalProtection).toBe('tutelle');
  });
  await first.state.drafts.flushAll();
  const draft = await first.state.drafts.load<Record<string, string>>(`documents:${first.id}`);
  expect(Object.keys(draft ?? {}).filter((k) => k === 'cause' || k.startsWith('provided:'))).toEqual([]);
  first.view.unmount();

  // A new app over the same dossier database, with an empty settings store: no draft at all.
  const second = makeTestState({ workspace: first.deps.workspace });
  window.history.replaceState(null, '', `/dossiers/${first.id}/documents`);
  render(<App state={second.state} />);
  fireEvent.click(
    await screen.findByRole('radio', { name: 'Préparation du dossier Banque de France' }, { timeout: 5000 }),
  );
  expect(((await screen.findByLabelText('Cause du surendettement')) as HTMLTextAreaElement).value).toBe(
    'Perte d’emploi en mars 2025, puis séparation.',
  );
  expect((screen.getByLabelText('Mesure de protection : Awa Diallo') as HTMLSelectElement).value).toBe(
    'tutelle',
  );
  expect((screen.getByLabelText('Dernier avis d’imposition') as HTMLInputElement).checked).toBe(true);
  expect(screen.getByText(/une personne est sous tutelle ou curatelle/)).toBeTruthy();
});

it('a draft left by the older Documents form is moved to the rows once', async () => {
  const test = makeTestState();
  const seeded = await seedDocumentsDossier(test.repository);
  await test.state.drafts.save(`documents:${seeded.id}`, {
    choice: 'bdf_preparation',
    cause: 'Surendettement après un divorce.',
    'provided:id_filer': '1',
    [`ref:${seeded.creditId}`]: 'OLD-REF-1',
    [`addr:${seeded.creditId}`]: 'BP 7\n59000 Lille',
    [`unpaid:${seeded.creditId}`]: '2024-05-02',
  });
  await test.state.drafts.flushAll();
  window.history.replaceState(null, '', `/dossiers/${seeded.id}/documents`);
  render(<App state={test.state} />);
  await waitFor(
    async () => {
      const stored = await test.repository.getDossier(seeded.id);
      const debt = stored?.debts.find((d) => d.id === seeded.creditId);
      expect(stored?.household.indebtednessCause).toBe('Surendettement après un divorce.');
      expect(stored?.household.documentsProvided).toEqual(['id_filer']);
      expect(debt).toMatchObject({ reference: 'OLD-REF-1', firstUnpaidOn: '2024-05-02' });
      expect(stored?.creditors.find((c) => c.id === debt?.creditorId)?.address).toBe('BP 7\n59000 Lille');
    },
    { timeout: 5000 },
  );
});
