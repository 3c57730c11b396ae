import { openDossier } from '../../../src/state/workspace/dossier-registry';
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Comparison } from '../../../src/domain/rescheduling/compare-scenarios';
import { compareScenarios } from '../../../src/domain/rescheduling/compare-scenarios';
import type { CompareInput } from '../../../src/domain/rescheduling/scenario-input';
import { createScenariosModel } from '../../../src/state/scenarios/scenarios-model';
import type { CompareResult } from '../../../src/worker/simulation-client';
import { makeTestState } from '../../ui/make-test-state';
import { seedDossierWithDebts } from '../../ui/scenarios/fixture';

/** A client whose answers the test releases by hand, in any order, never cancelling. */
function manualClient() {
  const calls: {
    input: CompareInput;
    answered: Promise<CompareResult>;
    resolve: (r: CompareResult) => void;
  }[] = [];
  return {
    calls,
    client: {
      compare: (input: CompareInput) => {
        let resolve: (r: CompareResult) => void = () => {};
        const answered = new Promise<CompareResult>((r) => {
          resolve = r;
        });
        calls.push({ input, answered, resolve });
        return answered;
      },
    },
    /**
     * Answers call `index`; resolves once the model has taken the answer in: promise reactions
     * run in the order they were registered, and the model awaited the call before this one.
     */
    async answer(index: number): Promise<void> {
      const call = calls[index];
      if (!call) throw new Error(`no call ${index}`);
      const comparison: Comparison = compareScenarios(call.input, call.input.scenarios);
      call.resolve({ status: 'done', comparison });
      await call.answered;
    },
  };
}

describe('scenarios model', () => {
  it('a late answer for older parameters is never shown', async () => {
    const { state, repository } = makeTestState();
    const id = await seedDossierWithDebts(repository);
    const dossierModel = openDossier(state.workspace, id);
    const stop = dossierModel.start();
    const manual = manualClient();
    const model = createScenariosModel({
      model: dossierModel,
      drafts: state.drafts,
      today: '2026-11-27',
      simulation: () => manual.client,
    });
    const end = model.start();
    await vi.waitFor(() => expect(manual.calls).toHaveLength(1));
    await model.params.edit('capacity', '300');
    await vi.waitFor(() => expect(manual.calls).toHaveLength(2));
    expect(manual.calls[1]?.input.capacity.monthlyCents).toBe(30_000);
    // The first (outdated) answer arrives last-but-one: it must not be shown.
    await manual.answer(0);
    expect(model.shown.value).toBeNull();
    expect(model.status.value.kind).toBe('running');
    await manual.answer(1);
    expect(model.shown.value?.input.capacity.monthlyCents).toBe(30_000);
    // Back to the diagnosis capacity: the 300 € result is hidden at once.
    await model.params.edit('capacity', '');
    expect(model.shown.value).toBeNull();
    end();
    stop();
  });
});
