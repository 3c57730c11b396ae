/** The grace-period request: a pause in the instalments for a few months. */
import type { LetterTemplate } from './template-types';

export const gracePeriodRequestFr: LetterTemplate = {
  id: 'grace-period-request-fr',
  kind: 'grace_period_request',
  locale: 'fr',
  version: 3,
  subject: 'Demande de report d’échéances, référence : {{debt.reference}}',
  body: `Madame, Monsieur,

Je vous écris au sujet de ma dette « {{debt.label}} » auprès de {{creditor.name}}, référence : {{debt.reference}}. {{debt.dueSentence}}

{{reason}}

Pendant cette période, mes ressources sont de {{budget.resources}} par mois et mes charges fixes de {{budget.charges}} par mois. Je ne peux pas vous payer sans manquer du nécessaire.

Je vous demande de bien vouloir m’accorder un report de {{grace.months}} mois de mes paiements, sans frais, le temps que ma situation se rétablisse. Je reprendrai ensuite les paiements.

Je vous remercie de votre compréhension et vous prie d’agréer, Madame, Monsieur, mes salutations distinguées.`,
};

export const gracePeriodRequestEn: LetterTemplate = {
  id: 'grace-period-request-en',
  kind: 'grace_period_request',
  locale: 'en',
  version: 3,
  subject: 'Request for a payment holiday, reference: {{debt.reference}}',
  body: `Dear Sir or Madam,

I am writing about my debt “{{debt.label}}” with {{creditor.name}}, reference: {{debt.reference}}. {{debt.dueSentence}}

{{reason}}

During this period my income is {{budget.resources}} a month and my fixed costs are {{budget.charges}} a month. I cannot pay you without going short of essentials.

I would be grateful if you would allow me to postpone my payments for {{grace.months}} months, free of charge, while my situation recovers. I will then resume the payments.

Thank you for your understanding. Yours faithfully,`,
};
