/**
 * The intake's online duplicate check (docs/merges.md DUP3): the household being typed, sent to
 * `POST /api/coordination/duplicates/check`, which answers with the households of the caller's
 * scope that look like it, scored by the same domain scorer the device uses offline. Kept apart
 * from the coordinator's console client so the intake does not load the console's code.
 */
import {
  type DuplicateCheckResponse,
  DuplicateCheckResponseSchema,
  type MatchProbe,
} from '../domain/sync/coordination-protocol';
import { type AuthorizedTransport, authorizedFetch } from './authorized-fetch';

export type NetworkMatch = DuplicateCheckResponse['matches'][number];

/** @throws when the server cannot be reached or refuses: the caller keeps its offline answer. */
export async function checkDuplicatesOnline(
  transport: AuthorizedTransport,
  probe: MatchProbe,
  excludeHouseholdId?: string,
): Promise<NetworkMatch[]> {
  const response = await authorizedFetch(transport, 'POST', '/api/coordination/duplicates/check', {
    probe,
    ...(excludeHouseholdId === undefined ? {} : { excludeHouseholdId }),
  });
  if (!response.ok) throw new Error(`duplicate check: HTTP ${response.status}`);
  return DuplicateCheckResponseSchema.parse(await response.json()).matches;
}
