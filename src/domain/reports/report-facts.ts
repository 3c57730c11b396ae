/**
 * What the activity report counts of one root (docs/reports-and-plans.md RPT1, RPT2, WS2): the
 * facts of a household (its own spans, its appointments, actions, plans and micro-credits) or of a
 * workshop session. One pure function, `reportFacts`, that the server runs in its derived-data
 * drain and stores in `report_facts`; the report only aggregates what it returns.
 */
import { addMonths, type IsoDate } from '../dates';
import { type Action, ActionSchema } from '../dossier/action';
import { AppointmentSchema } from '../dossier/appointment';
import { currentRevisions } from '../dossier/revisions';
import { HouseholdEntitySchema } from '../dossier/rows';
import { MicrocreditSchema } from '../plans/microcredit';
import { type Plan, PlanSchema } from '../plans/plan';
import { type SurvivorOf, workshopParticipantMinutes } from '../workshops/training-hours';
import { WorkshopSchema } from '../workshops/workshop';
import type { ReportCode, ReportFact } from './activity-report';

/** One stored row of the root, as the server holds it: its entity fields in `data`. */
export interface RootRow {
  readonly entity: string;
  readonly id: string;
  readonly deleted: boolean;
  readonly data: Readonly<Record<string, unknown>>;
}

export type { SurvivorOf };

const event = (factId: string, code: ReportCode, on: IsoDate, quantity = 1): ReportFact => ({
  factId,
  code,
  startsOn: on,
  endsOn: on,
  quantity,
});

/** The live rows of an entity that its schema accepts (a row that does not parse is not counted). */
function liveOf<T>(rows: readonly RootRow[], entity: string, parse: (data: unknown) => T | undefined): T[] {
  const out: T[] = [];
  for (const row of rows) {
    if (row.entity !== entity || row.deleted) continue;
    const parsed = parse({ ...row.data, id: row.id });
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

const parser =
  <T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }) =>
  (data: unknown): T | undefined => {
    const result = schema.safeParse(data);
    return result.success ? result.data : undefined;
  };

/** The later of two days (a span never ends before it starts). */
const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a.localeCompare(b) >= 0 ? a : b);

/**
 * The day of the last instalment of a plan's schedule (PLAN1: one a month from firstDueOn, on the
 * same day or the last day of a shorter month), or the day it ended early.
 */
export function planLastDay(plan: Plan): IsoDate {
  const months = plan.steps.reduce((sum, step) => sum + step.months, 0);
  const last = addMonths(plan.firstDueOn, Math.max(0, months - 1));
  if (plan.endedOn !== undefined && plan.endedOn < last) {
    return laterOf(plan.firstDueOn, plan.endedOn);
  }
  return last;
}

/** The code an action counts under and the day it is dated, or undefined when it counts for nothing. */
export function actionFact(action: Action): { code: ReportCode; on: IsoDate } | undefined {
  // RPT1a, RPT1b: a cancelled action or one that has not happened counts for nothing.
  if (action.status === 'planned' || action.status === 'cancelled') return undefined;
  if (action.revision?.kind === 'cancellation') return undefined;
  switch (action.kind) {
    case 'budget_diagnosis':
      return { code: 'diagnoses', on: action.date };
    case 'bdf_filing':
      return { code: 'bdf_dossiers', on: action.date };
    case 'bdf_decision':
      if (action.decision === 'personal_recovery_ordered') return { code: 'prp', on: action.date };
      if (action.decision === 'liquidation_ordered') return { code: 'liquidations', on: action.date };
      return undefined;
    case 'grace_period': {
      const outcome = action.answer?.outcome;
      const obtained = outcome === 'accepted' || outcome === 'partially_accepted';
      return obtained && action.answer !== undefined
        ? { code: 'grace_periods', on: action.answer.date }
        : undefined;
    }
    case 'mediation_request':
      return { code: 'bank_mediations', on: action.date };
    case 'tax_relief_request':
      return { code: 'tax_relief', on: action.date };
    case 'micro_credit_application':
      return { code: 'microcredit_requests', on: action.date };
    default:
      return undefined;
  }
}

/** What the report reads of a household: a row missing other fields still counts. */
const COUNTED_HOUSEHOLD = HouseholdEntitySchema.pick({
  id: true,
  openedOn: true,
  closedOn: true,
  mergedInto: true,
});

function householdFacts(rows: readonly RootRow[]): ReportFact[] {
  const [household] = liveOf(rows, 'household', parser(COUNTED_HOUSEHOLD));
  // RPT1a, RPT4: a deleted household counts for nothing; a merged one has moved its rows away.
  if (household === undefined || household.mergedInto !== undefined) return [];
  const facts: ReportFact[] = [event(`${household.id}#new`, 'households_new', household.openedOn)];
  const closed = household.closedOn;
  facts.push({
    factId: `${household.id}#followed`,
    code: 'households_followed',
    startsOn: household.openedOn,
    endsOn: closed === undefined ? null : laterOf(household.openedOn, closed),
    quantity: 1,
  });
  for (const appointment of liveOf(rows, 'appointment', parser(AppointmentSchema))) {
    if (appointment.status !== 'done') continue;
    facts.push(event(appointment.id, 'consultations', appointment.startsAt.slice(0, 10)));
  }
  for (const action of currentRevisions(liveOf(rows, 'action', parser(ActionSchema)))) {
    const fact = actionFact(action);
    if (fact !== undefined) facts.push(event(action.id, fact.code, fact.on));
  }
  for (const plan of liveOf(rows, 'plan', parser(PlanSchema))) {
    facts.push({
      factId: plan.id,
      code: 'plans_followed',
      startsOn: plan.firstDueOn,
      endsOn: planLastDay(plan),
      quantity: 1,
    });
  }
  for (const m of liveOf(rows, 'microcredit', parser(MicrocreditSchema))) {
    facts.push(event(`${m.id}#requested`, 'microcredit_requests', m.requestedOn));
    if (m.instructedOn !== undefined) {
      facts.push(event(`${m.id}#instructed`, 'microcredit_instructed', m.instructedOn));
    }
    if (m.decision === 'granted' && m.decidedOn !== undefined) {
      facts.push(event(`${m.id}#granted`, 'microcredit_granted', m.decidedOn));
    }
  }
  return facts;
}

/** WS2, RPT6: duration × (distinct households named, merged ones as their survivor, + anonymous). */
function workshopFacts(rows: readonly RootRow[], survivorOf: SurvivorOf): ReportFact[] {
  return liveOf(rows, 'workshop', parser(WorkshopSchema)).map((w) =>
    event(w.id, 'training_hours', w.date, workshopParticipantMinutes(w, survivorOf)),
  );
}

/**
 * The report facts of one root: `rows` are its rows as stored (the household row and its
 * children, or the workshop row), deleted ones included (they count for nothing).
 * @example reportFacts([{ entity: 'workshop', id: 'w', deleted: false, data: workshop }], (id) => id)
 */
export function reportFacts(rows: readonly RootRow[], survivorOf: SurvivorOf = (id) => id): ReportFact[] {
  const isWorkshop = rows.some((row) => row.entity === 'workshop');
  const facts = isWorkshop ? workshopFacts(rows, survivorOf) : householdFacts(rows);
  return facts.sort((a, b) => (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0));
}
