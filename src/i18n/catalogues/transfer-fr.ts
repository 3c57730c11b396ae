/** Strings of the transfer screens. French reference: add keys here first, then in transfer-en.ts. */
export const transferFr = {
  'transfer.title': 'Transférer des dossiers sans réseau',
  'transfer.hint':
    'Pour passer des dossiers d’un appareil à un autre : exportez un fichier, puis importez-le sur l’autre appareil. Le fichier contient des données personnelles : gardez-le en lieu sûr et effacez-le après.',
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
} as const;
