import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSettingsStore } from '../../src/db/settings-store';
import { createDebouncedText } from '../../src/state/debounced-text';
import { createDraftRegistry, type DraftReceipt } from '../../src/state/drafts';

function setup(outcome: () => boolean = () => true) {
  const settings = createSettingsStore(`debounced-${Math.random()}`);
  const writes: { text: string; receipt: DraftReceipt | undefined }[] = [];
  const make = () => {
    const drafts = createDraftRegistry(settings);
    const field = createDebouncedText({
      drafts,
      draftId: 'cause:h1',
      delayMs: 30,
      write: async (text, receipt) => {
        writes.push({ text, receipt });
        return outcome();
      },
    });
    return { drafts, field };
  };
  return { settings, writes, make };
}

describe('a free-text field written after a pause', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the row once per pause, not once per keystroke, with the draft receipt, then drops the draft', async () => {
    // The pause is the field's own timer: a fake clock makes "20 ms between keystrokes" exact, so
    // a slow draft write on a busy machine cannot open a 30 ms pause in the middle of the typing.
    // Only setTimeout is faked; fake-indexeddb schedules with setImmediate, which stays real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { settings, writes, make } = setup();
    const { field } = make();
    const sentence = 'Perte d’emploi en mars';
    for (let i = 1; i <= sentence.length; i += 1) {
      await field.edit(sentence.slice(0, i));
      // Less than the 30 ms pause, but 440 ms in all: a timer not restarted by each keystroke fires.
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(writes.map((w) => w.text)).toEqual([sentence]);
    expect(writes[0]?.receipt).toMatchObject({ formId: 'cause:h1', token: expect.any(String) });
    expect(await settings.get('draft:cause:h1')).toBeUndefined();
  });

  it('keeps every keystroke as a draft: text typed just before a crash is restored and written', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { writes, make } = setup();
    const first = make();
    await first.field.edit('Séparation en juin');
    // The page dies before the pause, its timer with it: a new app over the same device.
    vi.clearAllTimers();
    const second = make();
    await second.field.start();
    expect(second.field.text.value).toBe('Séparation en juin');
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(30);
    expect(writes.map((w) => w.text)).toEqual(['Séparation en juin']);
  });

  it('a refused write keeps the draft and is written again on the next flush', async () => {
    let accept = false;
    const { settings, writes, make } = setup(() => accept);
    const { field } = make();
    await field.edit('Divorce');
    await field.flush();
    expect(writes).toHaveLength(1);
    expect(await settings.get('draft:cause:h1')).toMatchObject({ values: 'Divorce' });
    accept = true;
    await field.flush();
    expect(writes).toHaveLength(2);
    expect(await settings.get('draft:cause:h1')).toBeUndefined();
  });
});
