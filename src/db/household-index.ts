/**
 * Local, derived index fields of a household row (`local`): what the dossier list sorts,
 * filters and searches on without reading every member row. They are recomputed in the same
 * transaction as any change to the household, its members or its appointments; they are never
 * synced, exported or parsed as part of the row.
 */

import { nameTokens, normaliseReference, phoneSearchKeys } from '../domain/dossier/normalise';
import type { AppointmentRow, HouseholdRow, MemberRow } from '../domain/dossier/rows';

export interface HouseholdLocal {
  /** Most recent change to any row of the dossier, Unix ms (the list's "most recent first"). */
  activityAt: number;
  /** Earliest planned appointment 'YYYY-MM-DDTHH:mm'; absent when none is planned. */
  nextAppointment?: string;
  /** Normalised words of every live member's names. */
  nameTokens: string[];
  /** Normalised phone number keys (see phoneSearchKeys). */
  phoneKeys: string[];
  /** Normalised reference. */
  referenceKey?: string;
  /** The applicant's name as typed ("Marie Dupont"), or the first member's. */
  displayName: string;
}

type IndexedHousehold = Pick<HouseholdRow, 'phone' | 'reference'>;
type IndexedMember = Pick<MemberRow, 'firstName' | 'lastName' | 'role' | 'deleted'>;
type IndexedAppointment = Pick<AppointmentRow, 'startsAt' | 'status' | 'deleted'>;

export function computeHouseholdLocal(
  household: IndexedHousehold,
  members: readonly IndexedMember[],
  appointments: readonly IndexedAppointment[],
  activityAt: number,
): HouseholdLocal {
  const live = members.filter((m) => !m.deleted);
  const tokens = nameTokens(...live.flatMap((m) => [m.firstName, m.lastName]));
  const applicant = live.find((m) => m.role === 'applicant') ?? live[0];
  const displayName = [applicant?.firstName, applicant?.lastName].filter((p) => p !== undefined).join(' ');
  const planned = appointments
    .filter((a) => !a.deleted && a.status === 'planned')
    .map((a) => a.startsAt)
    .sort();
  const local: HouseholdLocal = {
    activityAt,
    nameTokens: tokens,
    phoneKeys: phoneSearchKeys(household.phone),
    displayName,
  };
  if (planned[0] !== undefined) local.nextAppointment = planned[0];
  if (household.reference !== undefined) local.referenceKey = normaliseReference(household.reference);
  return local;
}
