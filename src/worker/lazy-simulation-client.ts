/**
 * The simulation client, loaded on first use: Comlink and the client code stay out of the
 * first screen's JavaScript until someone opens the Scenarios tab.
 */
import type { CompareInput } from '../domain/rescheduling/scenario-input';
import type { CompareResult, SimulationClient } from './simulation-client';

export function createLazySimulationClient(): SimulationClient {
  let client: SimulationClient | null = null;
  let loading: Promise<SimulationClient> | null = null;
  const load = (): Promise<SimulationClient> => {
    loading ??= import('./simulation-client').then((module) => {
      client = module.createSimulationClient();
      return client;
    });
    return loading;
  };
  return {
    compare: async (input: CompareInput): Promise<CompareResult> => (await load()).compare(input),
    simulate: async (input: unknown) => (await load()).simulate(input),
    cancel: () => client?.cancel(),
    isConnected: () => client?.isConnected() ?? false,
    dispose: () => client?.dispose(),
  };
}
