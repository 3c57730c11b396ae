import type { Message } from '../i18n';
import type { transferFr } from './transfer-fr';

export const transferEn: Record<keyof typeof transferFr, Message> = {
  'transfer.title': 'Move cases without a network',
  'transfer.hint':
    'To move cases from one device to another: export a file encrypted with a password, then import it on the other device with that password. Delete the file afterwards.',
  'transfer.exportAll': 'Export all cases',
  'transfer.exportOne': 'Export this case',
  'transfer.exporting': 'Preparing the file…',
  'transfer.exported': {
    one: 'File {file} created with {count} case.',
    other: 'File {file} created with {count} cases.',
  },
  'transfer.exportFailed': 'The file could not be created: {reason}',
  'transfer.import.label': 'Import a file of cases',
  'transfer.import.hint': 'A “relais-….json” file exported from another device.',
  'transfer.importing': 'Importing…',
  'transfer.report.title': 'Import finished',
  'transfer.report.households': 'Cases in the file: {count}',
  'transfer.report.created': 'Items added: {count}',
  'transfer.report.updated': 'Items updated: {count}',
  'transfer.report.unchanged': 'Items already up to date: {count}',
  'transfer.report.skipped': 'Items kept as they were because this device had newer information: {count}',
  'transfer.report.conflicts':
    'Information changed on both sides, this device’s version is kept (to check): {count}',
  'transfer.report.nothingOverwritten': 'No newer information on this device was replaced.',
  'transfer.error.title': 'Nothing was imported',
  'transfer.error.notJson': 'This file is not a Relais case file.',
  'transfer.error.invalid':
    'This file is not a valid Relais case file: it may be damaged or come from another application.',
  'transfer.error.read': 'The file could not be read.',
  'transfer.error.wrongPassphrase':
    'This password does not open the file. Check it with the person who created it.',
  'transfer.passphrase.export.label': 'File password',
  'transfer.passphrase.export.hint':
    'At least 8 characters. The file is encrypted with this password: give it to the person who will import it, in person or by another way than the file.',
  'transfer.passphrase.tooShort': 'Choose a password of at least 8 characters.',
  'transfer.passphrase.import.label': 'Password of the file to import',
  'transfer.passphrase.import.hint':
    'This file is encrypted. Type the password chosen by the person who created it.',
  'transfer.passphrase.import.submit': 'Open the file',
};
