/** The device lock: unlock, setup, erased key, the header's button, Réglages. French reference. */
export const lockFr = {
  'lock.button': 'Verrouiller',
  'lock.starting': 'Ouverture de Relais…',
  'lock.unlock.title': 'Relais est verrouillé',
  'lock.unlock.whose': 'Cette tablette est ouverte au nom de {name} ({username}).',
  'lock.unlock.pin': 'Votre code PIN',
  'lock.unlock.password': 'Votre mot de passe',
  'lock.unlock.submit': 'Déverrouiller',
  'lock.unlock.checking': 'Vérification…',
  'lock.unlock.required.pin': 'Tapez votre code PIN.',
  'lock.unlock.required.password': 'Tapez votre mot de passe.',
  'lock.unlock.wrong.pin': 'Ce n’est pas le bon code PIN.',
  'lock.unlock.wrong.password': 'Ce n’est pas le bon mot de passe.',
  'lock.unlock.wait': {
    one: 'Attendez encore {count} seconde avant le prochain essai.',
    other: 'Attendez encore {count} secondes avant le prochain essai.',
  },
  'lock.unlock.triesLeft': {
    one: 'Attention : encore {count} essai. Après, la tablette efface sa clé et il faudra se connecter en ligne.',
    other:
      'Attention : encore {count} essais. Après, la tablette efface sa clé et il faudra se connecter en ligne.',
  },
  'lock.unlock.failed': 'Le déverrouillage n’a pas abouti. Réessayez.',
  'lock.erased.title': 'La clé de cette tablette a été effacée',
  'lock.erased.body':
    'Après 10 essais manqués, la tablette a effacé sa clé. Les dossiers sont toujours sur la tablette, mais illisibles sans elle.',
  'lock.erased.signIn':
    'Connectez-vous en ligne pour récupérer vos données : le serveur garde une copie de la clé.',
  'lock.erased.noCopy':
    'Le serveur n’a pas de copie de la clé de cette tablette (ou la tablette a été déclarée perdue). Demandez de l’aide à votre coordinateur ou coordinatrice.',
  'lock.erased.offline': 'La tablette n’est pas connectée à Internet. Connectez-la, puis connectez-vous.',
  'lock.unlock.whoseLocal':
    'Personne ne s’est encore connecté sur cet appareil : ses dossiers s’ouvrent avec le code choisi ici.',
  'lock.setup.title': 'Protéger cette tablette',
  'lock.setup.local.title': 'Protégez les dossiers de cet appareil : choisissez un code',
  'lock.setup.local.intro':
    'Personne ne s’est encore connecté sur cet appareil. Les dossiers que vous y saisirez seront chiffrés ; ce code les ouvrira quand Relais est verrouillé. À votre première connexion, ils passeront sous votre compte.',
  'lock.setup.local.signIn': 'J’ai un compte : me connecter',
  'lock.setup.intro':
    'Les dossiers sont chiffrés sur cette tablette. Choisissez ce qui les ouvrira quand Relais est verrouillé.',
  'lock.setup.method': 'Pour déverrouiller Relais',
  'lock.setup.method.pin': 'Un code PIN que je choisis (6 chiffres ou plus)',
  'lock.setup.method.password': 'Mon mot de passe de connexion',
  'lock.setup.pin': 'Nouveau code PIN',
  'lock.setup.pinHint': '6 chiffres ou plus. Évitez votre date de naissance et les suites comme 123456.',
  'lock.setup.pinAgain': 'Le même code PIN, une deuxième fois',
  'lock.setup.submit': 'Enregistrer et ouvrir Relais',
  'lock.setup.saving': 'Enregistrement…',
  'lock.setup.error.empty': 'Tapez un code PIN.',
  'lock.setup.error.not-digits': 'Le code PIN ne contient que des chiffres.',
  'lock.setup.error.too-short': 'Le code PIN a au moins 6 chiffres.',
  'lock.setup.error.mismatch': 'Les deux codes PIN ne sont pas les mêmes.',
  'lock.setup.error.failed': 'L’enregistrement n’a pas abouti. Réessayez.',
  'lock.settings.title': 'Verrouillage',
  'lock.settings.idle': 'Verrouiller Relais après combien de minutes sans activité',
  'lock.settings.idleHint': 'De 1 à 30 minutes. Par défaut : 5 minutes.',
  'lock.settings.idleError': 'Tapez un nombre entier de minutes, de 1 à 30.',
  'lock.settings.save': 'Enregistrer le délai',
  'lock.settings.saved': 'Délai enregistré : {count} min.',
} as const;
