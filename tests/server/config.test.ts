import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_STATIC_DIR, loadConfig } from '../../sync-server/src/config';

const cwd = '/srv/relais';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({}, cwd)).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/relais/data',
      database: { kind: 'sqlite', path: '/srv/relais/data/relais.sqlite' },
      staticDir: DEFAULT_STATIC_DIR,
      logLevel: 'info',
    });
  });

  it('finds dist/ at the repository root whatever the cwd', () => {
    expect(DEFAULT_STATIC_DIR).toBe(`${resolve(import.meta.dirname, '../../dist')}/`);
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '3000',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/relais',
        DATABASE_URL: 'postgresql://relais:secret@db.local:5432/relais',
        STATIC_DIR: 'build',
        LOG_LEVEL: 'warn',
      },
      cwd,
    );
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/var/lib/relais',
      database: { kind: 'postgres', url: 'postgresql://relais:secret@db.local:5432/relais' },
      staticDir: '/srv/relais/build',
      logLevel: 'warn',
    });
  });

  it('[SEC1] TRUST_PROXY: unset or false trusts no proxy; true any; a list only those addresses', () => {
    expect(loadConfig({}, cwd).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'false' }, cwd).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'true' }, cwd).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }, cwd).trustProxy).toBe('127.0.0.1,10.0.0.0/8');
    expect(errorOf({ TRUST_PROXY: 'yes please' }).variable).toBe('TRUST_PROXY');
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' }, cwd);
    expect(config.port).toBe(8080);
    expect(config.database.kind).toBe('sqlite');
  });

  it.each(['abc', '0', '65536', '80.5', '-1', ' 80', '0x50', '123456'])('rejects PORT=%j', (port) => {
    const error = errorOf({ PORT: port });
    expect(error.variable).toBe('PORT');
    expect(error.message).toBe(
      `Configuration error: PORT must be an integer between 1 and 65535 (got ${JSON.stringify(port)})`,
    );
  });

  it('accepts the PORT bounds', () => {
    expect(loadConfig({ PORT: '1' }, cwd).port).toBe(1);
    expect(loadConfig({ PORT: '65535' }, cwd).port).toBe(65535);
  });

  it.each(['mysql://db/x', 'sqlite:///tmp/x', 'not a url', 'postgres://'])(
    'rejects DATABASE_URL=%j',
    (url) => {
      const error = errorOf({ DATABASE_URL: url });
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.message).toMatch(/^Configuration error: DATABASE_URL must be a postgres:\/\//);
    },
  );

  it('never echoes a database password', () => {
    const error = errorOf({ DATABASE_URL: 'mysql://relais:hunter2@db/x' });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('***');
  });

  it('rejects an unknown LOG_LEVEL', () => {
    const error = errorOf({ LOG_LEVEL: 'verbose' });
    expect(error.variable).toBe('LOG_LEVEL');
    expect(error.message).toContain('must be one of fatal, error, warn, info, debug, trace, silent');
  });

  it('rejects a HOST that is not a host name', () => {
    expect(errorOf({ HOST: 'http://example.org/' }).variable).toBe('HOST');
  });

  it('reports each problem on one line', () => {
    const envs: Record<string, string>[] = [{ PORT: 'abc' }, { DATABASE_URL: 'x\ny' }, { LOG_LEVEL: 'a\nb' }];
    for (const env of envs) {
      expect(errorOf(env).message).not.toContain('\n');
    }
  });
});
