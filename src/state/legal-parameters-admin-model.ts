/**
 * Administration › Paramètres légaux (ADR 0018): the entries the admins maintain, the log of
 * their changes, and the form that turns what was typed into an entry. What is typed is checked
 * with the domain's own rule (legalParameterProblems, the one the server applies), so a refusal
 * shows next to its field before anything is sent. Online only, like the rest of Administration.
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import type { IsoDate } from '../domain/dates';
import {
  type LegalParameterEntry,
  type LegalParameterInput,
  LegalParameterInputBaseSchema,
  type LegalParameterKind,
  legalParameterProblems,
} from '../domain/parameters/legal-parameter-entries';
import type { LegalParameterChange } from '../domain/sync/admin';
import { centsToInputText, parseEurosToCents, parsePercentToBps } from '../domain/user-input';
import { AdminApi, type AdminApiOptions, AdminError, type AdminErrorKind } from '../sync/admin-api';

export type { LegalParameterChange, LegalParameterEntry, LegalParameterKind };

export type FieldUnit = 'date' | 'euros' | 'percent' | 'text' | 'url' | 'departement';

export interface FieldSpec {
  /** The entry's path, e.g. 'thresholdsAnnualCents.2' or 'base.firstPersonCents'. */
  readonly key: string;
  readonly unit: FieldUnit;
  readonly optional?: boolean;
  /** A forfait: the group of three amounts given together or not at all. */
  readonly group?: 'base' | 'habitation' | 'chauffage';
}

const FORFAIT_FIELDS = ['firstPersonCents', 'secondPersonCents', 'perAdditionalPersonCents'] as const;
const forfaitGroup = (group: 'base' | 'habitation' | 'chauffage'): FieldSpec[] =>
  FORFAIT_FIELDS.map((f) => ({ key: `${group}.${f}`, unit: 'euros', optional: true, group }));

/** The fields of each kind, in the order the form shows them. */
export const FIELDS_BY_KIND: Readonly<Record<LegalParameterKind, readonly FieldSpec[]>> = {
  rsaAmounts: [
    { key: 'effectiveFrom', unit: 'date' },
    { key: 'baseMonthlyCents', unit: 'euros' },
    { key: 'mayotteBaseMonthlyCents', unit: 'euros', optional: true },
    { key: 'source', unit: 'text' },
    { key: 'sourceUrl', unit: 'url', optional: true },
  ],
  seizureScales: [
    { key: 'effectiveFrom', unit: 'date' },
    ...[0, 1, 2, 3, 4, 5].map((i): FieldSpec => ({ key: `thresholdsAnnualCents.${i}`, unit: 'euros' })),
    { key: 'incrementPerDependentAnnualCents', unit: 'euros' },
    { key: 'source', unit: 'text' },
    { key: 'sourceUrl', unit: 'url', optional: true },
  ],
  legalInterestRates: [
    { key: 'effectiveFrom', unit: 'date' },
    { key: 'individualCreditorBps', unit: 'percent' },
    { key: 'otherCreditorBps', unit: 'percent' },
    { key: 'source', unit: 'text' },
    { key: 'sourceUrl', unit: 'url', optional: true },
  ],
  commissionForfaits: [
    { key: 'effectiveFrom', unit: 'date' },
    { key: 'departement', unit: 'departement', optional: true },
    ...forfaitGroup('base'),
    ...forfaitGroup('habitation'),
    ...forfaitGroup('chauffage'),
    { key: 'source', unit: 'text' },
    { key: 'sourceUrl', unit: 'url', optional: true },
  ],
};

export type FormValues = Readonly<Record<string, string>>;
/** Message keys (admin catalogue) by field key. */
export type FormErrors = Readonly<Record<string, string>>;

/**
 * A signed amount or rate: the sign is kept so that the domain's rule refuses a negative value
 * with its own words (one rule, one place), not the parser.
 */
function signed(
  text: string,
  parse: (t: string) => { ok: true; value: number } | { ok: false; error: string },
) {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const result = parse(negative ? trimmed.slice(1) : trimmed);
  return result.ok ? { ok: true as const, value: negative ? -result.value : result.value } : result;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const [head, tail] = key.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  const inner = (target[head] ?? (/^\d+$/.test(tail) ? [] : {})) as Record<string, unknown>;
  inner[tail] = value;
  target[head] = inner;
}

/**
 * What was typed, as an entry, or the message key next to each refused field.
 * @param kind - the kind of the form
 * @param values - the text of each field, by key
 * @param today - today's date on the device (dates too far ahead are refused)
 */
export function readLegalParameterForm(
  kind: LegalParameterKind,
  values: FormValues,
  today: IsoDate,
): { ok: true; input: LegalParameterInput } | { ok: false; errors: FormErrors } {
  const errors: Record<string, string> = {};
  const out: Record<string, unknown> = { kind };
  const specs = FIELDS_BY_KIND[kind];
  const groupGiven = (group: string) =>
    specs.some((s) => s.group === group && (values[s.key] ?? '').trim() !== '');
  for (const spec of specs) {
    const text = (values[spec.key] ?? '').trim();
    const required = spec.group ? groupGiven(spec.group) : !spec.optional;
    if (text === '') {
      if (required) errors[spec.key] = 'admin.legal.error.required';
      else if (spec.unit !== 'euros' || spec.group === undefined) setPath(out, spec.key, null);
      continue;
    }
    if (spec.unit === 'euros' || spec.unit === 'percent') {
      const parsed = signed(text, spec.unit === 'euros' ? parseEurosToCents : parsePercentToBps);
      if (parsed.ok) setPath(out, spec.key, parsed.value);
      else errors[spec.key] = spec.unit === 'euros' ? 'admin.legal.error.amount' : 'admin.legal.error.rate';
    } else {
      setPath(out, spec.key, text);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const shape = LegalParameterInputBaseSchema.safeParse(out);
  if (!shape.success) {
    for (const issue of shape.error.issues) errors[issue.path.join('.')] = 'admin.legal.error.invalid';
    return { ok: false, errors };
  }
  for (const problem of legalParameterProblems(shape.data, today))
    errors[problem.path.join('.')] = `admin.legal.problem.${problem.code}`;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: shape.data };
}

/** An entry back as the text of its form's fields, for a correction. */
export function legalParameterFormValues(entry: LegalParameterEntry): Record<string, string> {
  const values: Record<string, string> = {};
  for (const spec of FIELDS_BY_KIND[entry.kind]) {
    const [head, tail] = spec.key.split('.') as [string, string | undefined];
    const top = (entry as Record<string, unknown>)[head];
    const value = tail === undefined ? top : (top as Record<string, unknown> | null | undefined)?.[tail];
    if (value === null || value === undefined) values[spec.key] = '';
    else if (spec.unit === 'euros') values[spec.key] = centsToInputText(Number(value));
    else if (spec.unit === 'percent') values[spec.key] = centsToInputText(Number(value));
    else values[spec.key] = String(value);
  }
  return values;
}

export type LegalSaveOutcome = { ok: true } | { ok: false; errors: FormErrors; failure?: AdminErrorKind };

export function createLegalParametersAdminModel(
  transport: AdminApiOptions | undefined,
  isOnline: ReadonlySignal<boolean>,
  today: () => IsoDate,
) {
  const api = transport === undefined ? undefined : new AdminApi(transport);
  const entries = signal<LegalParameterEntry[]>([]);
  const changes = signal<LegalParameterChange[]>([]);
  const loaded = signal(false);
  const pending = signal(false);
  const failure = signal<AdminErrorKind | null>(null);

  async function call<T>(
    work: (a: AdminApi) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; kind: AdminErrorKind; status?: number | undefined }> {
    if (api === undefined || !isOnline.value) return { ok: false, kind: 'offline' };
    pending.value = true;
    try {
      return { ok: true, value: await work(api) };
    } catch (caught) {
      if (caught instanceof AdminError) return { ok: false, kind: caught.kind, status: caught.status };
      return { ok: false, kind: 'server' };
    } finally {
      pending.value = false;
    }
  }

  async function load(): Promise<boolean> {
    const outcome = await call((a) => a.listLegalParameters());
    failure.value = outcome.ok ? null : outcome.kind;
    if (!outcome.ok) return false;
    entries.value = outcome.value.entries;
    changes.value = outcome.value.changes;
    loaded.value = true;
    return true;
  }

  return {
    entries: entries as ReadonlySignal<LegalParameterEntry[]>,
    changes: changes as ReadonlySignal<LegalParameterChange[]>,
    loaded: loaded as ReadonlySignal<boolean>,
    pending: pending as ReadonlySignal<boolean>,
    /** Why the last load or removal failed (admin.failure.<kind>), or null. */
    failure: failure as ReadonlySignal<AdminErrorKind | null>,
    load,

    /** Adds an entry, or corrects the entry `editingId`; then reloads the list and the log. */
    async save(kind: LegalParameterKind, values: FormValues, editingId?: string): Promise<LegalSaveOutcome> {
      const read = readLegalParameterForm(kind, values, today());
      if (!read.ok) return read;
      const outcome = await call((a) =>
        editingId === undefined
          ? a.createLegalParameter(read.input)
          : a.updateLegalParameter(editingId, read.input),
      );
      if (!outcome.ok) {
        // 409: another entry of this kind already applies from this date.
        const errors: FormErrors =
          outcome.status === 409 ? { effectiveFrom: 'admin.legal.error.sameDate' } : {};
        return { ok: false, errors, failure: outcome.kind };
      }
      await load();
      return { ok: true };
    },

    async remove(id: string): Promise<boolean> {
      const outcome = await call((a) => a.removeLegalParameter(id));
      failure.value = outcome.ok ? null : outcome.kind;
      if (!outcome.ok) return false;
      return load();
    },
  };
}

export type LegalParametersAdminModel = ReturnType<typeof createLegalParametersAdminModel>;

const models = new WeakMap<object, LegalParametersAdminModel>();

/** The app's one model of this section, made on first use (it comes with the Administration chunk). */
export function legalParametersAdminModelFor(state: {
  adminDeps: { transport: AdminApiOptions | undefined; isOnline: ReadonlySignal<boolean> };
  workspace: { today: () => IsoDate };
}): LegalParametersAdminModel {
  let model = models.get(state);
  if (model === undefined) {
    model = createLegalParametersAdminModel(
      state.adminDeps.transport,
      state.adminDeps.isOnline,
      state.workspace.today,
    );
    models.set(state, model);
  }
  return model;
}
