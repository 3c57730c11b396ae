/** The rescheduling request (mediation): the proposed plan of a saved scenario is attached. */
import type { LetterTemplate } from './template-types';

export const reschedulingRequestFr: LetterTemplate = {
  id: 'rescheduling-request-fr',
  kind: 'rescheduling_request',
  locale: 'fr',
  version: 3,
  subject: 'Demande de rééchelonnement de ma dette, référence : {{debt.reference}}',
  body: `Madame, Monsieur,

Je vous écris au sujet de ma dette auprès de {{creditor.name}} ({{debt.label}}, référence : {{debt.reference}}). Le montant restant dû est de {{debt.outstanding}}.

{{reason}}

Ma situation ne me permet plus de payer les mensualités prévues. Avec l’aide d’une association de conseil budgétaire, j’ai fait le point sur mon budget : mes ressources sont de {{budget.resources}} par mois.

{{plan.offer}}

Je vous remercie de bien vouloir étudier cette demande et de suspendre les frais et pénalités pendant son examen.

Je vous prie d’agréer, Madame, Monsieur, mes salutations distinguées.`,
};

export const reschedulingRequestEn: LetterTemplate = {
  id: 'rescheduling-request-en',
  kind: 'rescheduling_request',
  locale: 'en',
  version: 3,
  subject: 'Request to reschedule my debt, reference: {{debt.reference}}',
  body: `Dear Sir or Madam,

I am writing about my debt with {{creditor.name}} ({{debt.label}}, reference: {{debt.reference}}). The amount still owed is {{debt.outstanding}}.

{{reason}}

My situation no longer allows me to pay the planned instalments. With the help of a budget advice association, I have reviewed my budget: my income is {{budget.resources}} a month.

{{plan.offer}}

I would be grateful if you would consider this request and suspend charges and penalties while you do so.

Yours faithfully,`,
};
