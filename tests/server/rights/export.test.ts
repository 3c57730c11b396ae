/**
 * The right of access (docs/household-rights.md RIGHT1, RIGHT2), on both stores: the export holds
 * every row of every entity of the household (each entity listed from the domain, not from the
 * export's code) and nothing of another household, as a recorded JSON attachment.
 */
import { describe, expect, it } from 'vitest';
import {
  HOUSEHOLD_EXPORT_FORMAT,
  HOUSEHOLD_EXPORT_VERSION,
  HouseholdExportSchema,
} from '../../../src/domain/rights/rights-protocol';
import { CHILD_ENTITY_NAMES } from '../../../src/domain/sync/entities';
import { merge, pushHousehold } from '../merges/merge-harness';
import { ENGINES, useSyncServer, WP_A } from '../sync/harness';
import { getExport, PERSONAL, pushDossier } from './rights-harness';

for (const engine of ENGINES) {
  describe(`household export on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('[RIGHT1] the export holds every row of every entity of the household, and of the one merged into it, and nothing of another', async () => {
      const device = await server.device(server.world.counsellorA);
      const x = await pushDossier(device, WP_A);
      const y = await pushDossier(device, WP_A, { phone: '07 98 76 54 32', reference: 'RL-2026-0043' });
      const z = await pushHousehold(device, WP_A, { email: 'z@example.org' });
      await merge(server, x.id, z);

      const response = await getExport(server, x.id);
      expect(response.statusCode, response.body).toBe(200);
      const doc = HouseholdExportSchema.parse(JSON.parse(response.body));
      expect(doc.householdId).toBe(x.id);
      expect(doc.mergedHouseholdIds).toEqual([z]);
      const ids = new Set(doc.rows.map((r) => `${String(r.entity)}:${String(r.id)}`));
      expect(ids.has(`household:${x.id}`)).toBe(true);
      expect(ids.has(`household:${z}`)).toBe(true);
      for (const entity of CHILD_ENTITY_NAMES) {
        expect([entity, ids.has(`${entity}:${x.children.get(entity)}`)]).toEqual([entity, true]);
      }
      expect(doc.rows).toHaveLength(1 + CHILD_ENTITY_NAMES.length + 1);
      expect(doc.merges.map((m) => m.merged_id)).toEqual([z]);
      expect(JSON.stringify(doc.rows)).toContain(PERSONAL.phone);
      // Nothing of y: not its id, nor any of its rows, nor its phone.
      await server.app.duplicates.idle();
      const again = (await getExport(server, x.id)).body;
      for (const text of [response.body, again]) {
        expect(text.includes(y.id)).toBe(false);
        for (const rowId of y.children.values()) expect(text.includes(rowId)).toBe(false);
        expect(text.includes('07 98 76 54 32') || text.includes('0798765432')).toBe(false);
      }
      // The duplicate pair x and y make is listed without y (RIGHT1).
      expect(HouseholdExportSchema.parse(JSON.parse(again)).duplicateCandidates).toHaveLength(1);
    });

    it('[RIGHT2] a JSON attachment of the documented format and version; each export is recorded and listed by the next one', async () => {
      const device = await server.device(server.world.counsellorA);
      const x = await pushHousehold(device, WP_A);
      const first = await getExport(server, x);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      expect(first.headers['content-disposition']).toMatch(
        /^attachment; filename="dossier-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const doc = HouseholdExportSchema.parse(JSON.parse(first.body));
      expect([doc.format, doc.formatVersion]).toEqual([HOUSEHOLD_EXPORT_FORMAT, HOUSEHOLD_EXPORT_VERSION]);
      expect(doc.exports).toEqual([]);
      const second = HouseholdExportSchema.parse(
        JSON.parse((await getExport(server, x, server.world.admin)).body),
      );
      expect(second.exports).toHaveLength(1);
      expect(second.exports[0]).toMatchObject({
        household_id: x,
        exported_by: server.world.coordinator.userId,
      });
    });
  });
}
