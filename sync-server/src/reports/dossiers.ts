/**
 * The anonymised dossier export (docs/reports-and-plans.md RPT10): the households followed in the
 * period, a page at a time, each written by the domain's dossierExportRow. The household id never
 * leaves: it is replaced by an HMAC of it under this server's own secret (server_secrets), so the
 * same household has the same pseudonym in every export of this server, and no one without the
 * server's database can tell which household it is, nor link two servers' exports.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IsoDate } from '../../../src/domain/dates';
import { PLAN_STATUSES } from '../../../src/domain/plans/plan-monitoring';
import {
  dossierExportHeader,
  dossierExportLine,
  dossierExportRow,
} from '../../../src/domain/reports/dossier-export';
import type { StoreTx } from '../stores/store-tx';

/** Households per page: a few hundred rows each, read in three statements. */
const PAGE = 500;

/** The pseudonym of a household: 20 hex digits (80 bits) of HMAC-SHA256 under the server's secret. */
export function pseudonymOf(secret: string, householdId: string): string {
  return createHmac('sha256', secret).update(householdId).digest('hex').slice(0, 20);
}

/** The status that comes first in PLAN_STATUSES' precedence, among a household's plans. */
function firstStatus(statuses: readonly string[] | undefined): string | undefined {
  return PLAN_STATUSES.find((status) => statuses?.includes(status));
}

export async function dossierExportCsv(
  tx: StoreTx,
  q: { from: IsoDate; to: IsoDate; welcomePointIds?: readonly string[] },
): Promise<{ csv: string; households: number }> {
  const secret = await tx.serverSecret('dossier_export', () => randomBytes(32).toString('hex'));
  const parts = [dossierExportHeader()];
  let afterId = '';
  let households = 0;
  for (;;) {
    const page = await tx.followedHouseholds({ ...q, afterId, limit: PAGE });
    if (page.length === 0) return { csv: parts.join(''), households };
    const ids = page.map((h) => h.id);
    const [rows, facts, plans] = [
      await tx.rowsOfRoots(ids),
      await tx.reportFactsOfRoots(ids),
      await tx.planStatusesOf(ids),
    ];
    for (const h of page) {
      const planStatus = firstStatus(plans.get(h.id));
      const row = dossierExportRow({
        pseudonym: pseudonymOf(secret, h.id),
        welcomePointId: h.welcomePointId,
        rows: rows.get(h.id) ?? [],
        facts: facts.get(h.id) ?? [],
        ...(planStatus === undefined ? {} : { planStatus }),
        from: q.from,
        to: q.to,
      });
      parts.push(dossierExportLine(row));
    }
    households += page.length;
    afterId = ids.at(-1) ?? afterId;
  }
}
