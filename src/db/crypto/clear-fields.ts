/**
 * What of each stored row stays in clear (ENC1, ENC2, ADR 0024): ids, versions, timestamps,
 * delivery state and what an index of the device schema truly needs. Everything else of a row is
 * sealed into one field. A table missing from this list keeps only its primary key in clear:
 * nothing is ever left in clear by omission.
 *
 * A dotted path is a nested field (`local.activityAt`). tests/db/crypto/clear-fields.test.ts
 * checks that every index declared by the schema reads only clear paths.
 */

/** The one field a sealed row keeps everything else in (nonce ‖ ciphertext ‖ tag). */
export const SEALED_FIELD = '$sealed';

const CHILD = ['id', 'householdId'] as const;

export const CLEAR_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // The dossier list's filters and order (status, track, welcome point, next appointment, most
  // recent activity) run on indexes; the name, phone and reference are sealed.
  households: [
    'id',
    'updatedAt',
    'local.activityAt',
    'track',
    'status',
    'welcomePointId',
    'local.nextAppointment',
  ],
  members: CHILD,
  resources: CHILD,
  charges: CHILD,
  assets: CHILD,
  creditors: CHILD,
  debts: CHILD,
  notes: CHILD,
  actions: CHILD,
  scenarios: CHILD,
  appointments: CHILD,
  consents: CHILD,
  plans: CHILD,
  planPayments: [...CHILD, 'planId'],
  microcredits: CHILD,
  workshops: [...CHILD, 'date', 'welcomePointId'],
  // The mutation (its patch: names, amounts, labels) is sealed; its delivery bookkeeping is not.
  outbox: ['seq', 'mutationId', 'householdId', 'state', 'entity', 'entityId'],
  sentLog: ['seq', 'ackedAt'],
  // The competing values of a conflict are sealed.
  conflicts: ['id', 'householdId', 'entity', 'entityId', 'status'],
  // Ids and a time only.
  householdAliases: ['mergedId', 'survivorId', 'mergeId', 'at'],
  accessOpenings: ['id', 'householdId', 'userId', 'at'],
  // The key of every meta record; its value only for the keys below.
  meta: ['key'],
};

/**
 * Meta records whose VALUE stays in clear (ENC2): counters, ids and cursors that sync and the
 * device-id check read, none personal. The session (token, user), the last user, the device label,
 * quarantine echoes, draft receipts and every other key are sealed.
 */
export const CLEAR_META_KEYS: ReadonlySet<string> = new Set([
  'schemaVersion',
  'deviceId',
  'nextSeq',
  'hlc',
  'pullCursor',
  'ackedSeq',
  'lastSyncAt',
  'switchedFrom',
]);

/**
 * Personal fields that older schema versions index (the name, phone and reference search and the
 * members' birth dates, until search moves to an index held in memory, src/db/search-index.ts).
 * Each stays in clear ONLY while the open database still declares an index on it (ENC2): once
 * schema v5 drops the index, the field is sealed with no other change.
 */
export const INTERIM_INDEXED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  households: ['local.nameTokens', 'local.phoneKeys', 'local.referenceKey'],
  members: ['birthDate'],
};
