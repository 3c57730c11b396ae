/**
 * A dossier: a household row with all the rows that belong to it, the shape the repository
 * returns and the transfer file carries. `toHouseholdDocument` assembles issue 3's household
 * document from it for the budget engine.
 */
import { z } from 'zod';
// '../../domain/sync/' and not '../sync/': biome's layer rule bans '../sync/*' (meant for src/sync,
// the app's sync client) and that pattern also matches src/domain/sync from this folder.
import { type ChildEntityName, ENTITY_TABLES } from '../../domain/sync/entities';
import { ROW_META_KEYS } from '../../domain/sync/row-meta';
import { HOUSEHOLD_SCHEMA_VERSION, type Household } from '../household/household';
import {
  ActionRowSchema,
  AppointmentRowSchema,
  AssetRowSchema,
  ChargeRowSchema,
  ConsentRowSchema,
  CreditorRowSchema,
  DebtRowSchema,
  HouseholdRowSchema,
  MemberRowSchema,
  MicrocreditRowSchema,
  NoteRowSchema,
  PlanPaymentRowSchema,
  PlanRowSchema,
  ResourceRowSchema,
  ScenarioRowSchema,
} from './rows';

export const DossierSchema = z.object({
  household: HouseholdRowSchema,
  members: z.array(MemberRowSchema),
  resources: z.array(ResourceRowSchema),
  charges: z.array(ChargeRowSchema),
  assets: z.array(AssetRowSchema),
  creditors: z.array(CreditorRowSchema),
  debts: z.array(DebtRowSchema),
  notes: z.array(NoteRowSchema),
  actions: z.array(ActionRowSchema),
  scenarios: z.array(ScenarioRowSchema),
  appointments: z.array(AppointmentRowSchema),
  consents: z.array(ConsentRowSchema),
  plans: z.array(PlanRowSchema),
  planPayments: z.array(PlanPaymentRowSchema),
  microcredits: z.array(MicrocreditRowSchema),
});
export type Dossier = z.infer<typeof DossierSchema>;

/**
 * The dossier collection holding each child entity: its device table, whose name it shares
 * (ENTITY_TABLES says both; a table name that is not a dossier key fails to compile here).
 */
export const DOSSIER_COLLECTIONS: {
  readonly [E in ChildEntityName]: (typeof ENTITY_TABLES)[E] & keyof Dossier;
} = ENTITY_TABLES;

function stripMeta<T extends object>(row: T): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const key of ROW_META_KEYS) if (key !== 'id') delete out[key];
  return out;
}

function live<T extends { deleted: boolean }>(rows: readonly T[]): T[] {
  return rows.filter((r) => !r.deleted);
}

/**
 * MC2: a micro-credit granted and not yet repaid, with its monthly payment, is a loan the household
 * repays each month. The charge types have no loan repayment (the commission does not count one as
 * a living cost): a loan's monthly payment enters the diagnosis as a debt's instalment (current
 * instalments, the counsellor's reste à vivre before a plan, the debt ratio). So it becomes a
 * `micro_credit` debt (with the lender as its creditor, both under the micro-credit's id) that
 * carries only that instalment: its remaining capital is not recorded, so it adds nothing to the
 * liability.
 */
function repayingMicrocredits(dossier: Dossier): { creditors: object[]; debts: object[] } {
  const repaying = live(dossier.microcredits).filter(
    (m) => m.decision === 'granted' && m.repaidOn === undefined && m.monthlyPaymentCents !== undefined,
  );
  return {
    creditors: repaying.map((m) => ({
      id: m.id,
      name: m.lender === undefined || m.lender.trim() === '' ? 'Microcrédit' : m.lender,
      category: 'credit_institution',
    })),
    debts: repaying.map((m) => ({
      id: m.id,
      creditorId: m.id,
      product: 'micro_credit',
      capitalRemainingCents: 0,
      arrearsCents: 0,
      amountDueNowCents: 0,
      nominalRateBps: 0,
      instalmentMonthlyCents: m.monthlyPaymentCents,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: false,
      ...(m.purpose === undefined ? {} : { label: m.purpose.slice(0, 200) }),
    })),
  };
}

/**
 * Issue 3's household document (what the budget engine reads), from the live rows of a
 * dossier. The result is not validated here: call HouseholdSchema.safeParse to show what is
 * missing (e.g. no applicant yet).
 * @example HouseholdSchema.safeParse(toHouseholdDocument(dossier)).success
 */
export function toHouseholdDocument(dossier: Dossier): Household {
  const h = dossier.household;
  const microcredits = repayingMicrocredits(dossier);
  const doc = {
    id: h.id,
    schemaVersion: HOUSEHOLD_SCHEMA_VERSION,
    territory: h.territory,
    departement: h.departement,
    housingStatus: h.housingStatus,
    ...(h.evictionProcedure === undefined ? {} : { evictionProcedure: h.evictionProcedure }),
    members: live(dossier.members).map(({ lastName: _l, legalProtection: _p, ...m }) => stripMeta(m)),
    resources: live(dossier.resources).map(stripMeta),
    charges: live(dossier.charges).map(stripMeta),
    assets: live(dossier.assets).map(stripMeta),
    creditors: [
      ...live(dossier.creditors).map(({ address: _a, reference: _r, ...c }) => stripMeta(c)),
      ...microcredits.creditors,
    ],
    debts: [
      ...live(dossier.debts).map(({ documentsProvided: _d, reference: _r, firstUnpaidOn: _f, ...d }) =>
        stripMeta(d),
      ),
      ...microcredits.debts,
    ],
  };
  return doc as Household;
}
