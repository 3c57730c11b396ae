/** A plan created from the chosen scenario's figures (PLAN1): its start and its monthly totals as steps. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RelaisDb } from '../../../src/db/app-db';
import { DossierRepository } from '../../../src/db/repository';
import { chosenScenario, savedPlan } from '../../../src/domain/documents/saved-plan';
import { planInitialFromScenario, validatePlan } from '../../../src/state/plans/plan-form';
import { debtFields } from '../../support/debt-fields';

async function dossierWithScenario(capacityCents: number) {
  const repository = new DossierRepository(new RelaisDb(`plans-scenario-${Math.random()}`));
  const { household } = await repository.createHousehold(
    {
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      status: 'active',
      openedOn: '2026-11-01',
    },
    [{ role: 'applicant', firstName: 'Léa', lastName: 'Durand', birthDate: '1985-05-05' }],
  );
  const id = household.id;
  const tax = await repository.addRow('creditor', id, { name: 'SIP Lyon 3e', category: 'tax' });
  const debt = await repository.addRow('debt', id, {
    creditorId: tax.id,
    ...debtFields({ product: 'tax_debt', capitalRemainingCents: 100_000 }),
  });
  await repository.addRow('scenario', id, {
    name: 'Plan BdF à 300 €',
    savedAt: 1_764_230_400_000,
    savedBy: 'device',
    isChosen: true,
    engineVersion: 'rescheduling-1',
    parameters: {
      choice: 'banque-de-france',
      spec: {
        kind: 'banque-de-france',
        decisionDate: '2026-12-01',
        rateBps: 0,
        policy: { name: 'pro-rata' },
      },
      startDate: '2026-12-01',
      capacity: { monthlyCents: capacityCents },
      debtIds: [debt.id],
    },
    summary: {},
  });
  const dossier = await repository.getDossier(id);
  if (!dossier) throw new Error('no dossier');
  return dossier;
}

describe('a plan from the chosen scenario (PLAN1)', () => {
  it('PLAN1: 1 000 € owed at 0 % with 300 € a month is 3 months of 300 € then 100 €, from the scenario’s start', async () => {
    const dossier = await dossierWithScenario(30_000);
    const row = chosenScenario(dossier);
    const result = row ? savedPlan(dossier, row) : undefined;
    if (!result?.ok || !row) throw new Error('the scenario did not recompute');
    const initial = planInitialFromScenario(result.plan);
    // By hand: 100 000 cents / 30 000 a month = 3 full months (90 000) and 10 000 in the fourth.
    expect(initial).toMatchObject({
      firstDueOn: '2026-12-01',
      scenarioId: row.id,
      months0: '3',
      amount0: '300,00',
      months1: '1',
      amount1: '100,00',
      months2: '',
    });
    const checked = initial ? validatePlan(initial) : undefined;
    expect(checked).toEqual({
      ok: true,
      value: {
        kind: 'amicable',
        firstDueOn: '2026-12-01',
        scenarioId: row.id,
        steps: [
          { months: 3, monthlyCents: 30_000 },
          { months: 1, monthlyCents: 10_000 },
        ],
      },
    });
  });
});
