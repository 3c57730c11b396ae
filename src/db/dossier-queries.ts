/**
 * Read side of the dossier list: search as you type (name, phone, reference), filters, most
 * recent activity first, and the duplicate check at intake. Reads parse rows with the domain
 * schemas; a stored row that no longer parses is skipped and reported to `onInvalidRow`.
 */
import { isMergedAway } from '../domain/dossier/counted-households';
import type { DossierStatus, Track } from '../domain/dossier/dossier-meta';
import { nameTokens } from '../domain/dossier/normalise';
import { type HouseholdRow, HouseholdRowSchema } from '../domain/dossier/rows';
import {
  isCandidate,
  type MatchProfile,
  prepareProfile,
  profileFromProbe,
  profileFromRows,
  scorePrepared,
} from '../domain/matching';
import type { MatchProbe, MatchReason } from '../domain/sync/coordination-protocol';
import type { RelaisDb, StoredHousehold } from './app-db';
import { searchIndexOf } from './search-index';

export interface DossierQuery {
  /** Free text: words of names (prefixes), a phone number (any French format) or a reference. */
  search?: string;
  track?: Track;
  /** One status or several. */
  status?: DossierStatus | readonly DossierStatus[];
  welcomePointId?: string;
  /** Next planned appointment at or after this local time 'YYYY-MM-DDTHH:mm' (or date). */
  nextAppointmentAfter?: string;
  /** Next planned appointment strictly before this local time 'YYYY-MM-DDTHH:mm' (or date). */
  nextAppointmentBefore?: string;
  /** Include tombstoned households (default false). */
  includeDeleted?: boolean;
  /** At most this many results (default: all). */
  limit?: number;
}

export interface DossierSummary {
  householdId: string;
  /** The applicant's name as typed, '' when no member yet. */
  displayName: string;
  /** Most recent change to any row of the dossier, Unix ms. */
  activityAt: number;
  /** Earliest planned appointment 'YYYY-MM-DDTHH:mm'. */
  nextAppointment?: string;
  household: HouseholdRow;
}

export type InvalidRowHandler = (table: string, id: string, error: unknown) => void;

function matchesFilters(h: Readonly<StoredHousehold>, q: DossierQuery): boolean {
  // MERGE11: a merged household is its survivor now, never a dossier of its own, even deleted.
  if (isMergedAway(h)) return false;
  if (!q.includeDeleted && h.deleted) return false;
  if (q.track !== undefined && h.track !== q.track) return false;
  if (q.status !== undefined) {
    const statuses: readonly DossierStatus[] = typeof q.status === 'string' ? [q.status] : q.status;
    if (!statuses.includes(h.status)) return false;
  }
  if (q.welcomePointId !== undefined && h.welcomePointId !== q.welcomePointId) return false;
  const next = h.local.nextAppointment;
  if (q.nextAppointmentAfter !== undefined && (next === undefined || next < q.nextAppointmentAfter))
    return false;
  if (q.nextAppointmentBefore !== undefined && (next === undefined || next >= q.nextAppointmentBefore))
    return false;
  return true;
}

/**
 * The most recent households that pass the filters, at most `limit`. Read as one getAll of a page
 * by activity (no filter inside the query: Dexie would walk a cursor, one request per row), then
 * filtered here; filters rarely reject, so the page usually suffices, else a larger one is read.
 */
async function mostRecentMatching(
  db: RelaisDb,
  query: DossierQuery,
  limit: number,
): Promise<StoredHousehold[]> {
  const byActivity = () => db.households.orderBy('local.activityAt').reverse();
  if (!Number.isFinite(limit)) return (await byActivity().toArray()).filter((h) => matchesFilters(h, query));
  for (let read = Math.max(limit, 20); ; read *= 4) {
    const page = await byActivity().limit(read).toArray();
    const kept = page.filter((h) => matchesFilters(h, query));
    if (kept.length >= limit || page.length < read) return kept.slice(0, limit);
  }
}

function summarise(
  h: Readonly<StoredHousehold>,
  onInvalidRow: InvalidRowHandler,
): DossierSummary | undefined {
  const parsed = HouseholdRowSchema.safeParse(h);
  if (!parsed.success) {
    onInvalidRow('households', h.id, parsed.error);
    return undefined;
  }
  const summary: DossierSummary = {
    householdId: h.id,
    displayName: h.local.displayName,
    activityAt: h.local.activityAt,
    household: parsed.data,
  };
  if (h.local.nextAppointment !== undefined) summary.nextAppointment = h.local.nextAppointment;
  return summary;
}

export async function listDossiers(
  db: RelaisDb,
  query: DossierQuery,
  onInvalidRow: InvalidRowHandler,
): Promise<DossierSummary[]> {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const search = query.search?.trim() ?? '';
  let rows: Readonly<StoredHousehold>[];
  if (search === '') {
    rows = await mostRecentMatching(db, query, limit);
  } else {
    // Names, phones and references are searched in memory (no personal index on disk, v5), and
    // the matches come from there too, already decrypted (issue 17). The count reads the whole
    // table's key range, so a live query re-runs on any household write.
    const [found] = await Promise.all([searchIndexOf(db).searchRows(search), db.households.count()]);
    rows = [];
    for (const h of found) {
      if (rows.length >= limit) break;
      if (matchesFilters(h, query)) rows.push(h);
    }
  }
  const summaries: DossierSummary[] = [];
  for (const row of rows) {
    const summary = summarise(row, onInvalidRow);
    if (summary) summaries.push(summary);
  }
  return summaries;
}

export interface PossibleDuplicate {
  householdId: string;
  displayName: string;
  reference?: string;
  /** The pair's score (DUP1), highest first. */
  score: number;
  /** Why, field by field; the warning shows the agreements (positive weights). */
  reasons: MatchReason[];
}

/** At most this many households are scored for one check (the device's own blocking). */
const MAX_CHECKED_HOUSEHOLDS = 400;

function birthDateVariants(date: string): string[] {
  const [y, m, d] = date.split('-');
  if (y === undefined || m === undefined || d === undefined) return [date];
  const year = Number(y);
  return [date, `${y}-${d}-${m}`, `${year - 1}-${m}-${d}`, `${year + 1}-${m}-${d}`];
}

/**
 * The households that may match a probe, looked up in the in-memory search index (its blocking,
 * DUP1b on what the device indexes): a birth date or its usual errors (day/month swapped, year ±1),
 * a word of a surname (usage or birth name; the index holds first names too, so names typed the
 * other way round still meet), a phone. First names alone would bring up too many households.
 */
async function candidateHouseholdIds(db: RelaisDb, probe: MatchProfile): Promise<string[]> {
  const dates = [
    ...new Set(probe.adults.flatMap((p) => (p.birthDate ? birthDateVariants(p.birthDate) : []))),
  ];
  const words = [
    ...new Set(probe.adults.flatMap((p) => nameTokens(p.lastName, p.birthName)).filter((w) => w.length >= 2)),
  ];
  const ids = await searchIndexOf(db).duplicateCandidates(dates, words, probe.phones);
  return ids.slice(0, MAX_CHECKED_HOUSEHOLDS);
}

/**
 * Households on the device that look like the one being typed (DUP3, offline): the same scorer
 * as the server's (src/domain/matching), over the households the device holds.
 * @param on - 'YYYY-MM-DD', the day ages are counted on (who is an adult)
 */
export async function findPossibleDuplicates(
  db: RelaisDb,
  candidate: MatchProbe,
  on: string,
  excludeHouseholdId?: string,
): Promise<PossibleDuplicate[]> {
  const probe = profileFromProbe(candidate, on);
  if (probe.adults.length === 0 && probe.phones.length === 0 && probe.emails.length === 0) return [];
  const ids = (await candidateHouseholdIds(db, probe)).filter((id) => id !== excludeHouseholdId);
  if (ids.length === 0) return [];
  const [households, members, debts, creditors] = await Promise.all([
    db.households.bulkGet(ids),
    db.members.where('householdId').anyOf(ids).toArray(),
    db.debts.where('householdId').anyOf(ids).toArray(),
    db.creditors.where('householdId').anyOf(ids).toArray(),
  ]);
  const live = <T extends { householdId: string; deleted: boolean }>(rows: readonly T[], id: string) =>
    rows.filter((r) => r.householdId === id && !r.deleted);
  const found: PossibleDuplicate[] = [];
  const preparedProbe = prepareProfile(probe);
  for (const h of households) {
    if (h === undefined || h.deleted) continue;
    const profile = profileFromRows(
      {
        household: h as unknown as Record<string, unknown>,
        members: live(members, h.id),
        debts: live(debts, h.id),
        creditors: live(creditors, h.id),
      },
      on,
    );
    const { score, reasons } = scorePrepared(preparedProbe, prepareProfile(profile));
    if (!isCandidate(score)) continue;
    const match: PossibleDuplicate = { householdId: h.id, displayName: h.local.displayName, score, reasons };
    if (h.reference !== undefined) match.reference = h.reference;
    found.push(match);
  }
  return found.sort((a, b) => b.score - a.score || (a.householdId < b.householdId ? -1 : 1));
}
