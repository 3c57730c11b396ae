/** Supervision (coordinators and admins): quarantined changes and device alerts. French reference. */
export const supervisionFr = {
  'supervision.title': 'Supervision',
  'supervision.intro':
    'Ce qui demande l’attention d’un coordinateur : des modifications que le serveur a mises de côté, et des appareils qui ont peut-être perdu des modifications.',
  'supervision.refused.title': 'Page réservée',
  'supervision.refused.text':
    'Cette page est réservée aux coordinateurs et aux administrateurs. Votre compte n’y a pas accès.',
  'supervision.refused.signIn':
    'Cette page est réservée aux coordinateurs et aux administrateurs. Connectez-vous avec un tel compte.',
  'supervision.refused.login': 'Se connecter',
  'supervision.filter.legend': 'Afficher',
  'supervision.filter.open': 'À traiter',
  'supervision.filter.handled': 'Traités',
  'supervision.filter.all': 'Tous',
  'supervision.refresh': 'Actualiser',
  'supervision.loading': 'Chargement…',
  'supervision.handled': 'Marquer comme traité',
  'supervision.handling': 'Enregistrement…',
  'supervision.handledDone': 'C’est noté : marqué comme traité.',
  'supervision.error.offline':
    'Cette page a besoin d’une connexion internet. Elle se mettra à jour dès que la connexion reviendra.',
  'supervision.error.not-logged-in': 'Connectez-vous pour voir cette page.',
  'supervision.error.unauthorized': 'Votre session a expiré : reconnectez-vous.',
  'supervision.error.forbidden': 'Le serveur refuse : votre compte n’a pas accès à ces informations.',
  'supervision.error.gone': 'Cet élément n’existe plus sur le serveur. Actualisez la page.',
  'supervision.error.server': 'Le serveur a un problème. Réessayez dans un moment.',
  'supervision.field.who': 'Qui',
  'supervision.field.device': 'Appareil',
  'supervision.field.when': 'Quand',
  'supervision.field.household': 'Dossier',
  'supervision.field.detail': 'Détail technique',
  'supervision.field.newDevice': 'Nouvel appareil',
  'supervision.field.previousDevice': 'Ancien appareil',
  'supervision.field.previousSeen': 'Dernier envoi de l’ancien appareil',
  'supervision.field.handledAt': 'Traité le',
  'supervision.field.handledBy': 'Traité par',
  'supervision.deletedAccount': 'Compte supprimé',
  'supervision.unknownPerson': 'Compte inconnu ({id})',
  'supervision.unnamedDevice': 'Appareil sans nom ({id})',
  'supervision.noHousehold': 'Aucun dossier reconnu',
  'supervision.quarantine.title': 'Modifications mises de côté',
  'supervision.quarantine.help':
    'Le serveur n’a pas pu enregistrer ces modifications. Elles sont gardées telles quelles. Voyez avec la personne ce qu’elle voulait faire, corrigez le dossier si besoin, puis marquez comme traité.',
  'supervision.quarantine.empty': 'Aucune modification mise de côté.',
  'supervision.quarantine.emptyHandled': 'Aucune modification mise de côté n’a encore été traitée.',
  'supervision.quarantine.payload': 'Voir les données reçues (technique)',
  'supervision.reason.invalid-mutation':
    'La modification était mal formée : l’application de l’appareil est peut-être abîmée ou trop ancienne.',
  'supervision.reason.upcast-failed':
    'La modification vient d’une version de l’application que le serveur ne sait pas lire.',
  'supervision.reason.invalid-patch': 'La modification essayait de changer des informations protégées.',
  'supervision.reason.schema-invalid':
    'Une valeur saisie ne respecte pas les règles (par exemple un montant négatif).',
  'supervision.reason.unknown-row': 'La modification porte sur un élément que le serveur ne connaît pas.',
  'supervision.reason.unknown-household':
    'La modification porte sur un dossier que le serveur ne connaît pas.',
  'supervision.reason.household-mismatch': 'La modification range un élément dans le mauvais dossier.',
  'supervision.reason.append-only':
    'La modification essayait de changer une note déjà enregistrée ; une note ne se modifie pas.',
  'supervision.reason.transition-not-allowed':
    'Ce changement n’est pas permis depuis l’état actuel du dossier (un état qui ne peut pas suivre, ou un point d’accueil retiré) : voyez le détail.',
  'supervision.reason.left-scope':
    'Le dossier a changé de point d’accueil avant l’arrivée de la modification : la personne n’y avait plus accès.',
  'supervision.reason.erased-household':
    'Le dossier a été effacé à la demande de la personne : la modification n’a pas été gardée.',
  'supervision.alerts.title': 'Appareils à vérifier',
  'supervision.alerts.help':
    'Une personne s’est connectée avec un nouvel appareil alors que l’ancien avait peut-être des modifications jamais envoyées. Vérifiez avec elle si l’ancien appareil existe encore, puis marquez comme traité.',
  'supervision.alerts.empty': 'Aucun appareil à vérifier.',
  'supervision.alerts.emptyHandled': 'Aucun appareil n’a encore été vérifié.',
  'supervision.alert.reported-by-device':
    'Le nouvel appareil a signalé avoir perdu ses données : il remplace l’ancien.',
  'supervision.alert.recent-activity':
    'Connexion depuis un nouvel appareil alors qu’un autre appareil de la même personne a envoyé des modifications récemment.',
  'supervision.alert.wiped-lost':
    'Un appareil déclaré perdu s’est effacé : ce qu’il n’avait pas envoyé est perdu. Voyez avec la personne ce qu’il faut ressaisir dans les dossiers cités.',
  'supervision.alert.wiped-withdrawn':
    'Un appareil dont l’accès a été retiré a envoyé ce qu’il pouvait, puis s’est effacé. S’il restait des modifications non envoyées, voyez avec la personne.',
  'supervision.field.pending': 'Modifications non envoyées',
  'supervision.field.pendingHouseholds': 'Dossiers concernés (identifiants)',
  'supervision.field.noHouseholds': 'Aucun',
} as const;
