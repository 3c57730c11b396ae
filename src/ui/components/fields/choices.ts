/** The options of a select whose values are an enum's, each worded by its message key. */
import { t } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages-fr';

/**
 * The choices of a select, each worded by its message key `<prefix>.<value>`. Pass the schema's
 * own list (`XSchema.options`), so a value added to the schema shows in the form.
 * @example choices(TrackSchema.options, 'dossier.track') // [{ value: 'support', label: 'Accompagnement' }, …]
 */
export function choices(values: readonly string[], prefix: string): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));
}
