import { computed, signal } from '@preact/signals';
import type { SettingsStore } from '../db/settings-store';
import { DeviceLabelSchema } from '../domain/device-settings';
import type { DraftRegistry } from './drafts';

const DEVICE_LABEL_KEY = 'deviceLabel';
const FORM_ID = 'device-settings';

export type DeviceLabelError = 'required' | 'tooLong';
export type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'failed'; reason: string };

/** The label saved in Settings (sent to the server at login and sync, AUTH9); undefined if none. */
export async function readDeviceLabel(settings: SettingsStore): Promise<string | undefined> {
  const saved = await settings.get<unknown>(DEVICE_LABEL_KEY);
  return typeof saved === 'string' && saved.trim() !== '' ? saved : undefined;
}

/**
 * The "this device" form of the settings page: autosaved draft, validation, explicit save.
 * `onSaved` lets the app send a new label to the server without waiting for the next sync.
 */
export function createDeviceSettingsModel(
  settings: SettingsStore,
  drafts: DraftRegistry,
  onSaved?: (label: string) => void,
) {
  const savedLabel = signal('');
  const value = signal('');
  const error = signal<DeviceLabelError | null>(null);
  const status = signal<SaveStatus>({ kind: 'idle' });
  const draftRestored = signal(false);
  const isDirty = computed(() => value.value !== savedLabel.value);

  async function load(): Promise<void> {
    savedLabel.value = (await settings.get<string>(DEVICE_LABEL_KEY)) ?? '';
    const draft = await drafts.load<string>(FORM_ID);
    if (draft !== undefined && draft !== savedLabel.value) {
      value.value = draft;
      draftRestored.value = true;
    } else {
      value.value = savedLabel.value;
    }
  }

  function edit(next: string): Promise<void> {
    value.value = next;
    error.value = null;
    status.value = { kind: 'idle' };
    return drafts.save(FORM_ID, next);
  }

  async function save(): Promise<boolean> {
    const parsed = DeviceLabelSchema.safeParse(value.value);
    if (!parsed.success) {
      const code = parsed.error.issues[0]?.message;
      error.value = code === 'tooLong' ? 'tooLong' : 'required';
      return false;
    }
    try {
      await settings.set(DEVICE_LABEL_KEY, parsed.data);
      await drafts.clear(FORM_ID);
    } catch (cause) {
      // Never show "saved" when the device refused the write (quota, closed database...).
      status.value = { kind: 'failed', reason: cause instanceof Error ? cause.message : String(cause) };
      return false;
    }
    savedLabel.value = parsed.data;
    value.value = parsed.data;
    draftRestored.value = false;
    status.value = { kind: 'saved' };
    onSaved?.(parsed.data);
    return true;
  }

  return { savedLabel, value, error, status, draftRestored, isDirty, load, edit, save };
}

export type DeviceSettingsModel = ReturnType<typeof createDeviceSettingsModel>;
