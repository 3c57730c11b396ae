/**
 * A row at its next version, written by a coordinator's command (a merge or its undo, MERGE5,
 * MERGE6): each field it sets gets that version, with the server as the writing device, so
 * devices take it through the pull like any change, and the undo recognises what its merge wrote.
 */
import type { FieldMeta, StoredRow } from '../stores/store-tx';
import type { Writer } from '../sync/row-draft';
import { fieldValue, maxHlc, sameValue, setValue } from '../sync/wire-row';

/** The device id of writes made by a coordinator's command on the server. */
export const SERVER_WRITER = 'server';

export class ServerWrite {
  readonly row: StoredRow;
  readonly author: FieldMeta;
  /** Whether anything was set: a row nothing changed is not written. */
  changed = false;

  constructor(existing: StoredRow, writer: Pick<Writer, 'userId' | 'now'>, hlc: string) {
    const version = existing.version + 1;
    this.author = { v: version, d: SERVER_WRITER, u: writer.userId, h: hlc, t: writer.now };
    this.row = {
      ...existing,
      version,
      data: { ...existing.data },
      fieldMeta: { ...existing.fieldMeta },
      updatedHlc: maxHlc(existing.updatedHlc, hlc),
    };
  }

  /** Sets a field (a value it already holds changes nothing, not even its version). */
  set(field: string, value: unknown): void {
    if (sameValue(fieldValue(this.row.data, field), value)) return;
    setValue(this.row.data, field, value);
    this.row.fieldMeta[field] = this.author;
    if (field === 'deleted') this.row.deleted = value === true;
    this.changed = true;
  }

  /** Moves the row to another household (a merge re-points, an unmerge moves back). */
  moveTo(householdId: string): void {
    this.row.householdId = householdId;
    if ('householdId' in this.row.data) this.row.data.householdId = householdId;
    this.changed = true;
  }
}
