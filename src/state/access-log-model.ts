/**
 * Administration › Journal des accès (issue 16, docs/access-log.md ALOG6): an admin reads who
 * pulled, changed, opened, exported or erased which household, newest first, filtered by a
 * household id or a person, a page at a time. Online only, like the rest of the screen.
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import { EntityIdSchema } from '../domain/household/ids';
import type { AccessLogEntry } from '../domain/sync/access-log';
import { AdminApi, AdminError } from '../sync/admin-api';
import type { AuthorizedTransport } from '../sync/authorized-fetch';
import type { AdminFailure } from './admin-model';

export type { AccessLogEntry };

export interface AccessLogFilter {
  /** A household id as typed ('' for every household). */
  householdId: string;
  /** A user id ('' for everyone). */
  userId: string;
}

export function createAccessLogModel(api: AdminApi | undefined, isOnline: ReadonlySignal<boolean>) {
  const filter = signal<AccessLogFilter>({ householdId: '', userId: '' });
  const entries = signal<AccessLogEntry[]>([]);
  const nextCursor = signal<string | null>(null);
  /** Whether a search ran once (the table shows "nothing found" only after one). */
  const searched = signal(false);
  const pending = signal(false);
  const failure = signal<AdminFailure | null>(null);
  /** The household id typed is not one (too long, empty after trimming is fine). */
  const householdInvalid = signal(false);
  /** Each search forgets the answers of the previous ones still on their way. */
  let generation = 0;

  async function fetchPage(cursor: string | undefined): Promise<void> {
    const householdId = filter.value.householdId.trim();
    householdInvalid.value = householdId !== '' && !EntityIdSchema.safeParse(householdId).success;
    if (householdInvalid.value) return;
    if (api === undefined || !isOnline.value) {
      failure.value = 'offline';
      return;
    }
    const mine = ++generation;
    pending.value = true;
    failure.value = null;
    try {
      const page = await api.accessLog({
        ...(householdId === '' ? {} : { householdId }),
        ...(filter.value.userId === '' ? {} : { userId: filter.value.userId }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (mine !== generation) return;
      entries.value = cursor === undefined ? page.entries : [...entries.value, ...page.entries];
      nextCursor.value = page.nextCursor;
      searched.value = true;
    } catch (caught) {
      if (mine === generation) failure.value = caught instanceof AdminError ? caught.kind : 'server';
    } finally {
      if (mine === generation) pending.value = false;
    }
  }

  return {
    filter: filter as ReadonlySignal<AccessLogFilter>,
    entries: entries as ReadonlySignal<AccessLogEntry[]>,
    hasMore: nextCursor as ReadonlySignal<string | null>,
    searched: searched as ReadonlySignal<boolean>,
    pending: pending as ReadonlySignal<boolean>,
    failure: failure as ReadonlySignal<AdminFailure | null>,
    householdInvalid: householdInvalid as ReadonlySignal<boolean>,
    setFilter(change: Partial<AccessLogFilter>): void {
      filter.value = { ...filter.value, ...change };
      if (change.householdId !== undefined) householdInvalid.value = false;
    },
    /** The newest page for the filter. */
    search: () => fetchPage(undefined),
    /** The next, older page, appended. */
    more: () => (nextCursor.value === null ? Promise.resolve() : fetchPage(nextCursor.value)),
  };
}

export type AccessLogModel = ReturnType<typeof createAccessLogModel>;

const models = new WeakMap<object, AccessLogModel>();

/** The app's one model of this section, made on first use (it comes with the Administration chunk). */
export function accessLogModelFor(state: {
  adminDeps: { transport: AuthorizedTransport | undefined; isOnline: ReadonlySignal<boolean> };
}): AccessLogModel {
  let model = models.get(state);
  if (model === undefined) {
    const { transport, isOnline } = state.adminDeps;
    model = createAccessLogModel(transport === undefined ? undefined : new AdminApi(transport), isOnline);
    models.set(state, model);
  }
  return model;
}
