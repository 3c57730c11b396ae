import type { supervisionFr } from './supervision-fr';

/** Supervision (coordinators and admins): quarantined changes and device alerts. English. */
export const supervisionEn: Record<keyof typeof supervisionFr, string> = {
  'supervision.title': 'Supervision',
  'supervision.intro':
    'What needs a coordinator’s attention: changes the server set aside, and devices that may have lost changes.',
  'supervision.refused.title': 'Restricted page',
  'supervision.refused.text': 'This page is for coordinators and administrators. Your account cannot use it.',
  'supervision.refused.signIn':
    'This page is for coordinators and administrators. Sign in with such an account.',
  'supervision.refused.login': 'Sign in',
  'supervision.filter.legend': 'Show',
  'supervision.filter.open': 'To handle',
  'supervision.filter.handled': 'Handled',
  'supervision.filter.all': 'All',
  'supervision.refresh': 'Refresh',
  'supervision.loading': 'Loading…',
  'supervision.handled': 'Mark as handled',
  'supervision.handling': 'Saving…',
  'supervision.handledDone': 'Done: marked as handled.',
  'supervision.error.offline':
    'This page needs an internet connection. It will update as soon as the connection is back.',
  'supervision.error.not-logged-in': 'Sign in to see this page.',
  'supervision.error.unauthorized': 'Your session has expired: sign in again.',
  'supervision.error.forbidden': 'The server refuses: your account cannot see this information.',
  'supervision.error.gone': 'This item no longer exists on the server. Refresh the page.',
  'supervision.error.server': 'The server has a problem. Try again in a moment.',
  'supervision.field.who': 'Who',
  'supervision.field.device': 'Device',
  'supervision.field.when': 'When',
  'supervision.field.household': 'Dossier',
  'supervision.field.detail': 'Technical detail',
  'supervision.field.newDevice': 'New device',
  'supervision.field.previousDevice': 'Previous device',
  'supervision.field.previousSeen': 'Previous device last sent changes',
  'supervision.field.handledAt': 'Handled on',
  'supervision.field.handledBy': 'Handled by',
  'supervision.deletedAccount': 'Deleted account',
  'supervision.unknownPerson': 'Unknown account ({id})',
  'supervision.unnamedDevice': 'Unnamed device ({id})',
  'supervision.noHousehold': 'No known dossier',
  'supervision.quarantine.title': 'Changes set aside',
  'supervision.quarantine.help':
    'The server could not save these changes. They are kept as received. Ask the person what they meant to do, correct the dossier if needed, then mark as handled.',
  'supervision.quarantine.empty': 'No changes set aside.',
  'supervision.quarantine.emptyHandled': 'No change set aside has been handled yet.',
  'supervision.quarantine.payload': 'See the data received (technical)',
  'supervision.reason.invalid-mutation':
    'The change was malformed: the app on the device may be damaged or too old.',
  'supervision.reason.upcast-failed': 'The change comes from a version of the app the server cannot read.',
  'supervision.reason.invalid-patch': 'The change tried to alter protected information.',
  'supervision.reason.schema-invalid': 'A value typed breaks the rules (for example a negative amount).',
  'supervision.reason.unknown-row': 'The change is about an item the server does not know.',
  'supervision.reason.unknown-household': 'The change is about a dossier the server does not know.',
  'supervision.reason.household-mismatch': 'The change puts an item in the wrong dossier.',
  'supervision.reason.append-only': 'The change tried to alter a saved note; notes cannot be changed.',
  'supervision.reason.transition-not-allowed':
    'This change is not allowed from the dossier’s current state (a status that cannot follow, or a welcome point taken away): see the detail.',
  'supervision.reason.left-scope':
    'The dossier moved to another welcome point before the change arrived: the person no longer had access to it.',
  'supervision.reason.erased-household':
    'The dossier was erased at the person’s request: the change was not kept.',
  'supervision.alerts.title': 'Devices to check',
  'supervision.alerts.help':
    'Someone signed in with a new device while the previous one may have held changes never sent. Check with them whether the previous device still exists, then mark as handled.',
  'supervision.alerts.empty': 'No devices to check.',
  'supervision.alerts.emptyHandled': 'No device has been checked yet.',
  'supervision.alert.reported-by-device':
    'The new device reported losing its data: it replaces the previous one.',
  'supervision.alert.recent-activity':
    'Sign-in from a new device while another device of the same person sent changes recently.',
  'supervision.alert.wiped-lost':
    'A device declared lost erased itself: what it had not sent is lost. Check with the person what must be typed again in the cases listed.',
  'supervision.alert.wiped-withdrawn':
    'A device whose access was withdrawn sent what it could, then erased itself. If changes were still unsent, check with the person.',
  'supervision.field.pending': 'Unsent changes',
  'supervision.field.pendingHouseholds': 'Cases concerned (ids)',
  'supervision.field.noHouseholds': 'None',
};
