/**
 * A transport that loses, duplicates and reorders requests around a fetch, at random (seeded),
 * for the device-side sync tests and the simulation.
 */
import type { FetchLike } from '../../src/sync/sync-http';

/** A transport fault injector around a fetch. */
export interface Faults {
  /** Probability that a request never reaches the server. */
  dropRequest: number;
  /** Probability that the server handles the request but the response is lost. */
  dropResponse: number;
  /** Probability that the request is delivered twice (the client sees one response). */
  duplicate: number;
  /** Probability that a stale copy of an earlier push is delivered before this request. */
  reorder: number;
}

export const NO_FAULTS: Faults = { dropRequest: 0, dropResponse: 0, duplicate: 0, reorder: 0 };

export class FaultyTransport {
  faults: Faults = { ...NO_FAULTS };
  offline = false;
  readonly log: string[] = [];
  private lastPush: { input: string; init: RequestInit } | undefined;

  constructor(
    private readonly inner: FetchLike,
    private readonly random: () => number,
  ) {}

  fetch: FetchLike = async (input, init = {}) => {
    if (this.offline) throw new TypeError('Failed to fetch (offline)');
    const isSync = input.includes('/api/sync/');
    if (isSync && this.random() < this.faults.dropRequest) {
      this.log.push(`drop-request ${input}`);
      throw new TypeError('Failed to fetch (request dropped)');
    }
    if (
      isSync &&
      input.includes('/push') &&
      this.lastPush !== undefined &&
      this.random() < this.faults.reorder
    ) {
      this.log.push('reorder: stale push delivered');
      await this.inner(this.lastPush.input, this.lastPush.init).catch(() => undefined);
    }
    if (input.includes('/push')) this.lastPush = { input, init };
    if (isSync && this.random() < this.faults.duplicate) {
      this.log.push(`duplicate ${input}`);
      const [first] = await Promise.all([this.inner(input, init), this.inner(input, init)]);
      return first;
    }
    const response = await this.inner(input, init);
    if (isSync && this.random() < this.faults.dropResponse) {
      this.log.push(`drop-response ${input} (${response.status})`);
      throw new TypeError('Failed to fetch (response dropped)');
    }
    return response;
  };
}
