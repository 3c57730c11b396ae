/**
 * MERGE8 on the screens: a dossier a coordinator merged moves to the survivor with a notice in
 * plain words (role=status), whether it was open when the pull learnt the merge or opened later
 * by its old address; the list shows the survivor and not the merged household; an unmerge
 * (MERGE6) gives the old address its dossier back.
 */
import { render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../../src/db/app-db';
import { applyPullPage } from '../../../src/db/sync-apply/pull-apply';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const NOTICE_FR =
  'Un coordinateur a fusionné le dossier que vous aviez ouvert avec celui-ci. Vous êtes maintenant sur le dossier qui les réunit. Ce qui avait été saisi dans l’autre s’y trouve.';
const NOTICE_EN =
  'A coordinator merged the case you had open with this one. You are now on the case that combines them. What was entered in the other one is here.';

const household = { territory: 'metropole', departement: '75', housingStatus: 'tenant' } as const;

async function seed() {
  const test = makeTestState();
  const survivor = await test.repository.createHousehold({ ...household, reference: 'RL-1' }, [
    { role: 'applicant', firstName: 'Awa', lastName: 'Diallo', birthDate: '1980-05-10' },
  ]);
  const merged = await test.repository.createHousehold({ ...household, reference: 'RL-2' }, [
    { role: 'applicant', firstName: 'Moussa', lastName: 'Diallo', birthDate: '1978-02-01' },
  ]);
  return { ...test, survivorId: survivor.household.id, mergedId: merged.household.id };
}

let seq = 0;
/** A pull page carrying one household row as the server writes it. */
function householdPage(row: Record<string, unknown>, entity: 'household' | 'member' = 'household') {
  seq += 1;
  return {
    changes: [{ seq, entity, row: row as never }],
    nextCursor: `c1.1.${seq}`,
    hasMore: false,
    deviceLastSeq: 0,
    serverTime: 0,
  };
}

async function learnMerge(db: RelaisDb, mergedId: string, survivorId: string) {
  const { local: _local, ...row } = (await db.households.get(mergedId)) as unknown as Record<string, unknown>;
  const tombstone = { ...row, deleted: true, mergedInto: survivorId, version: Number(row.version) + 1 };
  await applyPullPage(db, householdPage(tombstone), Date.now());
  return tombstone;
}

function openAt(path: string, state: ReturnType<typeof makeTestState>['state']) {
  window.history.replaceState(null, '', path);
  return render(<App state={state} />);
}

describe('a merged dossier on the screens (MERGE8)', () => {
  it('[MERGE8] an open dossier moves to the survivor when the pull learns the merge, with a notice, the title focused', async () => {
    const { state, db, survivorId, mergedId } = await seed();
    openAt(`/dossiers/${mergedId}/intake`, state);
    await screen.findByRole('heading', { level: 1, name: /Moussa Diallo/ });
    expect(screen.queryByTestId('merge-notice')).toBeNull();

    await learnMerge(db, mergedId, survivorId);

    const title = await screen.findByRole('heading', { level: 1, name: /Awa Diallo/ });
    await waitFor(() => expect(window.location.pathname).toBe(`/dossiers/${survivorId}/intake`));
    const notice = await screen.findByTestId('merge-notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toBe(NOTICE_FR);
    await waitFor(() => expect(document.activeElement).toBe(title));
  });

  it('[MERGE8] the old address of a merged dossier opens the survivor (same tab), with the notice, in English too', async () => {
    const { state, db, survivorId, mergedId } = await seed();
    await learnMerge(db, mergedId, survivorId);
    locale.value = 'en';
    openAt(`/dossiers/${mergedId}/budget`, state);
    await waitFor(() => expect(window.location.pathname).toBe(`/dossiers/${survivorId}/budget`));
    expect((await screen.findByTestId('merge-notice')).textContent).toBe(NOTICE_EN);
  });

  it('[MERGE8] the list shows the survivor, not the merged household; [MERGE6] an unmerge brings both back and the old address its dossier', async () => {
    const { state, db, survivorId, mergedId } = await seed();
    const tombstone = await learnMerge(db, mergedId, survivorId);
    openAt('/dossiers', state);
    await waitFor(() => expect(screen.queryAllByText(/RL-2/)).toHaveLength(0));
    expect(await screen.findAllByText(/RL-1/)).not.toHaveLength(0);

    const { mergedInto: _m, ...restored } = tombstone;
    await applyPullPage(
      db,
      householdPage({ ...restored, deleted: false, version: Number(tombstone.version) + 1 }),
      Date.now(),
    );
    expect(await screen.findAllByText(/RL-2/)).not.toHaveLength(0);
    expect(await state.workspace.repository.survivorOf(mergedId)).toBeUndefined();
  });

  it('[MERGE6] after an unmerge the old address stays on its own dossier, without a notice', async () => {
    const { state, db, survivorId, mergedId } = await seed();
    const tombstone = await learnMerge(db, mergedId, survivorId);
    const { mergedInto: _m, ...restored } = tombstone;
    await applyPullPage(
      db,
      householdPage({ ...restored, deleted: false, version: Number(tombstone.version) + 1 }),
      Date.now(),
    );
    // The server re-points the merged household's people back (MERGE6).
    const moussa = (await db.members.where('householdId').equals(survivorId).toArray()).find(
      (m) => m.firstName === 'Moussa',
    );
    await applyPullPage(db, householdPage({ ...moussa, householdId: mergedId }, 'member'), Date.now());
    openAt(`/dossiers/${mergedId}/intake`, state);
    await screen.findByRole('heading', { level: 1, name: /Moussa Diallo/ });
    expect(window.location.pathname).toBe(`/dossiers/${mergedId}/intake`);
    expect(screen.queryByTestId('merge-notice')).toBeNull();
  });
});
