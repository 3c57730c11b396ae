/** The shape of a counsellor alert, shared by the alert rules. */

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface Alert {
  /** Stable code, e.g. 'priority-arrears'. The UI message key is `alert.<code>`. */
  readonly code: string;
  readonly severity: AlertSeverity;
  /** Legal rule or edge case the alert comes from, e.g. 'L711-4' or 'domain-rules 8.3-22'. */
  readonly rule: string;
  /** Ids of the entities concerned (debts, members, resources, charges). */
  readonly subjectIds: readonly string[];
  readonly key: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly text: { readonly fr: string; readonly en: string };
}

/**
 * Builds an alert with its message key derived from the code.
 * @param code - stable alert code
 * @example alert('budget-deficit', 'critical', 'L731-2', [], {}, 'Déficit', 'Deficit').key // 'alert.budget-deficit'
 */
export function alert(
  code: string,
  severity: AlertSeverity,
  rule: string,
  subjectIds: readonly string[],
  params: Readonly<Record<string, number | string | boolean>>,
  fr: string,
  en: string,
): Alert {
  return {
    code,
    severity,
    rule,
    subjectIds: [...subjectIds],
    key: `alert.${code}`,
    params,
    text: { fr, en },
  };
}
