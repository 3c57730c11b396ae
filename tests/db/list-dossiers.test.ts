import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import type { DossierRepository } from '../../src/db/repository';
import { householdFields, openTestRepository } from './helpers';

let db: RelaisDb;
let repo: DossierRepository;
afterEach(async () => {
  await db.delete();
});

async function seed() {
  ({ db, repo } = openTestRepository());
  const a = await repo.createHousehold(
    {
      ...householdFields,
      reference: 'RL-2026-0001',
      phone: '06 11 22 33 44',
      track: 'support',
      status: 'active',
    },
    [
      { role: 'applicant', firstName: 'Zoé', lastName: 'Martin-Léger', birthDate: '1980-02-01' },
      { role: 'child', firstName: 'Hugo', lastName: 'Martin', birthDate: '2015-04-04' },
    ],
  );
  const b = await repo.createHousehold(
    {
      ...householdFields,
      reference: 'RL-2026-0002',
      phone: '+33 7 99 88 77 66',
      track: 'over_indebtedness',
      status: 'awaiting_decision',
      welcomePointId: 'wp-vaulx',
    },
    [{ role: 'applicant', firstName: 'Karim', lastName: 'Benali', birthDate: '1972-11-12' }],
  );
  const c = await repo.createHousehold(
    { ...householdFields, reference: 'RL-2026-0003', phone: undefined, track: 'mediation', status: 'closed' },
    [{ role: 'applicant', firstName: 'Marc', lastName: 'Dupont', birthDate: '1965-01-01' }],
  );
  return { a: a.household.id, b: b.household.id, c: c.household.id };
}

describe('listDossiers', () => {
  it('lists most recent activity first; a child write bumps its dossier', async () => {
    const { a, b, c } = await seed();
    expect((await repo.listDossiers()).map((s) => s.householdId)).toEqual([c, b, a]);
    await repo.appendNote(a, 'Appel du créancier.');
    const list = await repo.listDossiers();
    expect(list.map((s) => s.householdId)).toEqual([a, c, b]);
    expect(list[0]?.displayName).toBe('Zoé Martin-Léger');
    expect(await repo.listDossiers({ limit: 2 })).toHaveLength(2);
  });

  it('searches names by normalised word prefixes, in any order', async () => {
    const { a, c } = await seed();
    const ids = async (search: string) => (await repo.listDossiers({ search })).map((s) => s.householdId);
    expect(await ids('zoe')).toEqual([a]);
    expect(await ids('LEGER zo')).toEqual([a]);
    expect(await ids('hugo')).toEqual([a]);
    expect(await ids('dup')).toEqual([c]);
    expect(await ids('nobody')).toEqual([]);
  });

  it('searches phone numbers in any French format and references', async () => {
    const { a, b } = await seed();
    const ids = async (search: string) => (await repo.listDossiers({ search })).map((s) => s.householdId);
    expect(await ids('06 11 22')).toEqual([a]);
    expect(await ids('0033 6.11')).toEqual([a]);
    expect(await ids('799887766')).toEqual([b]);
    expect(await ids('07 99 88 77 66')).toEqual([b]);
    expect(await ids('rl 2026 0002')).toEqual([b]);
    expect((await ids('RL-2026')).length).toBe(3);
  });

  it('filters by track, status, welcome point, combined with search', async () => {
    const { a, b, c } = await seed();
    const ids = async (q: Parameters<DossierRepository['listDossiers']>[0]) =>
      (await repo.listDossiers(q)).map((s) => s.householdId);
    expect(await ids({ track: 'over_indebtedness' })).toEqual([b]);
    expect(await ids({ status: ['active', 'closed'] })).toEqual([c, a]);
    expect(await ids({ welcomePointId: 'wp-lyon' })).toEqual([c, a]);
    expect(await ids({ search: 'RL', status: 'closed' })).toEqual([c]);
  });

  it('filters by next planned appointment', async () => {
    const { a, b } = await seed();
    await repo.addRow('appointment', a, { startsAt: '2026-03-20T10:00', status: 'planned' });
    const late = await repo.addRow('appointment', b, { startsAt: '2026-04-02T09:00', status: 'planned' });
    await repo.addRow('appointment', b, { startsAt: '2026-03-01T09:00', status: 'done' });
    const list = await repo.listDossiers({ nextAppointmentAfter: '2026-03-01' });
    expect(list.map((s) => [s.householdId, s.nextAppointment])).toEqual([
      [b, '2026-04-02T09:00'],
      [a, '2026-03-20T10:00'],
    ]);
    expect(
      (await repo.listDossiers({ nextAppointmentBefore: '2026-04-01' })).map((s) => s.householdId),
    ).toEqual([a]);
    await repo.updateFields('appointment', late.id, { status: 'cancelled' });
    expect(
      (await repo.listDossiers({ nextAppointmentAfter: '2026-01-01' })).map((s) => s.householdId),
    ).toEqual([a]);
  });

  it('keeps the search index in step with member edits and removals', async () => {
    const { a } = await seed();
    const dossier = await repo.getDossier(a);
    const child = dossier?.members.find((m) => m.role === 'child');
    await repo.updateFields('member', child?.id ?? '', { firstName: 'Théo' });
    expect((await repo.listDossiers({ search: 'theo' })).map((s) => s.householdId)).toEqual([a]);
    expect(await repo.listDossiers({ search: 'hugo' })).toEqual([]);
    await repo.removeRow('member', child?.id ?? '');
    expect(await repo.listDossiers({ search: 'theo' })).toEqual([]);
  });
});

describe('search results served from the in-memory index (issue 17)', () => {
  it('hand out each household as last written: a status, a reference and a removal show at the next search', async () => {
    const { b } = await seed();
    const found = async (query: Parameters<DossierRepository['listDossiers']>[0]) =>
      (await repo.listDossiers(query)).map((s) => [s.householdId, s.household.status, s.household.reference]);
    expect(await found({ search: 'benali' })).toEqual([[b, 'awaiting_decision', 'RL-2026-0002']]);
    await repo.updateFields('household', b, { status: 'closed', reference: 'RL-2026-0099' });
    expect(await found({ search: 'benali' })).toEqual([[b, 'closed', 'RL-2026-0099']]);
    expect(await found({ search: 'benali', status: 'awaiting_decision' })).toEqual([]);
    expect(await found({ search: 'rl-2026-0099', status: 'closed' })).toEqual([
      [b, 'closed', 'RL-2026-0099'],
    ]);
    await repo.removeRow('household', b);
    expect(await found({ search: 'benali' })).toEqual([]);
    expect(await found({ search: 'benali', includeDeleted: true })).toEqual([[b, 'closed', 'RL-2026-0099']]);
  });
});

describe('listDossiers with a limit', () => {
  it('short and long searches agree on the first results', async () => {
    const { a, c } = await seed();
    for (const search of ['m', 'ma', 'mar', 'martin', 'd', '06', 'rl']) {
      const limited = (await repo.listDossiers({ search, limit: 2 })).map((s) => s.householdId);
      const all = (await repo.listDossiers({ search })).map((s) => s.householdId);
      expect(limited, search).toEqual(all.slice(0, 2));
    }
    expect((await repo.listDossiers({ search: 'm', limit: 5 })).map((s) => s.householdId)).toEqual([c, a]);
  });
});
