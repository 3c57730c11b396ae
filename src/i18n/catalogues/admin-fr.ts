/**
 * Administration screen (admin role): welcome points and users. French reference.
 * Lazy: these strings come with the page's chunk (provideLazyCatalogue), not with the app.
 */
export const adminFr = {
  'admin.title': 'Administration',
  'admin.intro':
    'Ici, vous gérez les lieux d’accueil et les comptes des personnes. Ces changements se font sur le serveur : il faut être en ligne.',
  'admin.refused.title': 'Réservé aux administrateurs',
  'admin.refused.body':
    'Cette page sert à gérer les lieux d’accueil et les comptes. Seul un compte administrateur peut l’ouvrir.',
  'admin.refused.signIn': 'Se connecter avec un compte administrateur',
  'admin.refused.back': 'Retour aux dossiers',
  'admin.offline':
    'Vous êtes hors ligne. L’administration a besoin du serveur : ce que vous tapez est gardé, envoyez-le une fois la connexion revenue.',
  'admin.loading': 'Chargement des listes…',
  'admin.reload': 'Recharger les listes',
  'admin.loadFailed': 'Les listes n’ont pas pu être chargées. {reason}',
  'admin.cancel': 'Annuler',
  'admin.save': 'Enregistrer',

  'admin.failure.offline':
    'Pas de connexion au serveur : rien n’a été changé. Ce que vous avez tapé est gardé ; réessayez une fois en ligne.',
  'admin.failure.not-logged-in': 'Vous n’êtes pas connecté : connectez-vous avec un compte administrateur.',
  'admin.failure.unauthorized': 'Votre session a expiré : reconnectez-vous, puis réessayez.',
  'admin.failure.forbidden': 'Le serveur refuse : ce compte n’est pas administrateur.',
  'admin.failure.not-found':
    'Introuvable sur le serveur : il a peut-être été changé ailleurs. Rechargez les listes.',
  'admin.failure.invalid': 'Certaines valeurs ne conviennent pas : voyez les messages à côté des champs.',
  'admin.failure.server': 'Le serveur a un problème : rien n’a été changé. Réessayez plus tard.',
  'admin.failure.not-admin': 'Réservé aux administrateurs.',

  'admin.field.name': 'Écrivez un nom (200 caractères au plus).',
  'admin.field.username': '2 à 64 caractères : lettres minuscules sans accent, chiffres, et . _ @ -',
  'admin.field.displayName': 'Écrivez le nom de la personne (200 caractères au plus).',
  'admin.field.password': 'Le mot de passe doit faire au moins 10 caractères.',
  'admin.field.role': 'Choisissez un rôle.',
  'admin.field.welcomePointIds': 'Ce choix de lieux n’est pas valable.',
  'admin.field.taken': 'Ce nom d’utilisateur est déjà pris. Choisissez-en un autre.',
  'admin.field.unknown': 'Un de ces lieux n’existe plus sur le serveur. Rechargez les listes.',

  'admin.wp.title': 'Lieux d’accueil',
  'admin.wp.empty': 'Aucun lieu d’accueil pour l’instant.',
  'admin.wp.archived': 'Archivé',
  'admin.wp.active': 'Ouvert',
  'admin.wp.rename': 'Renommer',
  'admin.wp.renameLabel': 'Nouveau nom pour « {name} »',
  'admin.wp.archive': 'Archiver',
  'admin.wp.restore': 'Rouvrir',
  'admin.wp.confirmArchive':
    'Archiver « {name} » ? Les dossiers gardent ce lieu, mais on ne pourra plus y rattacher personne.',
  'admin.wp.confirmArchiveYes': 'Oui, archiver « {name} »',
  'admin.wp.add.title': 'Ajouter un lieu d’accueil',
  'admin.wp.add.name': 'Nom du lieu',
  'admin.wp.add.submit': 'Ajouter le lieu',
  'admin.wp.added': 'Lieu « {name} » ajouté.',
  'admin.wp.renamed': 'Lieu renommé : « {name} ».',
  'admin.wp.archivedDone': 'Lieu « {name} » archivé.',
  'admin.wp.restored': 'Lieu « {name} » rouvert.',

  'admin.users.title': 'Utilisateurs',
  'admin.users.empty': 'Aucun utilisateur.',
  'admin.users.username': 'Identifiant : {username}',
  'admin.users.role': 'Rôle : {role}',
  'admin.users.places': 'Lieux : {places}',
  'admin.users.noPlace': 'aucun',
  'admin.users.allPlaces': 'tous (rôle {role})',
  'admin.users.disabled': 'Désactivé',
  'admin.users.you': '(vous)',
  'admin.users.edit': 'Modifier',
  'admin.users.editTitle': 'Modifier {name}',
  'admin.users.deactivate': 'Désactiver',
  'admin.users.reactivate': 'Réactiver',
  'admin.users.confirmDeactivate':
    'Désactiver le compte de {name} ? Cette personne ne pourra plus se connecter, et ses appareils seront déconnectés.',
  'admin.users.confirmDeactivateYes': 'Oui, désactiver {name}',
  'admin.users.revoke': 'Déconnecter ses appareils',
  'admin.users.confirmRevoke':
    'Déconnecter tous les appareils de {name} ? Il faudra se reconnecter avec le mot de passe.',
  'admin.users.confirmRevokeYes': 'Oui, déconnecter',
  'admin.users.revoked': {
    one: '{name} : {count} appareil déconnecté.',
    other: '{name} : {count} appareils déconnectés.',
  },
  'admin.users.saved': 'Compte de {name} enregistré.',
  'admin.users.deactivated': 'Compte de {name} désactivé.',
  'admin.users.reactivated': 'Compte de {name} réactivé.',
  'admin.users.added': 'Compte de {name} créé. Donnez-lui son identifiant et son mot de passe.',
  'admin.users.add.title': 'Ajouter un utilisateur',
  'admin.users.add.submit': 'Créer le compte',
  'admin.users.displayName': 'Nom de la personne',
  'admin.users.usernameLabel': 'Identifiant de connexion',
  'admin.users.usernameHint': 'Lettres minuscules sans accent, chiffres, et . _ @ - (ex. : marie.dupont)',
  'admin.users.roleLabel': 'Rôle',
  'admin.users.places.legend': 'Lieux d’accueil',
  'admin.users.places.hint':
    'Bénévoles et conseillers ne voient que les dossiers de leurs lieux. Coordinateurs et administrateurs voient tout.',
  'admin.users.places.none': 'Créez d’abord un lieu d’accueil.',
  'admin.users.password': 'Mot de passe de départ',
  'admin.users.passwordHint': 'Au moins 10 caractères. La personne pourra le garder.',
  'admin.users.newPassword': 'Nouveau mot de passe',
  'admin.users.newPasswordHint':
    'Laissez vide pour garder le mot de passe actuel. Sinon, au moins 10 caractères : ses appareils seront déconnectés.',
} as const;
