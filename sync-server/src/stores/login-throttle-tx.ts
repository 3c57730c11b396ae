/**
 * Login throttling (AUTH3): the recent failure times of each user name + client address key,
 * shared through the store so that every server process counts the same failures.
 */
import { json, num, type Row } from './row-mappers';
import type { SqlExecutor } from './sql';

export class LoginThrottleTx {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * The failure times recorded for a throttle key, after taking the key's row lock: on
   * PostgreSQL the upsert locks the row until the transaction ends, so two server processes
   * checking the same key wait for each other instead of both reading the same count (SQLite
   * runs one write transaction at a time anyway).
   */
  async lockLoginFailures(keyHash: string, now: number): Promise<number[]> {
    await this.sql.run(
      `INSERT INTO login_failures (key_hash, failures, updated_at) VALUES ($1, '[]', $2)
       ON CONFLICT (key_hash) DO UPDATE SET updated_at = login_failures.updated_at`,
      [keyHash, now],
    );
    const rows = await this.sql.all<Row>('SELECT failures FROM login_failures WHERE key_hash = $1', [
      keyHash,
    ]);
    const parsed = rows[0] === undefined ? [] : json(rows[0].failures);
    return Array.isArray(parsed) ? parsed.map(num) : [];
  }

  async setLoginFailures(keyHash: string, failures: readonly number[], now: number): Promise<void> {
    await this.sql.run('UPDATE login_failures SET failures = $2, updated_at = $3 WHERE key_hash = $1', [
      keyHash,
      JSON.stringify(failures),
      now,
    ]);
  }

  async clearLoginFailures(keyHash: string): Promise<void> {
    await this.sql.run('DELETE FROM login_failures WHERE key_hash = $1', [keyHash]);
  }

  /** Forgets keys without a failure since `before` (their window is over). */
  async pruneLoginFailures(before: number): Promise<number> {
    return this.sql.run('DELETE FROM login_failures WHERE updated_at < $1', [before]);
  }
}
