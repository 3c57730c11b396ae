/**
 * SEC2: how large a request body each route accepts (Fastify's `bodyLimit`, checked while the
 * body streams in, before parsing); a bigger body is refused with 413 and a reason naming the
 * limit (plugins/error-handler.ts). Measured against the largest legitimate body of each route:
 *
 * - every API route by default: 64 KiB. The largest ordinary bodies are a legal parameter entry
 *   (a commission forfait with a 500-character source and a 1,000-character URL: under 2 kB), a
 *   user with its welcome points and a duplicate check (a few hundred bytes).
 * - a merge: 256 KiB. Its field and child choices grow with the two households (a household with
 *   hundreds of charges and debts gives a child choice each, about 150 bytes apiece).
 * - a push: MAX_PUSH_BYTES on the wire (256 KiB), MAX_PUSH_DECODED_BYTES once gunzipped (4 MiB),
 *   set on the route itself (PUSH8, routes/sync.ts): 500 mutations of a few fields take about
 *   280 kB of JSON, and the device halves its batch after a 413.
 */
export const API_BODY_LIMIT = 64 * 1024;
export const MERGE_BODY_LIMIT = 256 * 1024;
