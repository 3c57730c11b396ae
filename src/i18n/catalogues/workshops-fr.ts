/** Strings of budget workshops the app needs before the Ateliers page loads: its nav entry and a dossier’s line. French reference. */
export const workshopsFr = {
  'nav.workshops': 'Ateliers',
  'workshops.attended': {
    one: 'Atelier suivi : {count} ({hours} h)',
    other: 'Ateliers suivis : {count} ({hours} h)',
  },
  'workshops.attended.session': '{date} : {topic}',
} as const;
