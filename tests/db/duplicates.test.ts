/**
 * DUP3: the device's duplicate warning scores what it holds with the domain's scorer
 * (src/domain/matching), offline, over the households its indexes bring up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import { MATCH_PARAMETERS } from '../../src/domain/matching';
import type { MatchProbe } from '../../src/domain/sync/coordination-protocol';
import { householdFields, openTestRepository } from './helpers';

let db: RelaisDb;
afterEach(async () => {
  await db.delete();
});

function probe(people: MatchProbe['people'], phones: string[] = []): MatchProbe {
  return { people, phones, emails: [] };
}

describe('findPossibleDuplicates (DUP3)', () => {
  it('DUP3: finds a household by normalised names and birth date, with the scorer’s reasons', async () => {
    const ctx = openTestRepository();
    db = ctx.db;
    const { repo } = ctx;
    const { household } = await repo.createHousehold({ ...householdFields, phone: '06 12 34 56 78' }, [
      { role: 'applicant', firstName: 'Zoé', lastName: "N'Diaye-Lefèvre", birthDate: '1980-02-01' },
    ]);
    await repo.createHousehold({ ...householdFields, reference: 'X', phone: '01 00 00 00 00' }, [
      { role: 'applicant', firstName: 'Camille', lastName: 'Ndiaye', birthDate: '1962-07-19' },
    ]);

    const byName = await repo.findPossibleDuplicates(
      probe([{ firstName: 'ZOE', lastName: 'n diaye lefevre', birthDate: '1980-02-01' }]),
    );
    const w = MATCH_PARAMETERS;
    expect(byName).toEqual([
      {
        householdId: household.id,
        displayName: "Zoé N'Diaye-Lefèvre",
        reference: 'RL-2026-0042',
        score: w.lastName.exact + w.firstName.exact + w.birthDate.exact,
        reasons: [
          {
            field: 'name',
            level: 'exact',
            weight: w.lastName.exact,
            a: 'n diaye lefevre',
            b: "N'Diaye-Lefèvre",
          },
          { field: 'name', level: 'exact', weight: w.firstName.exact, a: 'ZOE', b: 'Zoé' },
          {
            field: 'birth_date',
            level: 'exact',
            weight: w.birthDate.exact,
            a: '1980-02-01',
            b: '1980-02-01',
          },
        ],
      },
    ]);

    // Same name, a birth date far from hers: another person.
    expect(
      await repo.findPossibleDuplicates(
        probe([{ firstName: 'Zoé', lastName: "N'Diaye-Lefèvre", birthDate: '1975-09-17' }]),
      ),
    ).toEqual([]);
    // Own dossier excluded; a deleted household is not offered.
    const typed = probe([{ firstName: 'Zoé', lastName: 'Ndiaye Lefevre', birthDate: '1980-02-01' }]);
    expect(await repo.findPossibleDuplicates(typed, household.id)).toEqual([]);
    await repo.removeRow('household', household.id);
    expect(await repo.findPossibleDuplicates(typed)).toEqual([]);
  });

  it('DUP1/DUP3: a typo and a day/month swap, or the other spouse alone, are still found', async () => {
    const ctx = openTestRepository();
    db = ctx.db;
    const { repo } = ctx;
    const { household } = await repo.createHousehold({ ...householdFields, phone: undefined }, [
      {
        role: 'applicant',
        firstName: 'Zoé',
        lastName: 'Martin',
        birthName: 'Lefebvre',
        birthDate: '1980-02-05',
      },
      { role: 'co_applicant', firstName: 'Paul', lastName: 'Martin', birthDate: '1978-11-23' },
    ]);
    const typo = await repo.findPossibleDuplicates(
      probe([{ firstName: 'Zoe', lastName: 'Matrin', birthDate: '1980-05-02' }]),
    );
    expect(typo.map((m) => [m.householdId, m.reasons.map((r) => `${r.field}:${r.level}`)])).toEqual([
      [household.id, ['name:close', 'name:exact', 'birth_date:swapped']],
    ]);
    // Recorded the second time under her birth name only.
    const birthName = await repo.findPossibleDuplicates(
      probe([{ firstName: 'Zoé', lastName: 'Lefèvre', birthDate: '1980-02-05' }]),
    );
    expect(birthName.map((m) => m.reasons[0])).toEqual([
      {
        field: 'name',
        level: 'phonetic',
        weight: MATCH_PARAMETERS.lastName.phonetic,
        a: 'Lefèvre',
        b: 'Lefebvre',
      },
    ]);
    const spouse = await repo.findPossibleDuplicates(
      probe([{ firstName: 'Paul', lastName: 'MARTIN', birthDate: '1978-11-23' }]),
    );
    expect(spouse.map((m) => m.householdId)).toEqual([household.id]);
  });

  it('DUP3: a phone alone is not enough; the phone with a surname is', async () => {
    const ctx = openTestRepository();
    db = ctx.db;
    const { repo } = ctx;
    const { household } = await repo.createHousehold({ ...householdFields, phone: '06 12 34 56 78' }, [
      { role: 'applicant', firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-05' },
    ]);
    expect(await repo.findPossibleDuplicates(probe([], ['+33 6.12.34.56.78']))).toEqual([]);
    const found = await repo.findPossibleDuplicates(probe([{ lastName: 'Martin' }], ['+33 6.12.34.56.78']));
    expect(found.map((m) => [m.householdId, m.score])).toEqual([
      [household.id, MATCH_PARAMETERS.lastName.exact + MATCH_PARAMETERS.phone.exact],
    ]);
  });
});
