/**
 * Read side of the dossier list: search as you type (name, phone, reference), filters, most
 * recent activity first, and the duplicate check at intake. Reads parse rows with the domain
 * schemas; a stored row that no longer parses is skipped and reported to `onInvalidRow`.
 */
import type { DossierStatus, Track } from '../domain/dossier/dossier-meta';
import {
  type DuplicateIndexEntry,
  type DuplicateMatch,
  type DuplicateProbe,
  findDuplicates,
} from '../domain/dossier/duplicates';
import { nameTokens, normalisePhone, normaliseReference } from '../domain/dossier/normalise';
import { type HouseholdRow, HouseholdRowSchema } from '../domain/dossier/rows';
import type { RelaisDb, StoredHousehold } from './app-db';

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

function matchesFilters(h: StoredHousehold, q: DossierQuery): boolean {
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

interface ParsedSearch {
  tokens: string[];
  phone: string | undefined;
  reference: string;
}

function parseSearch(search: string): ParsedSearch {
  const phone = /\d/.test(search) ? normalisePhone(search) : undefined;
  return {
    tokens: nameTokens(search),
    phone: phone !== undefined && phone.replace('+', '').length >= 2 ? phone : undefined,
    reference: normaliseReference(search),
  };
}

function matchesSearch(h: StoredHousehold, q: ParsedSearch): boolean {
  if (q.tokens.length > 0 && q.tokens.every((t) => h.local.nameTokens.some((n) => n.startsWith(t))))
    return true;
  const phone = q.phone;
  if (phone !== undefined && h.local.phoneKeys.some((k) => k.startsWith(phone))) return true;
  return q.reference.length > 0 && (h.local.referenceKey ?? '').startsWith(q.reference);
}

/**
 * A short query (one or two letters, the first keystrokes) matches most households: walking
 * the activity index and stopping at the limit is then cheaper than collecting every match.
 */
function isBroad(q: ParsedSearch): boolean {
  const longest = Math.max(0, ...q.tokens.map((t) => t.length));
  return longest < 3 && (q.phone === undefined || q.phone.length < 4);
}

async function searchCandidates(db: RelaisDb, search: string): Promise<StoredHousehold[]> {
  const found = new Map<string, StoredHousehold>();
  const add = (rows: StoredHousehold[]) => {
    for (const row of rows) found.set(row.id, row);
  };
  const tokens = nameTokens(search);
  if (tokens.length > 0) {
    // Look up the longest word (most selective), then check every word is a name prefix.
    const longest = [...tokens].sort((a, b) => b.length - a.length)[0] ?? '';
    const rows = await db.households.where('local.nameTokens').startsWith(longest).distinct().toArray();
    add(rows.filter((h) => tokens.every((t) => h.local.nameTokens.some((n) => n.startsWith(t)))));
  }
  const phone = /\d/.test(search) ? normalisePhone(search) : undefined;
  if (phone !== undefined && phone.replace('+', '').length >= 2) {
    add(await db.households.where('local.phoneKeys').startsWith(phone).distinct().toArray());
  }
  const reference = normaliseReference(search);
  if (reference.length > 0)
    add(await db.households.where('local.referenceKey').startsWith(reference).toArray());
  return [...found.values()];
}

function summarise(h: StoredHousehold, onInvalidRow: InvalidRowHandler): DossierSummary | undefined {
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
  let rows: StoredHousehold[];
  if (search === '') {
    const collection = db.households
      .orderBy('local.activityAt')
      .reverse()
      .filter((h) => matchesFilters(h, query));
    rows = await (Number.isFinite(limit) ? collection.limit(limit) : collection).toArray();
  } else if (Number.isFinite(limit) && isBroad(parseSearch(search))) {
    const parsed = parseSearch(search);
    rows = await db.households
      .orderBy('local.activityAt')
      .reverse()
      .filter((h) => matchesSearch(h, parsed) && matchesFilters(h, query))
      .limit(limit)
      .toArray();
  } else {
    rows = (await searchCandidates(db, search))
      .filter((h) => matchesFilters(h, query))
      .sort((a, b) => b.local.activityAt - a.local.activityAt || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }
  const summaries: DossierSummary[] = [];
  for (const row of rows) {
    const summary = summarise(row, onInvalidRow);
    if (summary) summaries.push(summary);
  }
  return summaries;
}

export interface PossibleDuplicate extends DuplicateMatch {
  displayName: string;
  reference?: string;
}

/** Households on the device that look like the candidate (issue 5 item 3). */
export async function findPossibleDuplicates(
  db: RelaisDb,
  candidate: DuplicateProbe,
  excludeHouseholdId?: string,
): Promise<PossibleDuplicate[]> {
  const birthDates = [
    ...new Set(
      candidate.people.map((p) => p.birthDate).filter((d): d is string => d !== undefined && d !== ''),
    ),
  ];
  const phones = candidate.phones
    .map((p) => (p === undefined ? undefined : normalisePhone(p)))
    .filter((p): p is string => p !== undefined && p.length >= 8);
  const [members, byPhone] = await Promise.all([
    birthDates.length > 0 ? db.members.where('birthDate').anyOf(birthDates).toArray() : [],
    phones.length > 0 ? db.households.where('local.phoneKeys').anyOf(phones).distinct().toArray() : [],
  ]);
  const householdIds = new Set([...members.map((m) => m.householdId), ...byPhone.map((h) => h.id)]);
  const households = (await db.households.bulkGet([...householdIds])).filter(
    (h): h is StoredHousehold => h !== undefined && !h.deleted,
  );
  const entries: DuplicateIndexEntry[] = households.map((h) => ({
    householdId: h.id,
    people: members.filter((m) => m.householdId === h.id && !m.deleted),
    phones: [h.phone],
  }));
  const byId = new Map(households.map((h) => [h.id, h]));
  return findDuplicates(candidate, entries, excludeHouseholdId).map((match) => {
    const h = byId.get(match.householdId);
    const result: PossibleDuplicate = { ...match, displayName: h?.local.displayName ?? '' };
    if (h?.reference !== undefined) result.reference = h.reference;
    return result;
  });
}
