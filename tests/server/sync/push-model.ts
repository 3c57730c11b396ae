/**
 * A sync server in memory for the push decision's property tests: the state push.ts loads from
 * the StoreTx (rows, households, open conflicts, recorded mutation ids, each device's lastSeq and
 * stored results), changed the way push.ts writes each decision, with no store, clock or random
 * id. Devices build mutations shaped like the change recorder's.
 */
import type { EntityName } from '../../../src/domain/sync/entities';
import { formatHlc } from '../../../src/domain/sync/hlc';
import type { MutationOp } from '../../../src/domain/sync/mutation';
import type { MutationResult } from '../../../src/domain/sync/protocol';
import type { ConflictRecord, HouseholdScope, StoredRow } from '../../../sync-server/src/stores/store-tx';
import { decideMutation, type RawMutation } from '../../../sync-server/src/sync/push-decision';
import { conflictKey, rowKey } from '../../../sync-server/src/sync/wire-row';

export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
export const HOUSEHOLD = 'h-1';

interface DeviceLog {
  lastSeq: number;
  applied: Map<number, { result: MutationResult }>;
}

export class MemoryServer {
  readonly rows = new Map<string, StoredRow>();
  readonly households = new Map<string, HouseholdScope>([
    [HOUSEHOLD, { id: HOUSEHOLD, welcomePointId: 'wp-1', createdBy: 'u-c' }],
  ]);
  readonly openConflicts = new Map<string, ConflictRecord>();
  readonly history: unknown[] = [];
  readonly quarantined: { deviceId: string; seq: number; reason: string }[] = [];
  readonly seenMutationIds = new Set<string>();
  readonly devices = new Map<string, DeviceLog>();
  private conflictIds = 0;

  /** One push request from `device`, decided and written mutation by mutation as push.ts does. */
  push(device: SimDevice, mutations: readonly RawMutation[]): MutationResult[] {
    const log = this.devices.get(device.deviceId) ?? { lastSeq: 0, applied: new Map() };
    this.devices.set(device.deviceId, log);
    const context = {
      deviceId: device.deviceId,
      userId: device.userId,
      scope: { all: true } as const,
      now: T0,
      newId: () => `conflict-${++this.conflictIds}`,
    };
    const results: MutationResult[] = [];
    for (const raw of mutations) {
      const state = {
        rows: this.rows,
        households: this.households,
        openConflicts: this.openConflicts,
        seenMutationIds: this.seenMutationIds,
        lastSeq: log.lastSeq,
        applied: log.applied,
      };
      const decision = decideMutation(raw, state, context);
      if (decision.kind === 'gap') break;
      results.push(decision.result);
      if (decision.kind === 'replay') continue;
      if (decision.kind === 'apply') {
        const { plan } = decision;
        this.history.push(...plan.history);
        for (const c of [...plan.newConflicts, ...plan.joinedConflicts]) {
          this.openConflicts.set(conflictKey(c.entity, c.entityId, c.field), c);
        }
        if (plan.row !== undefined) this.rows.set(rowKey(plan.row.entity, plan.row.id), plan.row);
        if (plan.household !== undefined) this.households.set(plan.household.id, plan.household);
        for (const c of plan.resolved) this.openConflicts.delete(conflictKey(c.entity, c.entityId, c.field));
      } else if (decision.kind === 'quarantine') {
        this.quarantined.push({ deviceId: device.deviceId, seq: raw.seq, reason: decision.reason });
        const row = decision.resend;
        if (row !== undefined) this.rows.set(rowKey(row.entity, row.id), row);
      }
      if (decision.kind !== 'duplicate') this.seenMutationIds.add(raw.mutationId);
      log.applied.set(raw.seq, { result: decision.result });
      log.lastSeq = raw.seq;
    }
    return results;
  }

  row(entity: EntityName, id: string): StoredRow | undefined {
    return this.rows.get(rowKey(entity, id));
  }

  /** Everything a push may change but the devices' own bookkeeping, as plain data. */
  snapshot(): unknown {
    return structuredClone({
      rows: [...this.rows.entries()].sort(),
      households: [...this.households.entries()].sort(),
      openConflicts: [...this.openConflicts.entries()].sort(),
      history: this.history,
      quarantined: this.quarantined,
      seenMutationIds: [...this.seenMutationIds].sort(),
    });
  }
}

let mutationIds = 0;

/** A device with gapless seqs and its own HLC stamps, whose clock the test sets. */
export class SimDevice {
  seq = 0;
  private counter = 0;

  constructor(
    readonly deviceId: string,
    readonly userId: string,
    /** Physical part of this device's next stamps. */
    public ms = T0,
  ) {}

  mutation(
    op: MutationOp,
    entity: EntityName,
    entityId: string,
    patch: Record<string, unknown>,
    base: { version: number; fieldVersions: Record<string, number> },
  ): RawMutation {
    this.seq += 1;
    this.counter += 1;
    mutationIds += 1;
    return {
      seq: this.seq,
      mutationId: `00000000-0000-7000-8000-${mutationIds.toString(16).padStart(12, '0')}`,
      deviceId: this.deviceId,
      userId: this.userId,
      op,
      entity,
      entityId,
      householdId: entity === 'household' ? entityId : HOUSEHOLD,
      patch,
      base:
        op === 'create'
          ? { version: 0, fieldVersions: {} }
          : {
              version: base.version,
              fieldVersions: Object.fromEntries(
                Object.keys(patch).map((f) => [f, base.fieldVersions[f] ?? base.version]),
              ),
            },
      hlc: formatHlc({ ms: this.ms, counter: this.counter, node: this.deviceId }),
      schemaVersion: 1,
      appVersion: '0.1.0',
    };
  }

  /** A delete of the row as the change recorder writes it (TOMB1). */
  remove(entity: EntityName, id: string, base: StoredRow): RawMutation {
    const patch = { deleted: true, deletedAt: this.ms, deletedBy: this.userId };
    return this.mutation('delete', entity, id, patch, baseOf(base));
  }
}

/** What a device knows of a row it pulled: its version and field versions (the mutation base). */
export function baseOf(row: StoredRow): { version: number; fieldVersions: Record<string, number> } {
  return {
    version: row.version,
    fieldVersions: Object.fromEntries(Object.entries(row.fieldMeta).map(([f, meta]) => [f, meta.v])),
  };
}
