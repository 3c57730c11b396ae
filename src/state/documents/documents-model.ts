/**
 * The Documents screen's state: the documents kit (loaded with a dynamic import the first time
 * the screen opens, so it is its own chunk), the form (one draft per dossier, saved on every
 * keystroke: the document chosen and the letter's own text), and `produce`: the description →
 * a PDF Blob downloaded, or HTML for the print area → the 'document_produced' action logged in
 * the dossier. The dossier's own facts typed here (cause, document ticks, legal protection) are
 * written to the rows (`saveHousehold`, `saveMember`), so they sync; a draft left by an older
 * version with such fields is moved to the rows once (`adoptLegacyDraft`).
 */
import { computed, signal } from '@preact/signals';
import type { DocumentsKit } from '../../documents/kit';
import type { IsoDate } from '../../domain/dates';
import type { DocumentLocale } from '../../domain/documents/document-model';
import type { Dossier } from '../../domain/dossier/dossier';
import { HouseholdDocumentSchema } from '../../domain/dossier/dossier-meta';
import type { PatchOf } from '../../domain/dossier/rows';
import type { EntityName } from '../../domain/sync/entities';
import { createDebouncedText } from '../debounced-text';
import { downloadBlob } from '../download';
import type { DraftReceipt, DraftRegistry } from '../drafts';
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface LegacyWrite {
  readonly entity: EntityName;
  readonly id: string;
  readonly patch: Record<string, unknown>;
}

/**
 * The writes that move a draft of the older Documents form (cause, document ticks, per-debt
 * reference, creditor address and first unpaid date) into the rows, without overwriting a value
 * already stored. The "guardianship" tick is not moved: it did not say who nor which measure.
 */
export function legacyDraftWrites(dossier: Dossier, draft: Record<string, unknown>): LegacyWrite[] {
  const text = (key: string) => (typeof draft[key] === 'string' ? (draft[key] as string).trim() : '');
  const writes: LegacyWrite[] = [];
  const h = dossier.household;
  const householdPatch: Record<string, unknown> = {};
  if (text('cause') && !h.indebtednessCause) householdPatch.indebtednessCause = text('cause').slice(0, 8000);
  const ticked = HouseholdDocumentSchema.options.filter((d) => draft[`provided:${d}`] === '1');
  if (ticked.length > 0 && !h.documentsProvided) householdPatch.documentsProvided = ticked;
  if (Object.keys(householdPatch).length > 0)
    writes.push({ entity: 'household', id: h.id, patch: householdPatch });
  const creditorPatches = new Map<string, Record<string, unknown>>();
  for (const debt of dossier.debts.filter((d) => !d.deleted)) {
    const patch: Record<string, unknown> = {};
    const ref = text(`ref:${debt.id}`);
    const unpaid = text(`unpaid:${debt.id}`);
    if (ref && !debt.reference) patch.reference = ref.slice(0, 100);
    if (ISO_DATE.test(unpaid) && !debt.firstUnpaidOn) patch.firstUnpaidOn = unpaid;
    if (Object.keys(patch).length > 0) writes.push({ entity: 'debt', id: debt.id, patch });
    const addr = text(`addr:${debt.id}`);
    const creditor = dossier.creditors.find((c) => c.id === debt.creditorId && !c.deleted);
    if (addr && creditor && !creditor.address && !creditorPatches.has(creditor.id)) {
      creditorPatches.set(creditor.id, { address: addr.slice(0, 500) });
    }
  }
  for (const [id, patch] of creditorPatches) writes.push({ entity: 'creditor', id, patch });
  return writes;
}

/** The draft without the fields that now live on the rows. */
export function withoutLegacyFields(draft: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (key === 'cause' || key === 'guardianship' || /^(provided|ref|addr|unpaid):/.test(key)) continue;
    out[key] = value;
  }
  return out;
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
  /** The last write of a dossier fact that the device refused (an i18n key), or null. */
  const saveError = signal<string | null>(null);
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
      const kept = withoutLegacyFields(draft);
      values.value = { ...values.value, ...kept };
      draftRestored.value = true;
      await adoptLegacyDraft(draft, kept);
    }
    if (loaded) {
      kit.value = loaded;
      // Warm the PDF renderer and the fonts while the counsellor chooses (a failure shows on produce).
      loaded.preparePdf().catch(() => undefined);
    }
  }

  async function adoptLegacyDraft(draft: DocumentFields, kept: DocumentFields): Promise<void> {
    if (Object.keys(kept).length === Object.keys(draft).length) return;
    const dossier = deps.model.dossier.value;
    if (!dossier) return;
    try {
      for (const write of legacyDraftWrites(dossier, draft)) {
        await deps.model.updateRow(write.entity, write.id, write.patch as PatchOf<typeof write.entity>);
      }
      await deps.drafts.save(formId, values.value);
    } catch (cause) {
      // The old draft stays as it was: the next start tries again.
      saveError.value = describeWriteError(cause);
    }
  }

  /** Writes household facts (cause, document ticks) to the household row. */
  async function saveHousehold(patch: PatchOf<'household'>, receipt?: DraftReceipt): Promise<boolean> {
    try {
      await deps.model.updateHousehold(patch, receipt);
      saveError.value = null;
      return true;
    } catch (cause) {
      saveError.value = describeWriteError(cause);
      return false;
    }
  }

  /** Writes a member's fields (legal protection) to the member row. */
  async function saveMember(memberId: string, patch: PatchOf<'member'>): Promise<boolean> {
    try {
      await deps.model.updateRow('member', memberId, patch);
      saveError.value = null;
      return true;
    } catch (cause) {
      saveError.value = describeWriteError(cause);
      return false;
    }
  }

  /** The cause of over-indebtedness: written to the household row when the counsellor pauses. */
  const cause = createDebouncedText({
    drafts: deps.drafts,
    draftId: `cause:${deps.model.householdId}`,
    write: (text, receipt) =>
      saveHousehold({ indebtednessCause: text.trim() === '' ? undefined : text.slice(0, 8000) }, receipt),
  });

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
    saveError,
    context,
    saveHousehold,
    saveMember,
    cause,
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
