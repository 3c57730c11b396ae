/**
 * Letter templates are data: an id, the kind of letter, its language, a subject and a body
 * with {{placeholders}}. Coordinators will edit them later (docs/documents.md): a template is
 * valid when it parses with LetterTemplateSchema and uses only the placeholders of
 * PLACEHOLDERS (`fillTemplate` reports any other name as unknown).
 */
import { z } from 'zod';

export const LetterKindSchema = z.enum([
  'rescheduling_request',
  'grace_period_request',
  'tax_relief_request',
]);
export type LetterKind = z.infer<typeof LetterKindSchema>;

export const LetterTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: LetterKindSchema,
  locale: z.enum(['fr', 'en']),
  /** Bumped on each edit, so a produced letter can name the version it came from. */
  version: z.number().int().min(1),
  subject: z.string().min(1).max(300),
  /** Paragraphs separated by a blank line. */
  body: z.string().min(1).max(8000),
});
export type LetterTemplate = z.infer<typeof LetterTemplateSchema>;

/** Every placeholder a template may use, with what fills it. */
export const PLACEHOLDERS = {
  'household.name': 'the applicant (and co-applicant) names',
  'household.reference': 'the association’s file reference',
  'creditor.name': 'the creditor’s name',
  'debt.label': 'the debt’s label or its kind',
  'debt.reference':
    'the creditor’s reference for the debt (stored on the debt or its creditor; “à compléter” when there is none)',
  'debt.outstanding': 'capital remaining + arrears + interest and fees',
  'debt.arrears': 'unpaid instalments',
  'debt.instalment': 'contractual monthly instalment with insurance',
  'debt.dueSentence':
    'what the debt costs in one sentence: its monthly instalment when it has one, else (rent arrears, a tax debt) the amount owed, never a 0,00 € instalment',
  'budget.resources': 'monthly resources (diagnosis)',
  'budget.charges': 'monthly fixed charges (diagnosis)',
  'budget.capacity':
    'what the household can put towards all its debts a month: from the saved plan when there is one, else the diagnosis capacity',
  'plan.name': 'the saved scenario’s name',
  'plan.monthly': 'first monthly payment to this creditor in the plan',
  'plan.months': 'months from the first to the last payment to this creditor',
  'plan.start': 'month of the first payment to this creditor',
  'plan.total': 'total paid to this creditor over the plan',
  'plan.offer':
    'the offer in words, from the same figures: what the household can afford and what it proposes to this creditor, or why it proposes nothing',
  'grace.months': 'months of grace asked for (typed on the letter form)',
  reason: 'what happened, in the client’s words (typed on the letter form)',
  today: 'the date of the letter',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}
