/**
 * The push log: every mutation a device pushed, applied or answered, by device and seq (a replay
 * gets the recorded answer, PUSH3) and by mutation id (one already recorded is acknowledged,
 * PUSH4); and the counters (`sync_counters`: the change sequence, the epoch) that pushes and
 * pulls read and advance.
 */
import type { AppliedRecord } from './records';
import { APPLIED_MUTATIONS, num, type Row, str } from './row-mappers';
import { chunks, placeholders, type SqlExecutor } from './sql';

export class PushLogTx {
  constructor(private readonly sql: SqlExecutor) {}

  async getApplied(deviceId: string, seqs: readonly number[]): Promise<Map<number, AppliedRecord>> {
    const out = new Map<number, AppliedRecord>();
    for (const part of chunks(seqs)) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM applied_mutations WHERE device_id = $1 AND seq IN (${placeholders(2, part.length)})`,
        [deviceId, ...part],
      );
      for (const r of rows) out.set(num(r.seq), APPLIED_MUTATIONS.read(r));
    }
    return out;
  }

  async existingMutationIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT mutation_id FROM applied_mutations WHERE mutation_id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.add(str(r.mutation_id));
    }
    return out;
  }

  async insertApplied(record: AppliedRecord): Promise<void> {
    await this.sql.run(APPLIED_MUTATIONS.insert, APPLIED_MUTATIONS.values(record));
  }

  async countApplied(deviceId?: string): Promise<number> {
    const rows =
      deviceId === undefined
        ? await this.sql.all<Row>('SELECT COUNT(*) AS n FROM applied_mutations')
        : await this.sql.all<Row>('SELECT COUNT(*) AS n FROM applied_mutations WHERE device_id = $1', [
            deviceId,
          ]);
    return num(rows[0]?.n ?? 0);
  }

  async getCounter(name: string): Promise<number> {
    const rows = await this.sql.all<Row>('SELECT value FROM sync_counters WHERE name = $1', [name]);
    return num(rows[0]?.value ?? 0);
  }

  async setCounter(name: string, value: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO sync_counters (name, value) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [name, value],
    );
  }
}
