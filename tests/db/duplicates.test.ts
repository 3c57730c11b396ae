import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import { householdFields, openTestRepository } from './helpers';

let db: RelaisDb;
afterEach(async () => {
  await db.delete();
});

describe('findPossibleDuplicates', () => {
  it('finds a household by normalised names and birth date, or by phone number', async () => {
    const ctx = openTestRepository();
    db = ctx.db;
    const { repo } = ctx;
    const { household } = await repo.createHousehold({ ...householdFields, phone: '06 12 34 56 78' }, [
      { role: 'applicant', firstName: 'Zoé', lastName: "N'Diaye-Lefèvre", birthDate: '1980-02-01' },
    ]);
    await repo.createHousehold({ ...householdFields, reference: 'X', phone: '01 00 00 00 00' }, [
      { role: 'applicant', firstName: 'Zoé', lastName: 'Ndiaye', birthDate: '1980-02-01' },
    ]);

    const byName = await repo.findPossibleDuplicates({
      people: [{ firstName: 'ZOE', lastName: 'n diaye lefevre', birthDate: '1980-02-01' }],
      phones: [],
    });
    expect(byName).toEqual([
      {
        householdId: household.id,
        displayName: "Zoé N'Diaye-Lefèvre",
        reference: 'RL-2026-0042',
        reasons: [{ rule: 'name_and_birth_date', name: "Zoé N'Diaye-Lefèvre", birthDate: '1980-02-01' }],
      },
    ]);

    const byPhone = await repo.findPossibleDuplicates({ people: [], phones: ['+33 6.12.34.56.78'] });
    expect(byPhone.map((d) => [d.householdId, d.reasons])).toEqual([
      [household.id, [{ rule: 'phone', phone: '0612345678' }]],
    ]);

    // Same name, other birth date: not a duplicate. Own dossier excluded.
    expect(
      await repo.findPossibleDuplicates({
        people: [{ firstName: 'Zoé', lastName: "N'Diaye-Lefèvre", birthDate: '1981-02-01' }],
        phones: [],
      }),
    ).toEqual([]);
    expect(await repo.findPossibleDuplicates({ people: [], phones: ['0612345678'] }, household.id)).toEqual(
      [],
    );

    // A deleted household is not offered.
    await repo.removeRow('household', household.id);
    expect(await repo.findPossibleDuplicates({ people: [], phones: ['0612345678'] })).toEqual([]);
  });
});
