/**
 * A household keeps a welcome point once it has one (ADR 0019, AUTH6c).
 *
 * The people of a welcome point (its volunteers, counsellors) see its households. A household
 * without a welcome point is seen only by the person who created it (and by coordinators). So
 * taking a household's welcome point away would hide the dossier from every colleague who
 * follows it, by the edit of one person. It may move to another welcome point, never to none.
 * A new household may start without one (a personal dossier): nobody loses it then.
 *
 * Read by the server when it applies a push and by the device's intake form, so both agree.
 */

/**
 * Whether writing `next` as a household's welcome point takes away the one it has (`current`).
 * @example clearsWelcomePoint('wp-a', null) // true
 * @example clearsWelcomePoint('wp-a', 'wp-b') // false: a move
 * @example clearsWelcomePoint(undefined, null) // false: it had none
 */
export function clearsWelcomePoint(current: unknown, next: unknown): boolean {
  const had = typeof current === 'string' && current !== '';
  const keeps = typeof next === 'string' && next !== '';
  return had && !keeps;
}
