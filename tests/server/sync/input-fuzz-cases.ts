/**
 * The malformed requests of the input fuzz test (input-fuzz.test.ts), drawn from a seeded
 * generator: every endpoint, each broken in one way that makes it invalid (so a correct server
 * changes nothing but quarantine and bookkeeping records). See INPUT1–INPUT4 and QUAR1 in
 * docs/sync-protocol.md.
 */
import type { InjectOptions } from 'fastify';
import { mulberry32 } from '../../../src/domain/seeded-random';
import { PROTOCOL_VERSION } from '../../../src/domain/sync/protocol';
import type { Account, Device, ServerRow } from './harness';
import { PASSWORD, WP_A } from './harness';

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A version-4-shaped UUID from this generator, so the same seed sends the same ids. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

/** Control characters INPUT1 refuses (every C0 but tab, LF, CR), and lone surrogates. */
const REFUSED_CHARS = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter(
    (c) => c !== '\t' && c !== '\n' && c !== '\r',
  ),
  '\ud800',
  '\udfff',
];

const DEEP = '__FUZZ_DEEP__';
const BYTES = '__FUZZ_BYTES__';
const INFINITY = '__FUZZ_INFINITY__';

/** A random JSON value, at most `depth` levels of containers. */
export function randomJson(rng: Rng, depth = 3): unknown {
  const kind = rng.int(0, depth > 0 ? 7 : 4);
  switch (kind) {
    case 0:
      return rng.pick([0, -1, 1.5, -0, 2 ** 53 + 1, -1e300, 1e300, 42]);
    case 1:
      return rng.pick(['', 'x', 'é€💶', 'null', '{}', 'c1.0.0', '-1', '1e999', ' ', '\t\n']);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return rng.uuid();
    case 5:
    case 6:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth - 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(0, 4); i > 0; i -= 1)
        out[rng.pick(['a', 'id', 'name', 'x y', '__proto__x', 'é'])] = randomJson(rng, depth - 1);
      return out;
    }
  }
}

type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object';

/** A field an operator may break: where it is, what type it has, whether it may be absent. */
interface Field {
  key: string;
  type: FieldType;
  required: boolean;
}

const WRONG_VALUES: Record<FieldType, unknown[]> = {
  // Never null for a string: some string fields are nullable (a device's name, a pull cursor).
  string: [12, true, [], {}, ['a']],
  number: ['12', 'NaN', true, null, [], {}, 1.5, -1e300],
  boolean: ['true', 1, null, [], {}],
  array: ['a', 1, null, {}, true],
  object: ['a', 1, null, [], true],
};

/** JSON text of `body`, with the fuzz placeholders turned into what JSON.stringify cannot write. */
function render(rng: Rng, body: unknown): string | Buffer {
  let text = JSON.stringify(body);
  text = text.replaceAll(`"${DEEP}"`, () => {
    const depth = rng.int(33, 6000);
    return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  });
  text = text.replaceAll(`"${INFINITY}"`, () => rng.pick(['1e999', '-1e999']));
  if (!text.includes(BYTES)) return text;
  const parts = text.split(BYTES);
  const bad = () =>
    Buffer.from(rng.pick([[0xff], [0xc3, 0x28], [0xe2, 0x82], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88]]));
  return Buffer.concat(
    parts.flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [bad(), Buffer.from(part)])),
  );
}

export type BodyOperator =
  | 'random-json'
  | 'wrong-type'
  | 'missing'
  | 'huge-string'
  | 'control-char'
  | 'deep'
  | 'invalid-utf8'
  | 'truncated'
  | 'content-type';

/**
 * One way to make `body` invalid for a route whose schema has `fields`. Returns the payload and
 * the content type to send.
 */
function breakBody(
  rng: Rng,
  body: Record<string, unknown>,
  fields: Field[],
): { operator: BodyOperator; payload: string | Buffer; contentType: string } {
  const strings = fields.filter((f) => f.type === 'string');
  const required = fields.filter((f) => f.required);
  const options: BodyOperator[] = ['random-json', 'wrong-type', 'deep', 'truncated', 'content-type'];
  if (required.length > 0) options.push('missing');
  if (strings.length > 0) options.push('huge-string', 'control-char', 'invalid-utf8');
  const operator = rng.pick(options);
  const copy: Record<string, unknown> = { ...body };
  const json = 'application/json';
  switch (operator) {
    case 'random-json': {
      // Never an object: an object of unknown keys can be a valid body when every field is optional.
      let value = randomJson(rng);
      while (typeof value === 'object' && value !== null && !Array.isArray(value)) value = randomJson(rng);
      return { operator, payload: JSON.stringify(value), contentType: json };
    }
    case 'wrong-type': {
      const field = rng.pick(fields);
      copy[field.key] = rng.pick(WRONG_VALUES[field.type]);
      return { operator, payload: JSON.stringify(copy), contentType: json };
    }
    case 'missing':
      delete copy[rng.pick(required).key];
      return { operator, payload: JSON.stringify(copy), contentType: json };
    case 'huge-string':
      copy[rng.pick(strings).key] = 'x'.repeat(rng.int(1000, 400_000));
      return { operator, payload: JSON.stringify(copy), contentType: json };
    case 'control-char': {
      const field = rng.pick(strings);
      const text = String(copy[field.key] ?? 'abc');
      const at = rng.int(0, text.length);
      copy[field.key] = `${text.slice(0, at)}${rng.pick(REFUSED_CHARS)}${text.slice(at)}`;
      return { operator, payload: JSON.stringify(copy), contentType: json };
    }
    case 'deep':
      copy[rng.pick(fields).key] = DEEP;
      return { operator, payload: render(rng, copy), contentType: json };
    case 'invalid-utf8': {
      const field = rng.pick(strings);
      copy[field.key] = `${String(copy[field.key] ?? '')}${BYTES}`;
      return { operator, payload: render(rng, copy), contentType: json };
    }
    case 'truncated': {
      const text = JSON.stringify(copy);
      return { operator, payload: text.slice(0, rng.int(0, text.length - 1)), contentType: json };
    }
    case 'content-type':
      return {
        operator,
        payload: rng.chance(0.5) ? JSON.stringify(copy) : 'username=admin&password=x',
        contentType: rng.pick([
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=relais',
          'application/xml',
          'application/octet-stream',
          'image/png',
        ]),
      };
  }
}

/** A path segment that cannot name anything: a refused character, too long, bad percent-encoding, or unknown. */
function badId(rng: Rng): string {
  return rng.pick([
    () => `x%00${rng.int(0, 99)}`,
    () => `%0${rng.int(1, 8)}id`,
    () => 'y'.repeat(rng.int(101, 5000)),
    () => '%ff%fe',
    () => '%zz',
    () => '%E2%82',
    () => `unknown-${rng.uuid()}`,
  ])();
}

export interface FuzzContext {
  admin: Account;
  coordinator: Account;
  device: Device;
  /** A device of a volunteer of another welcome point: its pushes into WP_A are forgeries. */
  outsider: Device;
  household: ServerRow;
  charge: ServerRow;
  /** A mutation id the server has applied (PUSH4: reusing it with another payload is a duplicate). */
  appliedMutationId: string;
  /** The next seq the fuzz device's server expects (kept from each push response). */
  nextSeq: number;
}

export interface FuzzRequest {
  endpoint: string;
  operator: string;
  request: InjectOptions;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Breaks the authorisation instead of the body: no token, a forged one, or (when `wrongRole`) a
 * counsellor's valid token on an admin or coordinator route.
 */
function badAuth(rng: Rng, ctx: FuzzContext, wrongRole = true): Record<string, string> {
  const forged = [
    {},
    bearer('not-a-token'),
    bearer('A'.repeat(rng.int(10, 3000))),
    { authorization: 'Basic YWRtaW46eA==' },
    { authorization: 'Bearer' },
  ];
  return rng.pick(wrongRole ? [...forged, bearer(ctx.device.account.token)] : forged);
}

type Endpoint = (rng: Rng, ctx: FuzzContext) => FuzzRequest;

function withBody(
  endpoint: string,
  method: 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
  fields: Field[],
): Endpoint {
  return (rng) => {
    const broken = breakBody(rng, body, fields);
    return {
      endpoint,
      operator: broken.operator,
      request: {
        method,
        url,
        headers: { ...headers, 'content-type': broken.contentType },
        payload: broken.payload,
      },
    };
  };
}

const s = (key: string, required = true): Field => ({ key, type: 'string', required });
const n = (key: string, required = true): Field => ({ key, type: 'number', required });

/** Every endpoint of the API, each with a way to break it. */
export function endpoints(ctx: FuzzContext): Endpoint[] {
  const admin = bearer(ctx.admin.token);
  const coordinator = bearer(ctx.coordinator.token);
  const mine = bearer(ctx.device.account.token);
  const sync = {
    protocolVersion: PROTOCOL_VERSION,
    schemaVersion: 2,
    appVersion: '0.1.0',
    deviceId: ctx.device.deviceId,
  };
  const syncFields = [n('protocolVersion'), n('schemaVersion'), s('appVersion'), s('deviceId')];
  const get =
    (endpoint: string, url: (rng: Rng) => string, headers: Record<string, string>): Endpoint =>
    (rng) => {
      const authBroken = rng.chance(0.3);
      return {
        endpoint,
        operator: authBroken ? 'auth' : 'query-or-path',
        request: { method: 'GET', url: url(rng), headers: authBroken ? badAuth(rng, ctx) : headers },
      };
    };
  const noBody =
    (
      endpoint: string,
      method: 'POST' | 'DELETE',
      url: (rng: Rng) => string,
      headers: Record<string, string>,
    ): Endpoint =>
    (rng) => ({ endpoint, operator: 'path', request: { method, url: url(rng), headers } });
  return [
    get(
      'GET /health',
      (rng) => `/api/health?${rng.pick(['x=%00', 'deep[a][b]=1', `a=${'b'.repeat(5000)}`])}`,
      {},
    ),
    get('GET /setup', (rng) => `/api/setup?${rng.pick(['needed=%ff', 'a=%00'])}`, {}),
    withBody(
      'POST /setup',
      'POST',
      '/api/setup',
      {},
      { username: 'second', password: PASSWORD, displayName: 'Second' },
      [s('username'), s('password'), s('displayName')],
    ),
    withBody(
      'POST /auth/login',
      'POST',
      '/api/auth/login',
      {},
      { username: 'vol-a', password: PASSWORD, deviceId: 'fuzz-login-device', deviceName: 'Tablette' },
      [
        s('username'),
        s('password'),
        s('deviceId'),
        s('deviceName', false),
        s('previousDeviceId', false),
        s('switchedFromDeviceId', false),
      ],
    ),
    // A valid token would end the fuzz device's session: only forged ones.
    (rng) => ({
      endpoint: 'POST /auth/logout',
      operator: 'auth',
      request: { method: 'POST', url: '/api/auth/logout', headers: badAuth(rng, ctx, false) },
    }),
    withBody('PATCH /auth/device', 'PATCH', '/api/auth/device', mine, { name: 'Tablette' }, [s('name')]),
    get('GET /auth/me', (rng) => `/api/auth/me?${rng.pick(['a=%00', 'x'])}`, mine),
    get('GET /admin/welcome-points', () => '/api/admin/welcome-points', admin),
    withBody(
      'POST /admin/welcome-points',
      'POST',
      '/api/admin/welcome-points',
      admin,
      { id: 'wp-fuzz', name: 'Point fuzz' },
      [s('id', false), s('name')],
    ),
    (rng) =>
      withBody(
        'PATCH /admin/welcome-points/:id',
        'PATCH',
        `/api/admin/welcome-points/${rng.chance(0.5) ? WP_A : badId(rng)}`,
        admin,
        { name: 'Renamed' },
        [s('name')],
      )(rng, ctx),
    noBody(
      'DELETE /admin/welcome-points/:id',
      'DELETE',
      (rng) => `/api/admin/welcome-points/${badId(rng)}`,
      admin,
    ),
    get('GET /admin/users', (rng) => `/api/admin/users?${rng.pick(['role=%00', 'x'])}`, admin),
    withBody(
      'POST /admin/users',
      'POST',
      '/api/admin/users',
      admin,
      {
        username: 'fuzzed',
        displayName: 'Fuzz',
        password: PASSWORD,
        role: 'volunteer',
        welcomePointIds: [WP_A],
      },
      [
        s('username'),
        s('displayName'),
        s('password'),
        s('role'),
        { key: 'welcomePointIds', type: 'array', required: false },
      ],
    ),
    get('GET /admin/users/:id', (rng) => `/api/admin/users/${badId(rng)}`, admin),
    (rng) =>
      withBody(
        'PATCH /admin/users/:id',
        'PATCH',
        `/api/admin/users/${rng.chance(0.5) ? ctx.coordinator.userId : badId(rng)}`,
        admin,
        { displayName: 'Renamed' },
        [s('displayName')],
      )(rng, ctx),
    noBody('DELETE /admin/users/:id', 'DELETE', (rng) => `/api/admin/users/${badId(rng)}`, admin),
    get('GET /admin/users/:id/sessions', (rng) => `/api/admin/users/${badId(rng)}/sessions`, admin),
    noBody('DELETE /admin/sessions/:id', 'DELETE', (rng) => `/api/admin/sessions/${badId(rng)}`, admin),
    withBody('POST /sync/pull', 'POST', '/api/sync/pull', mine, { ...sync, cursor: null, limit: 100 }, [
      ...syncFields,
      s('cursor', false),
      n('limit', false),
    ]),
    get(
      'GET /sync/pull',
      (rng) =>
        `/api/sync/pull?protocolVersion=1&schemaVersion=2&appVersion=0.1.0&deviceId=${ctx.device.deviceId}&${rng.pick(['limit=-1', 'limit=NaN', 'limit=1e9', 'cursor=c1.x.1', 'cursor=%00', 'protocolVersion=99', 'limit=1.5', `cursor=c1.${'9'.repeat(30)}.1`])}`,
      mine,
    ),
    get(
      'GET /conflicts',
      (rng) => `/api/conflicts?householdId=${rng.pick(['%00', 'z'.repeat(300), '%ff'])}`,
      mine,
    ),
    get(
      'GET /quarantine',
      (rng) =>
        `/api/quarantine?${rng.pick(['status=bogus', 'limit=0', 'limit=-5', 'limit=NaN', 'status=%00', 'limit=100000'])}`,
      coordinator,
    ),
    noBody(
      'POST /quarantine/:id/handled',
      'POST',
      (rng) => `/api/quarantine/${badId(rng)}/handled`,
      coordinator,
    ),
    get(
      'GET /device-alerts',
      (rng) => `/api/device-alerts?${rng.pick(['status=bogus', 'limit=0', 'limit=abc'])}`,
      coordinator,
    ),
    noBody(
      'POST /device-alerts/:id/handled',
      'POST',
      (rng) => `/api/device-alerts/${badId(rng)}/handled`,
      coordinator,
    ),
    get(
      'GET unknown',
      (rng) => rng.pick(['/api/nope', '/api/sync', '/api/admin/%00', '/%ff', '/api/sync/push']),
      mine,
    ),
    withBody('POST /sync/push (request)', 'POST', '/api/sync/push', mine, { ...sync, mutations: [] }, [
      ...syncFields,
      { key: 'mutations', type: 'array', required: true },
    ]),
  ];
}

export type MutationOperator =
  | 'negative-amount'
  | 'nan-amount'
  | 'wrong-type'
  | 'control-char'
  | 'deep'
  | 'huge-string'
  | 'unknown-row'
  | 'unknown-household'
  | 'reused-mutation-id'
  | 'far-clock'
  | 'metadata-in-patch'
  | 'future-shape'
  | 'bad-op'
  | 'unknown-entity'
  | 'unknown-fields-only'
  | 'forged-household'
  | 'bad-envelope';

/**
 * A push whose request is valid and whose mutations each break one rule: each is quarantined,
 * acknowledged as a duplicate, or applied without changing anything (unknown fields only, the
 * same value under a clock far off), never a 5xx. A few break the envelope or scope instead (400, 403).
 */
export function brokenPush(rng: Rng, ctx: FuzzContext): FuzzRequest & { operators: MutationOperator[] } {
  const { device, household, charge } = ctx;
  const operators: MutationOperator[] = [];
  const mutations: unknown[] = [];
  let seq = rng.chance(0.9) ? ctx.nextSeq : rng.int(1, ctx.nextSeq + 3);
  let forged = false;
  for (let count = rng.int(1, 3); count > 0; count -= 1) {
    const operator = rng.pick<MutationOperator>([
      'negative-amount',
      'nan-amount',
      'wrong-type',
      'control-char',
      'deep',
      'huge-string',
      'unknown-row',
      'unknown-household',
      'reused-mutation-id',
      'far-clock',
      'metadata-in-patch',
      'future-shape',
      'bad-op',
      'unknown-entity',
      'unknown-fields-only',
      'forged-household',
      'bad-envelope',
    ]);
    operators.push(operator);
    const m = device.create('charge', household.id, {
      type: 'rent',
      amountCents: 45_000,
      frequency: 'monthly',
      mode: 'real',
    }) as unknown as Record<string, unknown>;
    const patchOfCharge = device.patch('charge', charge, {
      amountCents: charge.amountCents,
    }) as unknown as Record<string, unknown>;
    const patch = m.patch as Record<string, unknown>;
    let out: Record<string, unknown> = m;
    switch (operator) {
      case 'negative-amount':
        patch.amountCents = -rng.int(1, 1e9);
        break;
      case 'nan-amount':
        patch.amountCents = rng.pick(['NaN', INFINITY, 0.5, '12', null, {}, [1]]);
        break;
      case 'wrong-type': {
        const key = rng.pick([
          'op',
          'entity',
          'entityId',
          'householdId',
          'patch',
          'base',
          'hlc',
          'schemaVersion',
          'appVersion',
          'userId',
        ]);
        // A string only where a string is wrong (an appVersion or a userId may be any string).
        const strings = ['entityId', 'householdId', 'appVersion', 'userId'].includes(key) ? [] : ['x'];
        m[key] = rng.pick([7, true, null, [], {}, ...strings]);
        break;
      }
      case 'control-char': {
        const char = rng.pick(REFUSED_CHARS);
        const where = rng.pick(['hlc', 'entityId', 'householdId', 'label', 'key', 'appVersion', 'userId']);
        if (where === 'label') patch.label = `Loyer${char}`;
        else if (where === 'key') patch[`label${char}`] = 'Loyer';
        else m[where] = `${String(m[where])}${char}`;
        break;
      }
      case 'deep':
        if (rng.chance(0.5)) patch.label = DEEP;
        else patch.extra = DEEP;
        break;
      case 'huge-string':
        patch.label = 'z'.repeat(rng.int(201, 60_000));
        break;
      case 'unknown-row':
        out = { ...patchOfCharge, entityId: rng.uuid() };
        break;
      case 'unknown-household':
        m.householdId = rng.uuid();
        break;
      case 'reused-mutation-id':
        m.mutationId = ctx.appliedMutationId;
        break;
      case 'far-clock': {
        const ms = rng.pick(['0000000000000', '9999999999999', '0000000000001', '4102444800000']);
        // The same value as the server's: nothing to change, whatever the clock says.
        out = { ...patchOfCharge, hlc: `${ms}-0000-${device.deviceId}` };
        if (rng.chance(0.5)) (out.patch as Record<string, unknown>).amountCents = -1;
        break;
      }
      case 'metadata-in-patch':
        out = {
          ...patchOfCharge,
          patch: {
            [rng.pick(['version', 'fieldVersions', 'updatedHlc', 'origin', 'local', 'deletedAt'])]: 1,
          },
        };
        break;
      case 'future-shape':
        m.schemaVersion = rng.pick([2, 99, 0, -1]);
        break;
      case 'bad-op':
        m.op = rng.pick(['delete', 'restore', 'upsert']);
        break;
      case 'unknown-entity':
        m.entity = rng.pick(['elephant', 'Household', 'users', '']);
        break;
      case 'unknown-fields-only':
        out = { ...patchOfCharge, patch: { zzz: randomJson(rng, 2), note: 'x'.repeat(rng.int(1, 5000)) } };
        break;
      case 'forged-household':
        forged = true;
        break;
      case 'bad-envelope':
        break; // below, once the seq is set
    }
    out.seq = seq;
    seq += 1;
    // PUSH7: a mutation without a usable seq or mutationId makes the whole request a 400.
    if (operator === 'bad-envelope')
      out[rng.pick(['seq', 'mutationId'])] = rng.pick([-1, 0, 1.5, 'x', null, 'not-a-uuid']);
    mutations.push(out);
  }
  const from = forged ? ctx.outsider : device;
  if (forged) for (const m of mutations as Record<string, unknown>[]) m.deviceId = from.deviceId;
  const body = {
    protocolVersion: PROTOCOL_VERSION,
    schemaVersion: 2,
    appVersion: '0.1.0',
    deviceId: from.deviceId,
    mutations,
  };
  return {
    endpoint: 'POST /sync/push (mutations)',
    operator: operators.join('+'),
    operators,
    request: {
      method: 'POST',
      url: '/api/sync/push',
      headers: { ...bearer(from.account.token), 'content-type': 'application/json' },
      payload: render(rng, body),
    },
  };
}
