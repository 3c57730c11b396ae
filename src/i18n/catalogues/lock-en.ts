import type { Message } from '../i18n';
import type { lockFr } from './lock-fr';

export const lockEn: Record<keyof typeof lockFr, Message> = {
  'lock.button': 'Lock',
  'lock.starting': 'Opening Relais…',
  'lock.unlock.title': 'Relais is locked',
  'lock.unlock.whose': 'This tablet is open in the name of {name} ({username}).',
  'lock.unlock.pin': 'Your PIN',
  'lock.unlock.password': 'Your password',
  'lock.unlock.submit': 'Unlock',
  'lock.unlock.checking': 'Checking…',
  'lock.unlock.required.pin': 'Type your PIN.',
  'lock.unlock.required.password': 'Type your password.',
  'lock.unlock.wrong.pin': 'That is not the right PIN.',
  'lock.unlock.wrong.password': 'That is not the right password.',
  'lock.unlock.wait': {
    one: 'Wait {count} more second before the next try.',
    other: 'Wait {count} more seconds before the next try.',
  },
  'lock.unlock.triesLeft': {
    one: 'Careful: {count} try left. After that, the tablet erases its key and you will have to sign in online.',
    other:
      'Careful: {count} tries left. After that, the tablet erases its key and you will have to sign in online.',
  },
  'lock.unlock.failed': 'Unlocking did not work. Try again.',
  'lock.erased.title': 'This tablet’s key was erased',
  'lock.erased.body':
    'After 10 wrong tries, the tablet erased its key. The cases are still on the tablet, but cannot be read without it.',
  'lock.erased.signIn': 'Sign in online to get your data back: the server keeps a copy of the key.',
  'lock.erased.noCopy':
    'The server holds no copy of this tablet’s key (or the tablet was reported lost). Ask your coordinator for help.',
  'lock.erased.offline': 'The tablet is not connected to the Internet. Connect it, then sign in.',
  'lock.unlock.whoseLocal':
    'Nobody has signed in on this device yet: its cases open with the code chosen here.',
  'lock.setup.title': 'Protect this tablet',
  'lock.setup.local.title': 'Protect the cases on this device: choose a code',
  'lock.setup.local.intro':
    'Nobody has signed in on this device yet. The cases you type here will be encrypted; this code will open them when Relais is locked. At your first sign-in, they move to your account.',
  'lock.setup.local.signIn': 'I have an account: sign in',
  'lock.setup.intro': 'Cases are encrypted on this tablet. Choose what will open them when Relais is locked.',
  'lock.setup.method': 'To unlock Relais',
  'lock.setup.method.pin': 'A PIN I choose (6 digits or more)',
  'lock.setup.method.password': 'My sign-in password',
  'lock.setup.pin': 'New PIN',
  'lock.setup.pinHint': '6 digits or more. Avoid your birth date and runs like 123456.',
  'lock.setup.pinAgain': 'The same PIN, a second time',
  'lock.setup.submit': 'Save and open Relais',
  'lock.setup.saving': 'Saving…',
  'lock.setup.error.empty': 'Type a PIN.',
  'lock.setup.error.not-digits': 'A PIN holds digits only.',
  'lock.setup.error.too-short': 'A PIN has at least 6 digits.',
  'lock.setup.error.mismatch': 'The two PINs are not the same.',
  'lock.setup.error.failed': 'Saving did not work. Try again.',
  'lock.settings.title': 'Locking',
  'lock.settings.idle': 'Lock Relais after how many minutes without activity',
  'lock.settings.idleHint': 'From 1 to 30 minutes. Default: 5 minutes.',
  'lock.settings.idleError': 'Type a whole number of minutes, from 1 to 30.',
  'lock.settings.save': 'Save the delay',
  'lock.settings.saved': 'Delay saved: {count} min.',
};
