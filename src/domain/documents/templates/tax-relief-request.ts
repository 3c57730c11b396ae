/** The tax relief request (remise gracieuse, LPF L247) to the tax office. */
import type { LetterTemplate } from './template-types';

export const taxReliefRequestFr: LetterTemplate = {
  id: 'tax-relief-request-fr',
  kind: 'tax_relief_request',
  locale: 'fr',
  version: 2,
  subject: 'Demande de remise gracieuse, avis n° : {{debt.reference}}',
  body: `Madame, Monsieur,

Je vous demande une remise gracieuse de ma dette d’impôt de {{debt.outstanding}} (avis n° : {{debt.reference}}), en application de l’article L247 du Livre des procédures fiscales.

{{reason}}

Mes ressources sont de {{budget.resources}} par mois et mes charges fixes de {{budget.charges}} par mois. Je suis dans l’impossibilité de payer cette somme. Je joins les justificatifs de ma situation.

Je vous remercie de l’attention que vous porterez à ma demande et vous prie d’agréer, Madame, Monsieur, mes salutations distinguées.`,
};

export const taxReliefRequestEn: LetterTemplate = {
  id: 'tax-relief-request-en',
  kind: 'tax_relief_request',
  locale: 'en',
  version: 2,
  subject: 'Request for tax relief (remise gracieuse), notice no.: {{debt.reference}}',
  body: `Dear Sir or Madam,

I ask for relief (remise gracieuse) of my tax debt of {{debt.outstanding}} (notice no.: {{debt.reference}}), under article L247 of the Livre des procédures fiscales.

{{reason}}

My income is {{budget.resources}} a month and my fixed costs are {{budget.charges}} a month. I am unable to pay this sum. I enclose proof of my situation.

Thank you for considering my request. Yours faithfully,`,
};
