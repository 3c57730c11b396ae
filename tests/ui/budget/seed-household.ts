/** Puts the worked example A of domain-rules 2.5 (tests/domain/budget/household-fixtures) on the device. */
import type { DossierRepository } from '../../../src/db/repository';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import { exampleA } from '../../domain/budget/household-fixtures';

export async function seedExampleA(repository: DossierRepository, options: { withDebts?: boolean } = {}) {
  const example = exampleA();
  const { household, members } = await repository.createHousehold(
    { territory: example.territory, departement: example.departement, housingStatus: example.housingStatus },
    [{ role: 'applicant', birthDate: '1980-05-10', firstName: 'Awa', lastName: 'Diallo' }],
  );
  const memberId = members[0]?.id ?? '';
  for (const { id: _id, ownerMemberId: _owner, ...r } of example.resources) {
    await repository.addRow('resource', household.id, { ...r, ownerMemberId: memberId });
  }
  for (const { id: _id, ...c } of example.charges) {
    await repository.addRow('charge', household.id, c as FieldsOf<'charge'>);
  }
  if (options.withDebts !== false) {
    const creditorIds = new Map<string, string>();
    for (const { id, ...k } of example.creditors) {
      creditorIds.set(id, (await repository.addRow('creditor', household.id, k)).id);
    }
    for (const { id: _id, creditorId, ...d } of example.debts) {
      await repository.addRow('debt', household.id, { ...d, creditorId: creditorIds.get(creditorId) ?? '' });
    }
  }
  return { householdId: household.id, memberId, example };
}

/** A household with only its members (no resource, charge or debt). */
export async function seedEmptyHousehold(
  repository: DossierRepository,
  members: FieldsOf<'member'>[] = [
    { role: 'applicant', birthDate: '1980-05-10', firstName: 'Awa', lastName: 'Diallo' },
  ],
) {
  const { household, members: created } = await repository.createHousehold(
    { territory: 'metropole', departement: '75', housingStatus: 'tenant' },
    members,
  );
  return { householdId: household.id, memberIds: created.map((m) => m.id) };
}
