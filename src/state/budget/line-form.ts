/**
 * One form per line (a resource, a charge, a debt, a creditor): the raw text of its fields,
 * autosaved as a draft under `<entity>:<id>` (or `<entity>:new:<householdId>` for a new line),
 * validated into the row's typed fields and written through the dossier model.
 */
import type { FieldsOf, PatchOf } from '../../domain/dossier/rows';
import type { DraftRegistry } from '../drafts';
import { createFormModel, type FieldValues, type Validation } from '../form-model';
import type { DossierModel } from '../workspace/dossier-model';
import { describeWriteError } from '../workspace/workspace-model';
import { withClearedOptionals, withoutUndefined } from './field-text';

export type LineEntity = 'resource' | 'charge' | 'debt' | 'creditor';

export interface LineFormSpec<E extends LineEntity, F extends string> {
  entity: E;
  /** Field text of a stored row, or of a blank new line. */
  initial(row: FieldsOf<E> | undefined): FieldValues<F>;
  validate(values: FieldValues<F>): Validation<F, FieldsOf<E>>;
  /** Optional fields of the row, cleared on edit when left empty. */
  optionalKeys: readonly string[];
}

/** The draft id of a line's form. */
export function lineFormId(entity: LineEntity, householdId: string, rowId: string | undefined): string {
  return rowId ? `${entity}:${rowId}` : `${entity}:new:${householdId}`;
}

export function createLineForm<E extends LineEntity, F extends string>(
  spec: LineFormSpec<E, F>,
  options: {
    model: DossierModel;
    drafts: DraftRegistry;
    /** The stored row; absent for a new line. */
    row?: (FieldsOf<E> & { id: string }) | undefined;
  },
) {
  const { model, row } = options;
  return createFormModel<F, FieldsOf<E>>({
    formId: lineFormId(spec.entity, model.householdId, row?.id),
    drafts: options.drafts,
    initial: spec.initial(row),
    validate: spec.validate,
    describeError: describeWriteError,
    save: async (fields, receipt) => {
      if (row) {
        const patch = withClearedOptionals(fields, spec.optionalKeys) as unknown as PatchOf<E>;
        await model.updateRow(spec.entity, row.id, patch, receipt);
      } else {
        await model.addRow(spec.entity, withoutUndefined(fields), receipt);
      }
    },
  });
}

export type LineForm<E extends LineEntity, F extends string> = ReturnType<typeof createLineForm<E, F>>;
