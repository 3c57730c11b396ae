/**
 * Upcasting of mutations written by older apps (sync-design §9.9). A tablet may come back after
 * weeks offline with an outbox written by an older app: the server must still accept it. Each
 * step turns a mutation of shape version v into shape v+1; `upcastMutation` chains them up to
 * MUTATION_SCHEMA_VERSION. A step that cannot convert a mutation throws UpcastError and the
 * server quarantines the mutation (it is kept, never dropped).
 *
 * Registered steps:
 * - 0 → 1: the pre-release outbox (app 0.0.x) had no HLC and a single base version. It carried
 *   `clientTime` (Unix ms when the change was made) and `baseVersion`. The HLC becomes
 *   "<clientTime>-0000-<deviceId>", and `base` becomes `{version: baseVersion, fieldVersions:
 *   {each patched field: baseVersion}}` (the most conservative reading: the device saw every
 *   field at that row version).
 */
import { formatHlc } from './hlc';
import { MUTATION_SCHEMA_VERSION } from './mutation';

export class UpcastError extends Error {
  constructor(
    readonly from: number,
    message: string,
  ) {
    super(`cannot upcast a mutation of schema version ${from}: ${message}`);
    this.name = 'UpcastError';
  }
}

type RawMutation = Record<string, unknown>;
type Step = (mutation: RawMutation) => RawMutation;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Step `v` converts shape v into shape v+1. */
export const UPCASTERS: Readonly<Record<number, Step>> = {
  0: (m) => {
    const { clientTime, baseVersion, ...rest } = m;
    if (typeof clientTime !== 'number' || !Number.isInteger(clientTime) || clientTime < 0) {
      throw new UpcastError(0, 'clientTime must be Unix milliseconds');
    }
    if (typeof m.deviceId !== 'string' || m.deviceId === '') throw new UpcastError(0, 'deviceId is missing');
    const version = typeof baseVersion === 'number' ? baseVersion : 0;
    const patch = isRecord(m.patch) ? m.patch : {};
    const fieldVersions: Record<string, number> = {};
    for (const field of Object.keys(patch)) fieldVersions[field] = version;
    return {
      ...rest,
      hlc: formatHlc({ ms: clientTime, counter: 0, node: m.deviceId }),
      base: { version, fieldVersions },
      schemaVersion: 1,
    };
  },
};

/** The oldest shape the registry can still read. */
export const OLDEST_UPCASTABLE_VERSION = 0;

/**
 * Brings a mutation of shape `from` to the current shape. Returns it unchanged when current.
 * @throws UpcastError when `from` is unknown, newer than this code, or a step fails
 * @example upcastMutation(0, { …, clientTime: 1760000000000, baseVersion: 3 }).hlc // '1760000000000-0000-<deviceId>'
 */
export function upcastMutation(from: number, mutation: RawMutation): RawMutation {
  if (!Number.isInteger(from) || from > MUTATION_SCHEMA_VERSION) {
    throw new UpcastError(from, `this server knows shapes up to ${MUTATION_SCHEMA_VERSION}`);
  }
  let current = mutation;
  for (let version = from; version < MUTATION_SCHEMA_VERSION; version += 1) {
    const step = UPCASTERS[version];
    if (step === undefined) throw new UpcastError(from, `no upcaster from version ${version}`);
    current = step(current);
  }
  return current;
}
