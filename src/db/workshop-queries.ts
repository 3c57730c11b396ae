/**
 * Workshop sessions on the device (issue 15, docs/reports-and-plans.md WS1): a root entity of its
 * own table, never part of a dossier, so the dossier list, duplicate checks and household counts
 * (which read `households`) never see one. Listed by date through the `date` index.
 */
import { ROW_SCHEMAS, type WorkshopRow } from '../domain/dossier/rows';
import type { RelaisDb } from './app-db';
import type { InvalidRowHandler } from './dossier-queries';

export interface WorkshopQuery {
  /** First date included (YYYY-MM-DD). */
  from?: string;
  /** Last date included (YYYY-MM-DD). */
  to?: string;
  /** Only these welcome points (absent: every welcome point on the device). */
  welcomePointIds?: readonly string[];
  /** Include deleted sessions (default false). */
  includeDeleted?: boolean;
}

/** The live workshop sessions of the period, by date then id. */
export async function listWorkshops(
  db: RelaisDb,
  query: WorkshopQuery,
  onInvalidRow: InvalidRowHandler,
): Promise<WorkshopRow[]> {
  // ISO dates sort as strings: '' and '\uffff' bound an open end of the range.
  const stored = await db.workshops
    .where('date')
    .between(query.from ?? '', query.to ?? '\uffff', true, true)
    .toArray();
  const points = query.welcomePointIds === undefined ? undefined : new Set(query.welcomePointIds);
  const out: WorkshopRow[] = [];
  for (const row of stored) {
    if (row.deleted && query.includeDeleted !== true) continue;
    if (points !== undefined && !points.has(row.welcomePointId)) continue;
    const parsed = ROW_SCHEMAS.workshop.safeParse(row);
    if (parsed.success) out.push(parsed.data);
    else onInvalidRow('workshops', row.id, parsed.error);
  }
  return out.sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1));
}
