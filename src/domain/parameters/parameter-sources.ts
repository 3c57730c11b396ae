/**
 * What people read about the source of a figure. Record ids ('seizure-scale-2026',
 * 'local:…'), references to the team's rule book ('domain-rules 8.3-2') and confidence markers
 * ('[U]') are for stamps and tests, never for the screen or a document: these functions turn a
 * record into its legal text (the decree, the article of the code) and say in words when the
 * figure is an estimate.
 */
import { type ForfaitEntry, NATIONAL_DEFAULT_FORFAITS } from './commission-forfaits';
import { parameterCatalogue } from './parameter-catalogue';
import type { ParameterMeta } from './parameter-meta';
import {
  type ParameterSupplements,
  SUPPLEMENT_ID_PREFIX,
  supplementForfaitEntries,
} from './parameter-supplements';

export interface SourceText {
  readonly fr: string;
  readonly en: string;
}

/** Confidence markers such as '[U]' and '[S]', with the space before them. */
const MARKERS = /\s*\[[CSU]\]/g;
/** A reference to the team's rule book: 'domain-rules 8.3-2', 'domain-rules §1.2'. */
const RULE_BOOK = /domain-rules\s*§?\s*[\d.]*(-\d+)?[a-z]?/g;

/**
 * A rule reference as people may read it: the legal articles, without the rule-book references
 * and confidence markers (empty when nothing legal is left).
 * @example citableRule('L731-2; domain-rules 8.3-2') // 'L731-2'
 */
export function citableRule(rule: string): string {
  return rule
    .replace(RULE_BOOK, '')
    .replace(MARKERS, '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('; ');
}

function recordSource(record: ParameterMeta): SourceText {
  const basis = record.legalBasis.replace(MARKERS, '').trim();
  if (record.confidence === 'U')
    return { fr: `Estimation non confirmée : ${basis}`, en: `Unconfirmed estimate: ${basis}` };
  if (record.confidence === 'S')
    return { fr: `${basis} (source secondaire)`, en: `${basis} (secondary source)` };
  return { fr: basis, en: basis };
}

function forfaitSource(entry: ForfaitEntry): SourceText {
  if (entry.isNationalDefault) {
    const host = /https?:\/\/([^/\s]+)/.exec(entry.source)?.[1] ?? '';
    return {
      fr: `Forfait de base national ${entry.year}, valeur indicative d’une source secondaire (${host}), faute de forfaits de la commission ; C. consom. R731-3`,
      en: `National basic forfait ${entry.year}, an indicative value from a secondary source (${host}), as no commission forfaits were entered; C. consom. R731-3`,
    };
  }
  const text = entry.source.replace(MARKERS, '').trim();
  return { fr: text, en: text };
}

/**
 * The human source of one parameter record a figure used.
 * @param id - a record id from an explanation's parameterIds
 * @param context - the supplements and forfait table the figure was computed with, and its date
 * @returns the legal text in French and English, or undefined for an unknown id
 * @example parameterSourceText('rsa-2026-04-estimate', { on: '2026-11-27' })?.fr // 'Estimation non confirmée : Estimation de presse …'
 */
export function parameterSourceText(
  id: string,
  context: {
    readonly on: string;
    readonly supplements?: ParameterSupplements | undefined;
    readonly forfaitTable?: readonly ForfaitEntry[] | undefined;
  },
): SourceText | undefined {
  const entry = parameterCatalogue(context.supplements).get(id);
  if (entry) return recordSource(entry.record);
  if (id === NATIONAL_DEFAULT_FORFAITS.id) return forfaitSource(NATIONAL_DEFAULT_FORFAITS);
  const forfaits = [
    ...(id.startsWith(SUPPLEMENT_ID_PREFIX) ? supplementForfaitEntries(context.supplements, context.on) : []),
    ...(context.forfaitTable ?? []),
  ];
  const forfait = forfaits.find((e) => e.id === id);
  return forfait ? forfaitSource(forfait) : undefined;
}
