/**
 * A free-text field written to a synced row once the person pauses, not on every keystroke
 * (each write is an outbox entry, a pushed mutation and a line of server history). What is typed
 * is still safe at once: every keystroke is a draft (src/state/drafts.ts), and the row write
 * carries the draft's receipt, so a crash before the pause loses nothing and a draft never
 * outlives the write that consumed it.
 */
import { signal } from '@preact/signals';
import { keepableText } from '../domain/sync/input-rules';
import type { DraftReceipt, DraftRegistry } from './drafts';

export interface DebouncedTextOptions {
  drafts: DraftRegistry;
  draftId: string;
  /** Writes the text to its row; resolves false when the device refused the write. */
  write(text: string, receipt: DraftReceipt | undefined): Promise<boolean>;
  /** Pause after the last keystroke before the row is written. */
  delayMs?: number;
}

export const TEXT_WRITE_DELAY_MS = 600;

export function createDebouncedText(options: DebouncedTextOptions) {
  /** The text as typed; null while the field shows what is stored. */
  const text = signal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unwritten = false;

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), options.delayMs ?? TEXT_WRITE_DELAY_MS);
  }

  /** Restores text typed before a crash or a reload, and writes it. */
  async function start(): Promise<void> {
    const draft = await options.drafts.load<unknown>(options.draftId);
    if (typeof draft !== 'string' || text.value !== null) return;
    text.value = draft;
    unwritten = true;
    schedule();
  }

  function edit(typed: string): Promise<void> {
    // Control characters the server refuses (INPUT1) never enter the text, pasted or typed.
    const next = keepableText(typed);
    text.value = next;
    unwritten = true;
    schedule();
    return options.drafts.save(options.draftId, next);
  }

  /** Writes now what waits (on blur, on leaving the screen). */
  async function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const value = text.value;
    if (!unwritten || value === null) return;
    unwritten = false;
    const ok = await options.write(value, options.drafts.receiptFor(options.draftId));
    if (!ok) {
      unwritten = true;
      return;
    }
    // Typing that went on during the write keeps its draft and is written after the next pause.
    if (!unwritten) await options.drafts.clear(options.draftId);
  }

  return { text, start, edit, flush };
}

export type DebouncedText = ReturnType<typeof createDebouncedText>;
