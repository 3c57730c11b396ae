/**
 * The full rescan (DUP1c): every profile, key and pair rebuilt from sync_rows, keeping the
 * coordinators' decisions (DUP2). Detection tables are derived data: after a restore, a change of
 * the matching rules (new weights, a new key) or a bug, this puts them back.
 *
 * It reads the households in pages, computes every profile in memory, writes profiles and keys
 * in batches, then finds the pairs sharing a key (skipping keys held by more than MAX_BLOCK
 * households, as detection does), scores each pair once and decides it with the same rule as
 * detection (pair-decision.ts), so a rescan ends where incremental detection of every household
 * would. Batches are transactions of their own, so pushes go on meanwhile: what they change is
 * queued, and drained after the rescan (MatchQueueDrainer.exclusive).
 */
import {
  MATCH_PARAMETERS,
  type MatchParameters,
  type PreparedProfile,
  prepareProfile,
  scorePrepared,
} from '../../../src/domain/matching';
import { chunks } from '../stores/sql';
import type { RelaisStore } from '../stores/store';
import type { DuplicatePairRecord, MatchProfileRecord } from '../stores/store-tx';
import { dayOf, matchedProfile } from './detect';
import { decidePair, decisionHolds } from './pair-decision';

/** Households read per page. */
const READ_PAGE = 1000;
/** Profiles (with their keys) or pairs written per transaction. */
const WRITE_BATCH = 2000;
/** Key rows written per transaction (about a dozen per household). */
const KEY_BATCH = 20_000;

export interface RescanReport {
  households: number;
  /** Live households not merged: those with a profile. */
  profiles: number;
  keys: number;
  /** Pairs scored (sharing a key of at most MAX_BLOCK households). */
  scored: number;
  open: number;
  /** "Not a duplicate" decisions still holding. */
  decisionsKept: number;
  /** Decisions whose household changed since: reopened or dropped, kept in the history. */
  decisionsLapsed: number;
  ms: number;
}

interface Entry {
  record: MatchProfileRecord;
  /** Names normalised and coded once per household, not once per pair. */
  prepared: PreparedProfile;
  keys: string[];
}

async function readProfiles(
  store: RelaisStore,
  now: number,
): Promise<{ households: number; entries: Entry[] }> {
  const on = dayOf(now);
  const entries: Entry[] = [];
  const pages = chunks(await store.transaction((tx) => tx.householdIds()), READ_PAGE);
  const read = (page: readonly string[] | undefined) =>
    page === undefined
      ? Promise.resolve([])
      : store.transaction((tx) => tx.matchSourcesBetween(page[0] as string, page.at(-1) as string));
  // The next page is read while this one is profiled: on PostgreSQL the server works meanwhile.
  let next = read(pages[0]);
  for (let i = 0; i < pages.length; i += 1) {
    const sources = await next;
    next = read(pages[i + 1]);
    for (const source of sources) {
      const matched = matchedProfile(source, on);
      if (matched === undefined) continue;
      entries.push({
        record: {
          householdId: source.householdId,
          profile: matched.profile,
          fingerprint: matched.fingerprint,
          updatedAt: now,
        },
        prepared: prepareProfile(matched.profile),
        keys: matched.keys,
      });
    }
  }
  const households = pages.reduce((sum, page) => sum + page.length, 0);
  return { households, entries };
}

/** Index pairs (i < j) of entries sharing a key of at most `maxBlockSize` households. */
function blockedPairs(entries: readonly Entry[], maxBlockSize: number): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    for (const key of new Set(entry.keys)) {
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [index]);
      else block.push(index);
    }
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = entries.length;
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > maxBlockSize) continue;
    for (let x = 0; x < block.length; x += 1) {
      for (let y = x + 1; y < block.length; y += 1) {
        const i = block[x] as number;
        const j = block[y] as number;
        // i < j always (indices were pushed in order); i * n + j is exact below 2^53.
        const id = i * n + j;
        if (seen.has(id)) continue;
        seen.add(id);
        pairs.push([i, j]);
      }
    }
  }
  return pairs;
}

export async function rescanDuplicates(
  store: RelaisStore,
  options: {
    now: () => number;
    params?: MatchParameters;
    /** Told the time each phase took (the benchmark's details). */
    onPhase?: (phase: string, ms: number) => void;
  },
): Promise<RescanReport> {
  const started = performance.now();
  let phaseStart = started;
  const phase = (name: string) => {
    const at = performance.now();
    options.onPhase?.(name, Math.round(at - phaseStart));
    phaseStart = at;
  };
  const params = options.params ?? MATCH_PARAMETERS;
  const now = options.now();
  const { households, entries } = await readProfiles(store, now);
  // Sorted by id, so the pair of entries i < j is (household_a, household_b).
  entries.sort((x, y) => (x.record.householdId < y.record.householdId ? -1 : 1));
  phase('read and profile');

  await store.transaction(async (tx) => {
    await tx.clearMatchProfiles();
    await tx.dropMatchKeysHouseholdIndex();
  });
  try {
    for (let i = 0; i < entries.length; i += WRITE_BATCH) {
      const batch = entries.slice(i, i + WRITE_BATCH).map((e) => e.record);
      await store.transaction((tx) => tx.insertMatchProfiles(batch));
    }
    phase('write profiles');
    // Sorted by key: the (key, household_id) primary key grows at its end, not at random pages.
    const keyRows = entries.flatMap((e) =>
      [...new Set(e.keys)].map((key) => ({ key, householdId: e.record.householdId })),
    );
    keyRows.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.householdId < y.householdId ? -1 : 1));
    for (let i = 0; i < keyRows.length; i += KEY_BATCH) {
      const batch = keyRows.slice(i, i + KEY_BATCH);
      await store.transaction((tx) => tx.insertMatchKeys(batch));
    }
  } finally {
    await store.transaction((tx) => tx.ensureMatchKeysHouseholdIndex());
  }
  phase('write keys and rebuild their index');
  const decided = new Map<string, DuplicatePairRecord>();
  for (const pair of await store.transaction((tx) => tx.decidedDuplicatePairs())) {
    decided.set(`${pair.householdA}|${pair.householdB}`, pair);
  }
  const toStore: DuplicatePairRecord[] = [];
  const lapsed: DuplicatePairRecord[] = [];
  let scored = 0;
  const pairs = blockedPairs(entries, params.maxBlockSize);
  phase('block');
  for (const [i, j] of pairs) {
    const a = entries[i] as Entry;
    const b = entries[j] as Entry;
    const key = `${a.record.householdId}|${b.record.householdId}`;
    const stored = decided.get(key);
    if (stored !== undefined && decisionHolds(stored, a.record.fingerprint, b.record.fingerprint)) continue;
    scored += 1;
    const { score, reasons } = scorePrepared(a.prepared, b.prepared, params);
    const decision = decidePair(
      stored,
      {
        householdA: a.record.householdId,
        householdB: b.record.householdId,
        score,
        reasons,
        fingerprintA: a.record.fingerprint,
        fingerprintB: b.record.fingerprint,
      },
      now,
      params,
    );
    if (decision.kind === 'keep') continue;
    if (decision.lapsed !== undefined) lapsed.push(decision.lapsed);
    if (decision.kind === 'store') toStore.push(decision.pair);
  }
  phase('score');
  // A decision on a pair that no longer shares a key stays as it is (detection does the same).
  const lapsedPairs = new Set(lapsed);
  const decisionsKept = [...decided.values()].filter(
    (pair) => pair.status === 'not_duplicate' && !lapsedPairs.has(pair),
  ).length;

  await store.transaction(async (tx) => {
    await tx.deleteUndecidedDuplicatePairs();
    for (const pair of lapsed) {
      await tx.recordLapsedDecision(pair, now);
      await tx.deleteDuplicatePair(pair.householdA, pair.householdB);
    }
  });
  for (let i = 0; i < toStore.length; i += WRITE_BATCH) {
    const batch = toStore.slice(i, i + WRITE_BATCH);
    await store.transaction((tx) => tx.insertDuplicatePairs(batch));
  }
  phase('write pairs');
  return {
    households,
    profiles: entries.length,
    keys: entries.reduce((sum, e) => sum + new Set(e.keys).size, 0),
    scored,
    open: toStore.length,
    decisionsKept,
    decisionsLapsed: lapsed.length,
    ms: Math.round(performance.now() - started),
  };
}
