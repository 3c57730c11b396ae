import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Server configuration, read once from environment variables at startup.
 * Every problem becomes a ConfigError whose message is one line naming the variable: an operator
 * in a debt-advice association should be able to fix it without reading a stack trace.
 */

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** Absolute path. Holds the SQLite file when DATABASE_URL is not set. */
  dataDir: string;
  database: DatabaseConfig;
  /** Absolute path to the built PWA (vite's dist/). */
  staticDir: string;
  logLevel: LogLevel;
  /**
   * SEC1: whether X-Forwarded-Proto/-For from a reverse proxy are believed (Fastify's
   * `trustProxy`): `true` for any peer, or a comma-separated list of proxy addresses/CIDRs.
   * Unset: the peer is the client and only the server's own TLS counts as HTTPS (for HSTS).
   */
  trustProxy?: boolean | string;
  /**
   * Days the access log keeps an entry (ACCESS_LOG_RETENTION_DAYS, docs/access-log.md ALOG7).
   * Absent: the default, DEFAULT_ACCESS_LOG_RETENTION_DAYS (365).
   */
  accessLogRetentionDays?: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration error: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

// Resolved from this file, not from cwd, so `npm run serve` works from any directory.
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const PORT_RULE = 'must be an integer between 1 and 65535';
// CNIL, délibération 2021-122: six months to one year, up to three years with a documented reason.
const RETENTION_RULE = 'must be a number of days between 180 and 1095';
const DATABASE_URL_RULE = 'must be a postgres:// or postgresql:// URL with a host';

const EnvSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: PORT_RULE })
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, { error: PORT_RULE })
    .default(8080),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, { error: 'must be a host name or an IP address' })
    .default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().refine(isPostgresUrl, { error: DATABASE_URL_RULE }).optional(),
  STATIC_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$/, {
      error: 'must be true, false or a comma-separated list of proxy addresses (CIDR allowed)',
    })
    .optional(),
  ACCESS_LOG_RETENTION_DAYS: z
    .string()
    .regex(/^\d{1,5}$/, { error: RETENTION_RULE })
    .transform(Number)
    .refine((days) => days >= 180 && days <= 1095, { error: RETENTION_RULE })
    .optional(),
});

type EnvName = keyof z.infer<typeof EnvSchema>;

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Hides the password so a bad DATABASE_URL can be echoed in an error line or a log. */
export function redactDatabaseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//***@');
  }
}

function shownValue(name: string, raw: string): string {
  return JSON.stringify(name === 'DATABASE_URL' ? redactDatabaseUrl(raw) : raw);
}

/**
 * Parses the environment. Empty strings count as unset (a `.env` line like `DATABASE_URL=` must
 * not switch engines). Relative paths are resolved against `cwd`.
 * @throws ConfigError naming the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const raw: Partial<Record<EnvName, string>> = {};
  for (const name of Object.keys(EnvSchema.shape) as EnvName[]) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const value = raw[name as EnvName];
    const got = value === undefined ? '' : ` (got ${shownValue(name, value)})`;
    throw new ConfigError(name, `${issue?.message ?? 'is invalid'}${got}`);
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database:
      e.DATABASE_URL === undefined
        ? { kind: 'sqlite', path: resolve(dataDir, 'relais.sqlite') }
        : { kind: 'postgres', url: e.DATABASE_URL },
    staticDir: e.STATIC_DIR === undefined ? DEFAULT_STATIC_DIR : resolve(cwd, e.STATIC_DIR),
    logLevel: e.LOG_LEVEL,
    ...trustProxyOf(e.TRUST_PROXY),
    ...(e.ACCESS_LOG_RETENTION_DAYS === undefined
      ? {}
      : { accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS }),
  };
}

function trustProxyOf(raw: string | undefined): { trustProxy?: boolean | string } {
  if (raw === undefined || raw === 'false') return {};
  return { trustProxy: raw === 'true' ? true : raw };
}
