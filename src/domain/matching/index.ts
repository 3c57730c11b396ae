/** Duplicate matching (DUP1, DUP1b, DUP2): the one engine the server and the device share. */

/** The probe and reason schemas live with the coordination protocol; re-exported for the app's layers. */
export type { MatchLevel, MatchProbe, MatchReason } from '../sync/coordination-protocol';
export { blockingKeys } from './blocking';
export { compareBirthDates, compareNames } from './compare-fields';
export { editTolerance, isCloseName, osaDistance } from './edit-distance';
export { profileFingerprint } from './fingerprint';
export { isCandidate, MATCH_PARAMETERS, type MatchParameters } from './match-parameters';
export { namePhonex, phonex } from './phonex';
export { type PreparedProfile, prepareProfile } from './prepared';
export {
  creditorRef,
  type MatchPerson,
  type MatchProfile,
  normaliseStreet,
  profileFromProbe,
  profileFromRows,
} from './profile';
export { scorePair, scorePrepared } from './score';
