/**
 * Hours of budget training (docs/reports-and-plans.md WS2, RPT6/WS3): the one place the rule is
 * written. The activity report (server), the Ateliers screen and a dossier's follow-up all count
 * through here, so a session never weighs differently on two screens.
 */
import { reportHours } from '../reports/activity-report';
import type { Workshop } from './workshop';

/** What a participant-count needs of a session. */
export type WorkshopHeadcount = Pick<Workshop, 'participantHouseholdIds' | 'anonymousParticipants'>;

/**
 * A household id to the household it counts as now: its survivor when a coordinator merged it
 * (MERGE11). Without one, each id counts as itself.
 */
export type SurvivorOf = (householdId: string) => string;

/**
 * WS2: participants = distinct households named, each counted as its survivor (two households
 * merged into one count once), + the anonymous head count.
 * @example workshopParticipants({ participantHouseholdIds: ['a', 'b', 'a'], anonymousParticipants: 2 }) // 4
 */
export function workshopParticipants(workshop: WorkshopHeadcount, resolve?: SurvivorOf): number {
  const named = new Set(workshop.participantHouseholdIds.map((id) => (resolve ? resolve(id) : id)));
  return named.size + workshop.anonymousParticipants;
}

/**
 * RPT6/WS3: participant-minutes of one session = duration × participants. Kept in minutes (an
 * integer) so sums are exact; hours come once per figure (`trainingHours`).
 * @example workshopParticipantMinutes({ durationMinutes: 120, participantHouseholdIds: [], anonymousParticipants: 5 }) // 600
 */
export function workshopParticipantMinutes(
  workshop: WorkshopHeadcount & Pick<Workshop, 'durationMinutes'>,
  resolve?: SurvivorOf,
): number {
  return workshop.durationMinutes * workshopParticipants(workshop, resolve);
}

/**
 * Hours of training of several sessions: their participant-minutes summed, then rounded once to
 * the tenth, half up (`reportHours`, as the report does).
 */
export function trainingHours(
  workshops: readonly (WorkshopHeadcount & Pick<Workshop, 'durationMinutes'>)[],
  resolve?: SurvivorOf,
): number {
  let minutes = 0;
  for (const w of workshops) minutes += workshopParticipantMinutes(w, resolve);
  return reportHours(minutes);
}
