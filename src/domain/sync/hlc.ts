/**
 * Hybrid logical clock stamps, written "<13-digit ms>-<4-hex counter>-<node>" (sync-design
 * §9.3). The fixed-width prefix makes the strings sort in clock order, so two stamps compare
 * with plain string comparison; the node (device id) breaks ties deterministically. HLCs order
 * history and break ties; they never drive cursors or conflict detection (§9.6).
 */
import { z } from 'zod';

const HLC_PATTERN = /^(\d{13})-([0-9a-f]{4})-(.+)$/;

export const HlcSchema = z
  .string()
  .regex(HLC_PATTERN, 'expected an HLC "<13-digit ms>-<4-hex counter>-<node>"');
export type HlcString = z.infer<typeof HlcSchema>;

export interface Hlc {
  /** Physical component, Unix milliseconds. */
  ms: number;
  /** Logical counter within the millisecond, 0..0xffff. */
  counter: number;
  /** The device id that made the stamp. */
  node: string;
}

const MAX_COUNTER = 0xffff;

/**
 * @example formatHlc({ ms: 1760000000000, counter: 1, node: 'd1' }) // '1760000000000-0001-d1'
 */
export function formatHlc(hlc: Hlc): HlcString {
  return `${String(hlc.ms).padStart(13, '0')}-${hlc.counter.toString(16).padStart(4, '0')}-${hlc.node}`;
}

/**
 * @throws RangeError when the string is not an HLC
 * @example parseHlc('1760000000000-0001-d1') // { ms: 1760000000000, counter: 1, node: 'd1' }
 */
export function parseHlc(value: string): Hlc {
  const match = HLC_PATTERN.exec(value);
  if (!match) throw new RangeError(`not an HLC: ${value}`);
  return { ms: Number(match[1]), counter: Number.parseInt(match[2] ?? '0', 16), node: match[3] ?? '' };
}

/**
 * The stamp of a local event: later than `last` and not earlier than the wall clock.
 * @param last - the device's previous stamp (undefined for the first event)
 * @param nowMs - wall clock, Unix ms
 * @param node - this device's id
 * @example tickHlc(undefined, 1760000000000, 'd1') // '1760000000000-0000-d1'
 */
export function tickHlc(last: HlcString | undefined, nowMs: number, node: string): HlcString {
  const previous = last === undefined ? undefined : parseHlc(last);
  const now = Math.floor(nowMs);
  if (previous === undefined || now > previous.ms) return formatHlc({ ms: now, counter: 0, node });
  if (previous.counter >= MAX_COUNTER) return formatHlc({ ms: previous.ms + 1, counter: 0, node });
  return formatHlc({ ms: previous.ms, counter: previous.counter + 1, node });
}

/**
 * The stamp after receiving a remote stamp (a pulled or imported row): later than both.
 * @example receiveHlc('1760000000000-0000-d1', '1760000005000-0003-d2', 1760000001000, 'd1') // '1760000005000-0004-d1'
 */
export function receiveHlc(
  local: HlcString | undefined,
  remote: HlcString,
  nowMs: number,
  node: string,
): HlcString {
  const r = parseHlc(remote);
  const l = local === undefined ? undefined : parseHlc(local);
  const now = Math.floor(nowMs);
  const lMs = l?.ms ?? -1;
  const ms = Math.max(now, lMs, r.ms);
  let counter: number;
  if (ms === lMs && ms === r.ms) counter = Math.max(l?.counter ?? 0, r.counter) + 1;
  else if (ms === lMs) counter = (l?.counter ?? 0) + 1;
  else if (ms === r.ms) counter = r.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return formatHlc({ ms: ms + 1, counter: 0, node });
  return formatHlc({ ms, counter, node });
}

/**
 * Total order of stamps (string order, thanks to the fixed-width prefix).
 * @returns negative if a < b, 0 if equal, positive if a > b
 * @example compareHlc('1760000000000-0000-a', '1760000000000-0001-a') // -1
 */
export function compareHlc(a: HlcString, b: HlcString): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
