/** How the console writes values, fields, people and scores (all through i18n). */

import { formatDate, formatMoney, t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';
import type { MatchReason } from '../../../state/coordination-model';
import { scoreBand } from '../../../state/coordination-score';
import { matchValueText } from '../../components/match-value-text';

const FIELD_KEYS: Record<string, MessageKey> = {
  welcomePointId: 'coordination.field.welcomePointId',
  reference: 'coordination.field.reference',
  status: 'coordination.field.status',
  track: 'coordination.field.track',
  phone: 'coordination.field.phone',
  email: 'coordination.field.email',
  address: 'coordination.field.address',
  housingStatus: 'coordination.field.housingStatus',
  territory: 'coordination.field.territory',
  departement: 'coordination.field.departement',
  referralSource: 'coordination.field.referralSource',
  referralDetails: 'coordination.field.referralDetails',
  trackReason: 'coordination.field.trackReason',
  openedOn: 'coordination.field.openedOn',
};

/** A household field's name in words (a field this screen does not know keeps its own name). */
export function fieldLabel(field: string): string {
  const key = FIELD_KEYS[field];
  return key === undefined ? field : t(key);
}

function isAddress(
  value: object,
): value is { line1?: string; line2?: string; postcode?: string; city?: string } {
  return 'line1' in value || 'postcode' in value;
}

/** A household field's value as the coordinator reads it. */
export function valueText(field: string, value: unknown, welcomePointName: (id: string) => string): string {
  if (value === undefined || value === null || value === '') return t('coordination.review.empty');
  if (field === 'welcomePointId' && typeof value === 'string') return welcomePointName(value);
  if (typeof value === 'boolean') return t(value ? 'coordination.yes' : 'coordination.no');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => valueText(field, v, welcomePointName)).join(', ');
  if (typeof value === 'object' && isAddress(value)) {
    const street = [value.line1, value.line2].filter(Boolean).join(', ');
    const town = [value.postcode, value.city].filter(Boolean).join(' ');
    return [street, town].filter((part) => part !== '').join(', ');
  }
  return JSON.stringify(value);
}

export function scoreWords(score: number): string {
  return t(`coordination.score.${scoreBand(score)}` as MessageKey);
}

export function reasonWords(reason: MatchReason): string {
  return t('coordination.match.reason', {
    field: t(`coordination.match.field.${reason.field}` as MessageKey),
    level: t(`coordination.match.level.${reason.level}` as MessageKey),
    a: matchValueText(reason.field, reason.a),
    b: matchValueText(reason.field, reason.b),
  });
}

type Row = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** "Zoé MARTIN": first and usage names; the birth name when it is the only name. */
export function personName(member: Row): string {
  const parts = [text(member.firstName), text(member.lastName) ?? text(member.birthName)].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length === 0 ? t('coordination.household.nameless') : parts.join(' ');
}

/** A money amount, with its period when it has one ("750,00 € par mois"). */
export function amountText(row: Row): string {
  const amount = typeof row.amountCents === 'number' ? formatMoney(row.amountCents) : '';
  const frequency = text(row.frequency);
  return frequency === undefined ? amount : `${amount} ${t(`budget.frequency.${frequency}` as MessageKey)}`;
}

export function dateText(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDate(value.slice(0, 10)) : '';
}
