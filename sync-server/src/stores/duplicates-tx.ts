/**
 * Duplicate detection's tables (migrations 007 and 009, docs/merges.md DUP1–DUP4): the queue of
 * households to recompute, each household's match profile and blocking keys, the scored pairs with
 * the coordinators' decisions, and the history of decisions that stopped holding. Also the reads
 * detection needs from the sync tables: a household's live rows of the compared entities, by
 * household. What a profile, a key or a score is comes from src/domain/matching; what to do with
 * a pair from sync-server/src/duplicates/.
 */
import { type Scope, scopeSql } from '../sync/scope';
import type { DuplicatePairRecord, DuplicatePairStatus, MatchProfileRecord, MatchSource } from './records';
import { jsonOf, NUM, OPT_NUM, OPT_STR, oneOf, type Row, recordTable, STR, str } from './row-mappers';
import { HOUSEHOLD_NOW } from './scope-tx';
import { chunks, placeholders, type SqlExecutor, type SqlValue } from './sql';

const MATCH_PROFILES = recordTable<MatchProfileRecord>('match_profiles', {
  householdId: STR,
  profile: jsonOf(),
  fingerprint: STR,
  updatedAt: NUM,
});

const PAIRS = recordTable<DuplicatePairRecord>('duplicate_candidates', {
  householdA: STR,
  householdB: STR,
  score: NUM,
  reasons: jsonOf(),
  status: oneOf(),
  fingerprintA: STR,
  fingerprintB: STR,
  decidedBy: OPT_STR,
  decidedAt: OPT_NUM,
  decisionReason: OPT_STR,
  updatedAt: NUM,
});

const PAIR_KEY = ['household_a', 'household_b'];

/** A pair written over the stored one (its decision fields included: the caller decides them). */
const UPSERT_PAIR = `${PAIRS.insert}
  ON CONFLICT (${PAIR_KEY.join(', ')}) DO UPDATE SET ${PAIRS.columns
    .filter((column) => !PAIR_KEY.includes(column))
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;

/** The entities whose rows make a household's profile (DUP1c: a change to one queues it). */
export const MATCHED_ENTITIES = ['household', 'member', 'debt', 'creditor'] as const;
type MatchedEntity = (typeof MATCHED_ENTITIES)[number];

const HOUSEHOLD_SCOPE = 'SELECT id, welcome_point_id, merged_into FROM households';
const LIVE_ROWS = 'SELECT entity, household_id, data FROM sync_rows';
const ROW_ORDER = 'ORDER BY household_id, entity, id';

/**
 * Parameters per multi-row INSERT (2,000 key rows, 1,000 profiles, ~360 pairs a statement): few
 * round trips, well under both engines' limits (SQLite 32,766, PostgreSQL 65,535).
 */
const PARAMS_PER_INSERT = 4000;

/** A pair with the welcome point of each household, as the coordinators' queue lists it. */
export interface ListedPair extends DuplicatePairRecord {
  welcomePointA: string | null;
  welcomePointB: string | null;
}

export class DuplicatesTx {
  constructor(private readonly sql: SqlExecutor) {}

  /** `INSERT … VALUES (…), (…)` of many records, in statements of PARAMS_PER_INSERT parameters at most. */
  private async insertMany(
    table: string,
    columns: readonly string[],
    rows: readonly SqlValue[][],
    suffix = '',
  ): Promise<void> {
    for (const part of chunks(rows, Math.max(1, Math.floor(PARAMS_PER_INSERT / columns.length)))) {
      const params: SqlValue[] = [];
      const tuples = part.map((values) => {
        const start = params.length + 1;
        params.push(...values);
        return `(${placeholders(start, values.length)})`;
      });
      await this.sql.run(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${suffix}`,
        params,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // The queue (DUP1c): written in the push transaction, drained after it commits.

  /** Queues households for detection (again: a queued one keeps one row, with the later time). */
  async queueHouseholds(householdIds: readonly string[], at: number): Promise<void> {
    const ids = [...new Set(householdIds)].sort();
    await this.insertMany(
      'match_queue',
      ['household_id', 'queued_at'],
      ids.map((id) => [id, at]),
      ' ON CONFLICT (household_id) DO UPDATE SET queued_at = excluded.queued_at',
    );
  }

  /** The oldest queued households, at most `limit`. */
  async queuedHouseholds(limit: number): Promise<string[]> {
    const rows = await this.sql.all<Row>(
      'SELECT household_id FROM match_queue ORDER BY queued_at, household_id LIMIT $1',
      [limit],
    );
    return rows.map((r) => str(r.household_id));
  }

  /**
   * Takes a household off the queue, before its rows are read in the same transaction. On
   * PostgreSQL the delete locks the queue row: a push queueing it again waits for this
   * transaction and queues it anew, so a change committed after the read is never lost.
   */
  async unqueueHousehold(householdId: string): Promise<void> {
    await this.sql.run('DELETE FROM match_queue WHERE household_id = $1', [householdId]);
  }

  async queueLength(): Promise<number> {
    const rows = await this.sql.all<Row>('SELECT COUNT(*) AS n FROM match_queue');
    return Number(rows[0]?.n ?? 0);
  }

  // -------------------------------------------------------------------------------------------
  // What detection reads of the sync tables

  /**
   * For each household id: its scope row and its live rows of the compared entities, in a stable
   * order (a profile, and so its fingerprint, never depends on the order rows were pushed).
   * `entities` narrows the rows read (the queue's labels need the household and members only).
   */
  async matchSources(
    householdIds: readonly string[],
    entities: readonly MatchedEntity[] = MATCHED_ENTITIES,
  ): Promise<MatchSource[]> {
    const out = new Map<string, MatchSource>();
    for (const part of chunks([...new Set(householdIds)])) {
      const inPart = `IN (${placeholders(1, part.length)})`;
      this.addSources(out, await this.sql.all<Row>(`${HOUSEHOLD_SCOPE} WHERE id ${inPart}`, part));
      this.addRows(
        out,
        await this.sql.all<Row>(
          `${LIVE_ROWS} WHERE household_id ${inPart} AND deleted = 0 ${ROW_ORDER}`,
          part,
        ),
        entities,
      );
    }
    return [...out.values()];
  }

  /**
   * The match sources of every household whose id is in [firstId, lastId] (the rescan's pages):
   * two range reads on the household indexes, in household order, however many households.
   */
  async matchSourcesBetween(firstId: string, lastId: string): Promise<MatchSource[]> {
    const out = new Map<string, MatchSource>();
    const range = [firstId, lastId];
    this.addSources(
      out,
      await this.sql.all<Row>(`${HOUSEHOLD_SCOPE} WHERE id >= $1 AND id <= $2 ORDER BY id`, range),
    );
    this.addRows(
      out,
      await this.sql.all<Row>(
        `${LIVE_ROWS} WHERE household_id >= $1 AND household_id <= $2 AND deleted = 0 ${ROW_ORDER}`,
        range,
      ),
      MATCHED_ENTITIES,
    );
    return [...out.values()];
  }

  private addSources(out: Map<string, MatchSource>, households: readonly Row[]): void {
    for (const h of households) {
      out.set(str(h.id), {
        householdId: str(h.id),
        welcomePointId: h.welcome_point_id === null ? null : str(h.welcome_point_id),
        mergedInto: h.merged_into === null || h.merged_into === undefined ? null : str(h.merged_into),
        household: undefined,
        members: [],
        debts: [],
        creditors: [],
      });
    }
  }

  /**
   * The rows' data onto their sources. The entity is filtered here, not in SQL: with an
   * `entity IN (…)` condition SQLite's planner walks the (entity, id) primary key over every
   * household's rows instead of the household index (seconds per page at 100,000 households).
   */
  private addRows(
    out: Map<string, MatchSource>,
    rows: readonly Row[],
    entities: readonly MatchedEntity[],
  ): void {
    for (const r of rows) {
      const entity = r.entity as MatchedEntity;
      if (!entities.includes(entity)) continue;
      const source = out.get(str(r.household_id));
      if (source === undefined) continue;
      const data = JSON.parse(str(r.data)) as Record<string, unknown>;
      if (entity === 'household') source.household = data;
      else if (entity === 'member') source.members.push(data);
      else if (entity === 'debt') source.debts.push(data);
      else source.creditors.push(data);
    }
  }

  /** Every household id, in id order (the rescan's pages); a workshop's scope is none (WS1). */
  async householdIds(): Promise<string[]> {
    const notWorkshop = "NOT EXISTS (SELECT 1 FROM sync_rows r WHERE r.entity = 'workshop' AND r.id = h.id)";
    const rows = await this.sql.all<Row>(`SELECT id FROM households h WHERE ${notWorkshop} ORDER BY id`);
    return rows.map((r) => str(r.id));
  }

  // -------------------------------------------------------------------------------------------
  // Profiles and blocking keys (DUP1b)

  /** The household's profile and keys, in place of what it had. */
  async replaceMatchProfile(record: MatchProfileRecord, keys: readonly string[]): Promise<void> {
    await this.sql.run(
      `${MATCH_PROFILES.insert} ON CONFLICT (household_id) DO UPDATE SET
       profile = excluded.profile, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at`,
      MATCH_PROFILES.values(record),
    );
    await this.sql.run('DELETE FROM match_keys WHERE household_id = $1', [record.householdId]);
    const unique = [...new Set(keys)];
    await this.insertMany(
      'match_keys',
      ['key', 'household_id'],
      unique.map((key) => [key, record.householdId]),
    );
  }

  /** A household that is no longer matched (deleted, merged): no profile, no keys. */
  async removeMatchProfile(householdId: string): Promise<void> {
    await this.sql.run('DELETE FROM match_profiles WHERE household_id = $1', [householdId]);
    await this.sql.run('DELETE FROM match_keys WHERE household_id = $1', [householdId]);
  }

  /** Every profile and key gone (a rescan starts from nothing but sync_rows). */
  async clearMatchProfiles(): Promise<void> {
    await this.sql.run('DELETE FROM match_keys');
    await this.sql.run('DELETE FROM match_profiles');
  }

  /** Profiles of households that have none (the rescan's bulk write; keys: insertMatchKeys). */
  async insertMatchProfiles(records: readonly MatchProfileRecord[]): Promise<void> {
    await this.insertMany('match_profiles', MATCH_PROFILES.columns, records.map(MATCH_PROFILES.values));
  }

  /**
   * The rescan's bulk load of keys goes without the household index of match_keys (migration
   * 007), which it rebuilds at the end: a million keys inserted into two indexes at once, one of
   * them in random order, took 40 s on SQLite at 100,000 households; an index built once from
   * the loaded table takes a few seconds. Only detection's deletes by household use that index,
   * and the drain is held off during a rescan (MatchQueueDrainer.exclusive).
   */
  async dropMatchKeysHouseholdIndex(): Promise<void> {
    await this.sql.run('DROP INDEX IF EXISTS match_keys_household');
  }

  /** The household index of match_keys, rebuilt after the rescan's bulk load (or if one failed). */
  async ensureMatchKeysHouseholdIndex(): Promise<void> {
    await this.sql.run('CREATE INDEX IF NOT EXISTS match_keys_household ON match_keys (household_id)');
  }

  /**
   * Blocking keys not stored yet (the rescan's bulk write). The rescan passes them sorted by key,
   * so the (key, household_id) index grows at its end instead of at random pages.
   */
  async insertMatchKeys(keys: readonly { key: string; householdId: string }[]): Promise<void> {
    await this.insertMany(
      'match_keys',
      ['key', 'household_id'],
      keys.map((k) => [k.key, k.householdId]),
    );
  }

  /**
   * The profiles of the households sharing a usable key with `keys` (DUP1b), in one statement:
   * each key's holders read with their own LIMIT (maxBlockSize + 1), keys with more than
   * maxBlockSize holders skipped, and of the rest only live households merged into nothing
   * (DUP4), but `exclude`, within `scope` when given (DUP3). One round trip however many keys,
   * which is what keeps a changed household's detection within issue 14's 50 ms on PostgreSQL.
   */
  async profilesSharingKeys(
    keys: readonly string[],
    options: { exclude?: string; maxBlockSize: number; scope?: Scope },
  ): Promise<MatchProfileRecord[]> {
    const out = new Map<string, MatchProfileRecord>();
    for (const part of chunks([...new Set(keys)], 100)) {
      const params: SqlValue[] = [options.maxBlockSize + 1, options.maxBlockSize, options.exclude ?? ''];
      const holders = part.map((key) => {
        params.push(key);
        const i = params.length;
        return `SELECT * FROM (SELECT key, household_id FROM match_keys WHERE key = $${i} LIMIT $1) AS k${i}`;
      });
      const inScope =
        options.scope === undefined ? '(1 = 1)' : scopeSql(options.scope, HOUSEHOLD_NOW, params);
      const rows = await this.sql.all<Row>(
        // The few ids drive (CROSS JOIN keeps that order on SQLite), and each one's household is
        // checked by its primary key in a scalar subquery: joined instead, both engines walked
        // every live household through the merged_into index (15 to 100 ms at 100,000).
        `WITH k AS (${holders.join(' UNION ALL ')}),
         usable AS (SELECT key FROM k GROUP BY key HAVING COUNT(*) <= $2),
         ids AS (SELECT DISTINCT household_id FROM k WHERE key IN (SELECT key FROM usable) AND household_id <> $3)
         SELECT p.* FROM ids CROSS JOIN match_profiles p
         WHERE p.household_id = ids.household_id
           AND (SELECT COUNT(*) FROM households h
                WHERE h.id = ids.household_id AND h.merged_into IS NULL AND ${inScope}) = 1`,
        params,
      );
      for (const r of rows) out.set(str(r.household_id), MATCH_PROFILES.read(r));
    }
    return [...out.values()];
  }

  // -------------------------------------------------------------------------------------------
  // Pairs (DUP1, DUP2)

  /** Every stored pair with this household on either side. */
  async duplicatePairsOf(householdId: string): Promise<DuplicatePairRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM duplicate_candidates WHERE household_a = $1
       UNION ALL SELECT * FROM duplicate_candidates WHERE household_b = $1`,
      [householdId],
    );
    return rows.map(PAIRS.read);
  }

  async getDuplicatePair(householdA: string, householdB: string): Promise<DuplicatePairRecord | undefined> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM duplicate_candidates WHERE household_a = $1 AND household_b = $2',
      [householdA, householdB],
    );
    return rows[0] === undefined ? undefined : PAIRS.read(rows[0]);
  }

  async upsertDuplicatePair(pair: DuplicatePairRecord): Promise<void> {
    await this.sql.run(UPSERT_PAIR, PAIRS.values(pair));
  }

  async deleteDuplicatePair(householdA: string, householdB: string): Promise<void> {
    await this.sql.run('DELETE FROM duplicate_candidates WHERE household_a = $1 AND household_b = $2', [
      householdA,
      householdB,
    ]);
  }

  /**
   * Every pair a coordinator decided, or that reopened after a decision lapsed (the rescan keeps
   * the decision and the decider shown on it).
   */
  async decidedDuplicatePairs(): Promise<DuplicatePairRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM duplicate_candidates WHERE status = 'not_duplicate' OR decided_by IS NOT NULL
       ORDER BY household_a, household_b`,
    );
    return rows.map(PAIRS.read);
  }

  /** Every pair nobody decided: derived data, which a rescan writes anew. */
  async deleteUndecidedDuplicatePairs(): Promise<void> {
    await this.sql.run("DELETE FROM duplicate_candidates WHERE status <> 'not_duplicate'");
  }

  /** New pairs, none of which is stored yet (the rescan's bulk write). */
  async insertDuplicatePairs(pairs: readonly DuplicatePairRecord[]): Promise<void> {
    await this.insertMany('duplicate_candidates', PAIRS.columns, pairs.map(PAIRS.values));
  }

  /** DUP2: a decision that stopped holding, kept before its pair reopens. */
  async recordLapsedDecision(pair: DuplicatePairRecord, at: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO duplicate_decisions (household_a, household_b, status, fingerprint_a, fingerprint_b,
       decided_by, decided_at, decision_reason, reopened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        pair.householdA,
        pair.householdB,
        pair.status,
        pair.fingerprintA,
        pair.fingerprintB,
        pair.decidedBy,
        pair.decidedAt,
        pair.decisionReason,
        at,
      ],
    );
  }

  /** The decisions of a pair that stopped holding, oldest first. */
  async lapsedDecisions(
    householdA: string,
    householdB: string,
  ): Promise<{ status: string; decidedBy: string | null; decidedAt: number | null; reopenedAt: number }[]> {
    const rows = await this.sql.all<Row>(
      `SELECT status, decided_by, decided_at, reopened_at FROM duplicate_decisions
       WHERE household_a = $1 AND household_b = $2 ORDER BY reopened_at`,
      [householdA, householdB],
    );
    return rows.map((r) => ({
      status: str(r.status),
      decidedBy: OPT_STR.read(r.decided_by),
      decidedAt: OPT_NUM.read(r.decided_at),
      reopenedAt: Number(r.reopened_at),
    }));
  }

  /**
   * The coordinators' queue (DUP4): pairs of `status` whose two households are live (both have a
   * profile) and merged into nothing, optionally of one welcome point (either household's),
   * highest score first.
   */
  async listDuplicatePairs(filter: {
    status: DuplicatePairStatus;
    welcomePointId?: string;
    limit: number;
  }): Promise<ListedPair[]> {
    const params: SqlValue[] = [filter.status, filter.limit];
    let wp = '';
    if (filter.welcomePointId !== undefined) {
      params.push(filter.welcomePointId);
      wp = 'AND (ha.welcome_point_id = $3 OR hb.welcome_point_id = $3)';
    }
    const rows = await this.sql.all<Row>(
      `SELECT c.*, ha.welcome_point_id AS welcome_point_a, hb.welcome_point_id AS welcome_point_b
       FROM duplicate_candidates c
       JOIN households ha ON ha.id = c.household_a
       JOIN households hb ON hb.id = c.household_b
       JOIN match_profiles pa ON pa.household_id = c.household_a
       JOIN match_profiles pb ON pb.household_id = c.household_b
       WHERE c.status = $1 AND ha.merged_into IS NULL AND hb.merged_into IS NULL ${wp}
       ORDER BY c.score DESC, c.household_a, c.household_b LIMIT $2`,
      params,
    );
    return rows.map((r) => ({
      ...PAIRS.read(r),
      welcomePointA: OPT_STR.read(r.welcome_point_a),
      welcomePointB: OPT_STR.read(r.welcome_point_b),
    }));
  }
}
