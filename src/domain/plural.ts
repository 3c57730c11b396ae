/**
 * Plurals by the language's own rule (Intl.PluralRules, CLDR): "1 dette", "2 dettes", never
 * "dette(s)". French puts 0 and 1 in "one" ("0 dette", "1 dette"); English only 1 ("0 debts",
 * "1 debt"). The one rule for the screens' catalogues (src/i18n) and the domain's own wording
 * (alerts, documents), which may not import src/i18n.
 */

/** A message in its two forms; `{count}` in each is replaced by the number. */
export interface PluralForms {
  readonly one: string;
  readonly other: string;
}

export function isPluralForms(value: unknown): value is PluralForms {
  return typeof value === 'object' && value !== null && 'one' in value && 'other' in value;
}

const rulesByLocale = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/**
 * The form of `forms` for `count` in `locale`. Categories other than "one" (French "many" for a
 * round million, say) take the "other" form, which fits them in both languages.
 * @param locale - a BCP 47 tag: 'fr', 'fr-FR', 'en', 'en-GB'
 * @example pluralForm({ one: '{count} dette', other: '{count} dettes' }, 'fr', 0) // '{count} dette'
 * @example pluralForm({ one: '{count} debt', other: '{count} debts' }, 'en', 0) // '{count} debts'
 */
export function pluralForm(forms: PluralForms, locale: string, count: number): string {
  return rulesFor(locale).select(count) === 'one' ? forms.one : forms.other;
}

/**
 * The form for `count`, with `{count}` replaced by it.
 * @example plural({ one: '{count} pièce manquante', other: '{count} pièces manquantes' }, 'fr', 2) // '2 pièces manquantes'
 */
export function plural(forms: PluralForms, locale: string, count: number): string {
  return pluralForm(forms, locale, count).replaceAll('{count}', String(count));
}
