/**
 * The Documents screen's state: the documents kit (loaded with a dynamic import the first time
 * the screen opens, so it is its own chunk), the form (one draft per dossier, saved on every
 * keystroke), and `produce`: the description → a PDF Blob downloaded, or HTML for the print
 * area → the 'document_produced' action logged in the dossier.
 */
import { computed, signal } from '@preact/signals';
import type { DocumentsKit } from '../../documents/kit';
import type { IsoDate } from '../../domain/dates';
import type { DocumentLocale } from '../../domain/documents/document-model';
import type { DraftRegistry } from '../drafts';
import type { DossierModel } from '../workspace/dossier-model';
import { describeWriteError } from '../workspace/workspace-model';
import {
  type Blocker,
  type DocumentChoice,
  type DocumentContext,
  type DocumentFields,
  describe,
  initialFields,
  LOGGED_KIND,
} from './document-request';

export type ProduceStatus =
  | { kind: 'idle' }
  | { kind: 'working'; output: 'pdf' | 'print' }
  | { kind: 'done'; output: 'pdf' | 'print'; title: string; fileName: string }
  | { kind: 'blocked'; blocker: Blocker }
  /** The document was made but the action could not be logged (message key). */
  | { kind: 'logFailed'; title: string; reason: string }
  | { kind: 'failed'; reason: string };

export interface DocumentsModelDeps {
  model: DossierModel;
  drafts: DraftRegistry;
  today: () => IsoDate;
  /** The screen's language: the documents' default language. */
  locale: () => DocumentLocale;
  loadKit?: () => Promise<DocumentsKit>;
  /** Saves a Blob as a file (default: a temporary link with `download`). */
  download?: (blob: Blob, fileName: string) => void;
}

/** Lazy: the kit is its own chunk. */
export const loadDocumentsKit = (): Promise<DocumentsKit> => import('../../documents/kit');

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createDocumentsModel(deps: DocumentsModelDeps) {
  const formId = `documents:${deps.model.householdId}`;
  const kit = signal<DocumentsKit | null>(null);
  const kitError = signal<string | null>(null);
  const values = signal<DocumentFields>(initialFields(deps.locale()));
  const draftRestored = signal(false);
  const status = signal<ProduceStatus>({ kind: 'idle' });
  /** The HTML of the document to print: the screen renders it in its print area, then prints. */
  const printHtml = signal<string | null>(null);
  let edited = false;

  const context = computed<DocumentContext | null>(() => {
    const k = kit.value;
    const dossier = deps.model.dossier.value;
    if (!k || !dossier) return null;
    const state = deps.model.diagnosis.value;
    return {
      kit: k,
      dossier,
      diagnosis: state?.kind === 'ok' ? state.diagnosis : null,
      today: deps.today(),
      values: values.value,
    };
  });

  async function start(): Promise<void> {
    const [loaded, draft] = await Promise.all([
      (deps.loadKit ?? loadDocumentsKit)().catch((error: unknown) => {
        kitError.value = error instanceof Error ? error.message : String(error);
        return null;
      }),
      deps.drafts.load<DocumentFields>(formId).catch(() => undefined),
    ]);
    if (draft && typeof draft === 'object' && !edited) {
      values.value = { ...values.value, ...draft };
      draftRestored.value = true;
    }
    if (loaded) {
      kit.value = loaded;
      // Warm the PDF renderer and the fonts while the counsellor chooses (a failure shows on produce).
      loaded.preparePdf().catch(() => undefined);
    }
  }

  function edit(field: string, text: string): Promise<void> {
    edited = true;
    values.value = { ...values.value, [field]: text };
    if (status.value.kind !== 'working') status.value = { kind: 'idle' };
    return deps.drafts.save(formId, values.value);
  }

  /** Several fields at once (e.g. the letter text and its "edited" flag). */
  function editMany(patch: DocumentFields): Promise<void> {
    edited = true;
    values.value = { ...values.value, ...patch };
    if (status.value.kind !== 'working') status.value = { kind: 'idle' };
    return deps.drafts.save(formId, values.value);
  }

  async function produce(choice: DocumentChoice, output: 'pdf' | 'print'): Promise<void> {
    const ctx = context.value;
    const k = kit.value;
    if (!ctx || !k) return;
    const described = describe(ctx, choice);
    if (!described.ok) {
      status.value = { kind: 'blocked', blocker: described.blocker };
      return;
    }
    const doc = described.description;
    status.value = { kind: 'working', output };
    try {
      if (output === 'pdf') {
        const blob = await k.renderPdfBlob(doc);
        (deps.download ?? downloadBlob)(blob, `${doc.fileName}.pdf`);
      } else {
        printHtml.value = k.renderHtml(doc);
      }
    } catch (error) {
      status.value = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      return;
    }
    const title = doc.subtitle ? `${doc.title} · ${doc.subtitle}` : doc.title;
    try {
      await deps.model.addRow('action', {
        kind: 'document_produced',
        date: ctx.today,
        status: 'done',
        documentKind: LOGGED_KIND[choice],
        title: title.slice(0, 200),
        details: output === 'pdf' ? `PDF · ${doc.fileName}.pdf` : 'print',
      });
    } catch (cause) {
      status.value = { kind: 'logFailed', title, reason: describeWriteError(cause) };
      return;
    }
    status.value = { kind: 'done', output, title, fileName: `${doc.fileName}.pdf` };
  }

  return {
    kit,
    kitError,
    values,
    draftRestored,
    status,
    printHtml,
    context,
    start,
    edit,
    editMany,
    produce,
    /** Called by the screen once the print dialog has been opened. */
    printed: () => {
      printHtml.value = null;
    },
  };
}

export type DocumentsModel = ReturnType<typeof createDocumentsModel>;
