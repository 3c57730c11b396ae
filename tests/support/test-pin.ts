/**
 * The PIN the browser tests and the browser benchmarks choose for the local profile and type on
 * the unlock screen (LOCK1: ≥ 6 digits). Its own module so that the benchmarks, which run outside
 * vitest, can take it without loading the e2e helpers.
 */
export const TEST_PIN = '246810';
