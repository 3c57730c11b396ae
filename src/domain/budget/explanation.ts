/**
 * "Why this number?": every figure of a result carries its derivation, i.e. the inputs, the
 * parameter records used (with the catalogue version), the rule applied and one sentence in
 * French and in English. The UI renders `text[locale]`; `key` + `inputs` let it rebuild its
 * own wording instead.
 */
import { PARAMETER_SET_VERSION } from '../parameters/parameter-meta';

export type ExplanationInput = number | string | boolean | null;

export interface Explanation {
  /** Name of the figure explained, e.g. 'seizableMonthlyCents'. */
  readonly figure: string;
  /** Message key for the UI, e.g. 'explain.seizable'. */
  readonly key: string;
  /** Legal rule or method applied, e.g. 'R731-1', 'L731-2', 'C. trav. R3252-2'. */
  readonly rule: string;
  /** Input values of the computation (amounts in cents, rates in bps, dates YYYY-MM-DD). */
  readonly inputs: Readonly<Record<string, ExplanationInput>>;
  /** Ids of the parameter records used. */
  readonly parameterIds: readonly string[];
  readonly parameterSetVersion: string;
  readonly text: { readonly fr: string; readonly en: string };
}

export interface ExplanationParts {
  readonly figure: string;
  readonly key: string;
  readonly rule: string;
  readonly inputs: Readonly<Record<string, ExplanationInput>>;
  readonly parameterIds?: readonly string[];
  readonly fr: string;
  readonly en: string;
}

/**
 * Builds an explanation stamped with the current parameter-set version.
 * @param parts - figure, message key, rule, inputs, parameter ids and the two sentences
 * @example explain({ figure: 'x', key: 'explain.x', rule: 'R731-1', inputs: {}, fr: '…', en: '…' }).parameterSetVersion // 'fr-2026.3'
 */
export function explain(parts: ExplanationParts): Explanation {
  return {
    figure: parts.figure,
    key: parts.key,
    rule: parts.rule,
    inputs: parts.inputs,
    parameterIds: [...(parts.parameterIds ?? [])],
    parameterSetVersion: PARAMETER_SET_VERSION,
    text: { fr: parts.fr, en: parts.en },
  };
}
