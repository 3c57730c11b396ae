/**
 * What retention anonymises in a closed dossier (docs/household-rights.md RIGHT9), written once
 * as data: per entity, the fields that name, reach or describe the person, and the value each
 * takes. What the statistics read stays: amounts, kinds and categories, the track, the welcome
 * point, the département, and the dossier's dates (the activity report counts appointments,
 * actions and follow-up spans by their dates, RPT3). Birth dates keep their month (an age band
 * needs no day). Every replacement keeps the row valid for its schema (ROW_SCHEMAS).
 */
import type { EntityName } from '../sync/entities';

/** The text that replaces a personal text field. */
export const ANONYMISED_TEXT = '[anonymisé]';
/** A syntactically valid address that reaches no one (RFC 2606 `.invalid`). */
export const ANONYMISED_EMAIL = 'anonymise@anonymise.invalid';

type Replace = (value: unknown, row: Readonly<Record<string, unknown>>) => unknown;

const text: Replace = () => ANONYMISED_TEXT;

/** A postal address down to its département: `69008 Lyon` → `69000`, `97122` → `97100`. */
const address: Replace = (value) => {
  const postcode =
    typeof value === 'object' && value !== null ? (value as { postcode?: unknown }).postcode : undefined;
  const code = typeof postcode === 'string' && /^\d{5}$/.test(postcode) ? postcode : '00000';
  const kept = code.startsWith('97') || code.startsWith('98') ? 3 : 2;
  return { line1: ANONYMISED_TEXT, postcode: code.slice(0, kept).padEnd(5, '0'), city: ANONYMISED_TEXT };
};

/** `1984-05-12` → `1984-05-01`. */
const month: Replace = (value) => (typeof value === 'string' ? `${value.slice(0, 7)}-01` : value);

/** A revision keeps its kind and time; its reason is free text. */
const revision: Replace = (value) =>
  typeof value === 'object' && value !== null ? { ...value, reason: ANONYMISED_TEXT } : value;

/** A creditor who is a private person is named like one; an organisation's name stays. */
const creditorName: Replace = (value, row) =>
  row.category === 'private_individual' ? ANONYMISED_TEXT : value;

/** RIGHT9: the personal fields of each entity of a dossier, with their replacement. */
export const ANONYMISED_FIELDS: Readonly<Partial<Record<EntityName, Readonly<Record<string, Replace>>>>> = {
  household: {
    phone: text,
    email: () => ANONYMISED_EMAIL,
    address,
    reference: text,
    trackReason: text,
    referralDetails: text,
    indebtednessCause: text,
  },
  member: { firstName: text, lastName: text, birthName: text, birthDate: month },
  resource: { label: text },
  charge: { label: text },
  asset: { label: text },
  creditor: { name: creditorName, address: text, reference: text },
  debt: { label: text, reference: text },
  note: { text, revision },
  action: { details: text, office: text, lender: text, topic: text, title: text, revision },
  scenario: { name: text },
  appointment: { place: text, purpose: text },
  consent: { purposeDetails: text },
  plan: { reference: text, details: text },
  plan_payment: { details: text },
  microcredit: { purpose: text, lender: text, details: text },
};

/**
 * The fields of a row retention replaces, with their new values: only fields the row holds and
 * whose value changes, so an anonymised row gives an empty object (a second run writes nothing).
 */
export function anonymisedFields(
  entity: EntityName,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, replace] of Object.entries(ANONYMISED_FIELDS[entity] ?? {})) {
    const value = data[field];
    if (value === undefined || value === null || value === '') continue;
    const next = replace(value, data);
    if (JSON.stringify(next) !== JSON.stringify(value)) out[field] = next;
  }
  return out;
}
