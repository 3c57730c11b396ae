/**
 * What the intake forms share: the option lists (taken from the schemas), which roles are asked
 * about custody, and turning text as typed into row fields (trimmed or "not given", an option or
 * nothing, only the fields given, only the fields changed). Each form has its module:
 * household-intake.ts (household, contact, referral, welcome point), member-intake.ts,
 * new-dossier-form.ts (household and people in one form) and consent-intake.ts.
 */
import { ConsentPurposeSchema } from '../../domain/dossier/consent';
import {
  type DossierStatus,
  DossierStatusSchema,
  ReferralSourceSchema,
  type Track,
  TrackSchema,
} from '../../domain/dossier/dossier-meta';
import { CustodySchema, MemberRoleSchema } from '../../domain/household/member';
import { HousingStatusSchema, TerritorySchema } from '../../domain/household/territory';

export const TERRITORIES = TerritorySchema.options;
export const HOUSING_STATUSES = HousingStatusSchema.options;
export const REFERRAL_SOURCES = ReferralSourceSchema.options;
export const MEMBER_ROLES = MemberRoleSchema.options;
export const CUSTODIES = CustodySchema.options;
export const CONSENT_PURPOSES = ConsentPurposeSchema.options;
export const TRACKS = TrackSchema.options;
export const STATUSES = DossierStatusSchema.options;

/** Roles for which where the person lives (custody, shared residence) is asked. */
export function asksCustody(role: string): boolean {
  return role === 'child' || role === 'other_dependent';
}

/** The text as typed, trimmed; undefined when nothing was typed ("not given"). */
export function optionalText(text: string | undefined): string | undefined {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The option typed when it is one of `options`, else undefined. */
export function pick<T extends string>(options: readonly T[], text: string | undefined): T | undefined {
  return (options as readonly string[]).includes(text ?? '') ? (text as T) : undefined;
}

/** Drops the keys whose value is undefined (a new row stores only what was given). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Only the fields that differ from `before` (what the form started from): a save never writes
 * back a value the person did not touch, which another screen or device may have changed since.
 * `undefined` removes a cleared field.
 */
export function changedOnly<T extends object>(patch: T, current: object): Partial<T> {
  const stored = current as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (JSON.stringify(value) !== JSON.stringify(stored[key])) changed[key] = value;
  }
  return changed as Partial<T>;
}

export type { DossierStatus, Track };
