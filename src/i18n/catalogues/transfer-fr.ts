/** Strings of the transfer screens. French reference: add keys here first, then in transfer-en.ts. */
export const transferFr = {
  'transfer.title': 'Transférer des dossiers sans réseau',
  'transfer.hint':
    'Pour passer des dossiers d’un appareil à un autre : exportez un fichier chiffré par un mot de passe, puis importez-le sur l’autre appareil avec ce mot de passe. Effacez le fichier après.',
  'transfer.exportAll': 'Exporter tous les dossiers',
  'transfer.exportOne': 'Exporter ce dossier',
  'transfer.exporting': 'Préparation du fichier…',
  'transfer.exported': {
    one: 'Fichier {file} créé avec {count} dossier.',
    other: 'Fichier {file} créé avec {count} dossiers.',
  },
  'transfer.exportFailed': 'Le fichier n’a pas pu être créé : {reason}',
  'transfer.import.label': 'Importer un fichier de dossiers',
  'transfer.import.hint': 'Un fichier « relais-….json » exporté depuis un autre appareil.',
  'transfer.importing': 'Import en cours…',
  'transfer.report.title': 'Import terminé',
  'transfer.report.households': 'Dossiers dans le fichier : {count}',
  'transfer.report.created': 'Éléments ajoutés : {count}',
  'transfer.report.updated': 'Éléments mis à jour : {count}',
  'transfer.report.unchanged': 'Éléments déjà à jour : {count}',
  'transfer.report.skipped':
    'Éléments gardés tels quels parce que cet appareil avait des informations plus récentes : {count}',
  'transfer.report.conflicts':
    'Informations changées des deux côtés, la version de cet appareil est gardée (à vérifier) : {count}',
  'transfer.report.nothingOverwritten': 'Aucune information plus récente de cet appareil n’a été remplacée.',
  'transfer.error.title': 'Rien n’a été importé',
  'transfer.error.notJson': 'Ce fichier n’est pas un fichier de dossiers Relais.',
  'transfer.error.invalid':
    'Ce fichier n’est pas un fichier de dossiers Relais valide : il est peut-être abîmé ou vient d’une autre application.',
  'transfer.error.read': 'Le fichier n’a pas pu être lu.',
  'transfer.error.wrongPassphrase':
    'Ce mot de passe n’ouvre pas le fichier. Vérifiez-le auprès de la personne qui l’a créé.',
  'transfer.passphrase.export.label': 'Mot de passe du fichier',
  'transfer.passphrase.export.hint':
    '8 caractères au moins. Le fichier est chiffré avec ce mot de passe : donnez-le à la personne qui l’importera, de vive voix ou par un autre moyen que le fichier.',
  'transfer.passphrase.tooShort': 'Choisissez un mot de passe d’au moins 8 caractères.',
  'transfer.passphrase.import.label': 'Mot de passe du fichier à importer',
  'transfer.passphrase.import.hint':
    'Ce fichier est chiffré. Tapez le mot de passe choisi par la personne qui l’a créé.',
  'transfer.passphrase.import.submit': 'Ouvrir le fichier',
} as const;
