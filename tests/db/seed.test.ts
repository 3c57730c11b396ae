import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { DossierRepository } from '../../src/db/repository';
import { DossierSchema } from '../../src/domain/dossier/dossier';
import { OutboxEntrySchema } from '../../src/domain/sync/mutation';
import { generateSyntheticDossiers, seedDatabase } from '../support/seed';
import { uniqueDbName } from './helpers';

const rowCount = (d: ReturnType<typeof generateSyntheticDossiers>[number]) =>
  1 + Object.values(d).reduce((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);

let db: RelaisDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('synthetic dossiers', () => {
  it('never ship: no module under src/ imports tests/ or bench/ (where the seed lives)', () => {
    const src = resolve(import.meta.dirname, '../../src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const importing = files.filter((file) =>
      /from\s+['"](?:\.\.\/)+(?:tests|bench)\//.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(importing).toEqual([]);
  });

  it('are valid, about 40 rows each, and the same for the same seed', () => {
    const dossiers = generateSyntheticDossiers(60, 7);
    for (const d of dossiers) expect(DossierSchema.safeParse(d).success).toBe(true);
    const mean = dossiers.reduce((n, d) => n + rowCount(d), 0) / dossiers.length;
    expect(mean).toBeGreaterThan(32);
    expect(mean).toBeLessThan(48);
    expect(generateSyntheticDossiers(3, 7)).toEqual(dossiers.slice(0, 3));
    expect(generateSyntheticDossiers(3, 8)).not.toEqual(dossiers.slice(0, 3));
    const ids = dossiers.flatMap((d) => [
      d.household.id,
      ...d.members.map((m) => m.id),
      ...d.debts.map((x) => x.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('seed the store as synced data that lists, searches and reads back', async () => {
    db = new RelaisDb(uniqueDbName('relais-seed'));
    const dossiers = generateSyntheticDossiers(40, 3);
    await seedDatabase(db, dossiers);
    const repo = new DossierRepository(db);
    const list = await repo.listDossiers();
    expect(list).toHaveLength(40);
    const activity = list.map((s) => s.activityAt);
    expect([...activity].sort((a, b) => b - a)).toEqual(activity);
    const first = dossiers[0];
    const name = first?.members[0]?.lastName ?? '';
    expect((await repo.listDossiers({ search: name })).map((s) => s.householdId)).toContain(
      first?.household.id,
    );
    expect(await repo.getDossier(first?.household.id ?? '')).toEqual(first);
    expect(await db.outbox.count()).toBe(0);
  });

  it('can seed as unsynced local changes, one valid outbox entry per row', async () => {
    db = new RelaisDb(uniqueDbName('relais-seed'));
    const dossiers = generateSyntheticDossiers(5, 3);
    await seedDatabase(db, dossiers, { asLocalChanges: true });
    const total = dossiers.reduce((n, d) => n + rowCount(d), 0);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox).toHaveLength(total);
    expect(outbox.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    for (const entry of outbox) expect(OutboxEntrySchema.safeParse(entry).success).toBe(true);
    // Later writes continue the sequence.
    const repo = new DossierRepository(db);
    await repo.appendNote(dossiers[0]?.household.id ?? '', 'Suite.');
    expect((await db.outbox.orderBy('seq').last())?.seq).toBe(total + 1);
  });
});
