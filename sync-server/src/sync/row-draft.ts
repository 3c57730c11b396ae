/**
 * The working parts of the push decision (push-plan.ts): what it reads (`ServerView`), who writes
 * with which clock and id generator (`Writer`), what it returns (`Plan`), and `RowDraft`, the
 * change to one existing row while it is being decided: the row's next data and field versions,
 * with the field history and conflicts to write beside it (CONF2, CONF4, I4). Pure: nothing here
 * is written; the draft only grows the plan.
 */
import type { Mutation } from '../../../src/domain/sync/mutation';
import type { ConflictValue, MutationResult } from '../../../src/domain/sync/protocol';
import type {
  ConflictRecord,
  FieldHistoryRecord,
  FieldMeta,
  HouseholdScope,
  StoredRow,
} from '../stores/store-tx';
import { conflictKey, sameValue, setValue } from './wire-row';

/** What the server holds of the rows a push names, as loaded (and updated) by the push. */
export interface ServerView {
  /** By `rowKey(entity, id)`. */
  rows: ReadonlyMap<string, StoredRow>;
  households: ReadonlyMap<string, HouseholdScope>;
  /** Of those scopes, the workshops' (WS1: a root that is no household, and takes no child row). */
  workshops?: ReadonlySet<string>;
  /** The open conflicts of those rows, by `conflictKey(entity, id, field)`. */
  openConflicts: ReadonlyMap<string, ConflictRecord>;
}

/** Who writes, and the clock and id generator the decision uses (injected, so it stays pure). */
export interface Writer {
  userId: string;
  /** Server time, ms since the epoch. */
  now: number;
  /** A new conflict id. */
  newId: () => string;
}

/** What applying one mutation will write, decided before anything is written. */
export interface Plan {
  row?: StoredRow;
  household?: HouseholdScope;
  /** The household moved to another welcome point: its rows are re-sequenced (PULL5). */
  rescope?: boolean;
  history: Omit<FieldHistoryRecord, 'id' | 'recordedAt'>[];
  newConflicts: ConflictRecord[];
  joinedConflicts: ConflictRecord[];
  resolved: ConflictRecord[];
  result: Omit<MutationResult, 'seq' | 'mutationId'>;
}

export function emptyPlan(): Plan {
  return { history: [], newConflicts: [], joinedConflicts: [], resolved: [], result: { status: 'applied' } };
}

/** A value already on the server, as a conflict shows it (CONF2, CONF6). */
export function currentValue(value: unknown, meta: FieldMeta): ConflictValue {
  return {
    value: value ?? null,
    userId: meta.u,
    deviceId: meta.d,
    hlc: meta.h,
    serverTime: meta.t,
    version: meta.v,
  };
}

/** The change one mutation makes to an existing row, while it is decided. */
export class RowDraft {
  /** The row's next version, and the field version of every field this mutation sets. */
  readonly version: number;
  /** The mutation as the writer of the fields it sets. */
  readonly author: FieldMeta;
  readonly data: Record<string, unknown>;
  readonly fieldMeta: Record<string, FieldMeta>;
  deleted: boolean;
  /** A field took a new value (or the row came back): the row is written with `version`. */
  changed = false;
  /** The device showed a value the server did not keep: the row must reach it again (PULL9). */
  resend = false;
  /** Values that lost to a concurrent write: kept in the history and conflicts, so checked too. */
  readonly losing = new Map<string, unknown>();
  readonly out: Plan = emptyPlan();

  constructor(
    readonly existing: StoredRow,
    readonly m: Mutation,
    /** The mutation's stamp, clamped (CLOCK1). */
    readonly hlc: string,
    private readonly view: ServerView,
    private readonly writer: Writer,
  ) {
    this.version = existing.version + 1;
    this.author = { v: this.version, d: m.deviceId, u: writer.userId, h: hlc, t: writer.now };
    this.data = { ...existing.data };
    this.fieldMeta = { ...existing.fieldMeta };
    this.deleted = existing.deleted;
  }

  /** Sets a field to this mutation's value, as its latest writer. */
  setField(field: string, value: unknown): void {
    setValue(this.data, field, value);
    this.fieldMeta[field] = this.author;
    this.changed = true;
  }

  /** This mutation's value, as a conflict shows it (CONF2). */
  incoming(value: unknown): ConflictValue {
    return {
      value: value ?? null,
      userId: this.writer.userId,
      deviceId: this.m.deviceId,
      hlc: this.hlc,
      serverTime: this.writer.now,
      version: this.version,
      mutationId: this.m.mutationId,
    };
  }

  /** Keeps a value that is replaced or refused in the field history (I4). */
  record(field: string, value: unknown, meta: FieldMeta, reason: string): void {
    this.out.history.push({
      entity: this.m.entity,
      entityId: this.existing.id,
      householdId: this.existing.householdId,
      field,
      value: value ?? null,
      version: meta.v,
      userId: meta.u,
      deviceId: meta.d,
      hlc: meta.h,
      serverTime: meta.t,
      reason,
      byMutation: this.m.mutationId,
    });
  }

  /**
   * CONF2: one open conflict per (row, field); later competing values join it, one per device
   * (CONF3: a device's later value replaces its earlier one, see `withDeviceValues`).
   */
  openConflict(field: string, kind: ConflictRecord['kind'], values: ConflictValue[]): void {
    const open = this.openOn(field);
    if (open !== undefined) {
      this.joinOpen(open, withDeviceValues(open.values as ConflictValue[], values));
      return;
    }
    this.out.newConflicts.push({
      id: this.writer.newId(),
      entity: this.m.entity,
      entityId: this.existing.id,
      householdId: this.existing.householdId,
      field,
      kind,
      status: 'open',
      values,
      openedAt: this.writer.now,
      resolvedAt: null,
      resolvedBy: null,
      resolvedByMutation: null,
    });
  }

  /** The field's open conflict takes exactly `values` (liveness.ts), or one opens with them. */
  putConflict(field: string, kind: ConflictRecord['kind'], values: ConflictValue[]): void {
    const open = this.openOn(field);
    if (open === undefined) this.openConflict(field, kind, values);
    else if (JSON.stringify(open.values) !== JSON.stringify(values)) this.joinOpen(open, values);
  }

  /** Records a conflict's new values; once they all agree, nothing is left to review: it closes. */
  private joinOpen(open: ConflictRecord, values: ConflictValue[]): void {
    if (values.every((v) => sameValue(v.value, values[0]?.value))) this.out.resolved.push(open);
    else this.out.joinedConflicts.push({ ...open, values });
  }

  /** CONF4: an edit made on the latest version of the field settles its open conflict. */
  resolveIfOpen(field: string): void {
    const open = this.openOn(field);
    if (open !== undefined) this.out.resolved.push(open);
  }

  /** The field's open conflict, as the push loaded it. */
  openConflictOn(field: string): ConflictRecord | undefined {
    return this.openOn(field);
  }

  private openOn(field: string): ConflictRecord | undefined {
    return this.view.openConflicts.get(conflictKey(this.m.entity, this.existing.id, field));
  }
}

/**
 * The values of a conflict once `incoming` join it: one per device. A device's mutations arrive
 * in the order it made them, so a value of a device already listed with another stamp is that
 * device's later write (CONF3) and replaces the earlier one; the same write (same stamp) is kept
 * as first listed.
 */
export function withDeviceValues(
  listed: readonly ConflictValue[],
  incoming: readonly ConflictValue[],
): ConflictValue[] {
  const values = [...listed];
  for (const value of incoming) {
    const at = values.findIndex((v) => v.deviceId === value.deviceId);
    if (at === -1) values.push(value);
    else if (values[at]?.hlc !== value.hlc) values[at] = value;
  }
  return values;
}
