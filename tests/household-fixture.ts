/**
 * The fields of a valid new household as a device pushes them (`create` patch), for tests that
 * talk to the server: the server suites (through tests/server/sync/harness.ts) and the browser
 * suite, which seeds the server over HTTP.
 */
export function householdFields(welcomePointId?: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    territory: 'metropole',
    departement: '69',
    housingStatus: 'tenant',
    status: 'intake',
    openedOn: '2026-11-02',
    ...(welcomePointId === undefined ? {} : { welcomePointId }),
  };
}
