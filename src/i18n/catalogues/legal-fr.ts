/**
 * The legal parameters as the dossier screens speak of them: where a figure comes from, and
 * where its official value is entered (Administration › Paramètres légaux, admins only).
 */
export const legalFr = {
  'legal.why.sources': 'Source : {sources}',
  'legal.enter.admin': 'Saisir la valeur officielle : Administration › Paramètres légaux',
  'legal.enter.others':
    'Seul un administrateur de Relais peut saisir la valeur officielle : demandez-lui de le faire dans Administration › Paramètres légaux.',
  'legal.missing': '{parameter} n’est pas connu pour le {date} : le diagnostic ne peut pas être calculé.',
  'legal.name.seizureScale': 'Le barème des saisies',
  'legal.name.rsa.amounts': 'Le montant du RSA',
  'legal.name.rsa.mayotteBaseAmount': 'Le montant du RSA à Mayotte',
  'legal.name.legalInterestRate': 'Le taux de l’intérêt légal',
  'legal.name.commissionForfait': 'Un forfait de la commission',
  'legal.name.other': 'Une valeur légale',
} as const;
