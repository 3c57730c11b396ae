/**
 * The idle lock's delay (LOCK7, docs/device-lock.md): minutes without input before the app locks,
 * set in Réglages from 1 to 30, 5 by default, kept in the device's settings store.
 */
import type { SettingsStore } from '../../db/settings-store';

export const IDLE_MINUTES_KEY = 'lock-idle-minutes';
export const IDLE_MINUTES_MIN = 1;
export const IDLE_MINUTES_MAX = 30;
export const IDLE_MINUTES_DEFAULT = 5;

export type IdleMinutesProblem = 'not-a-number' | 'out-of-range';

/** Parses what was typed in the field: whole minutes from 1 to 30. */
export function parseIdleMinutes(
  text: string,
): { ok: true; minutes: number } | { ok: false; problem: IdleMinutesProblem } {
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed)) return { ok: false, problem: 'not-a-number' };
  const minutes = Number(trimmed);
  if (minutes < IDLE_MINUTES_MIN || minutes > IDLE_MINUTES_MAX) return { ok: false, problem: 'out-of-range' };
  return { ok: true, minutes };
}

export async function readIdleMinutes(settings: SettingsStore): Promise<number> {
  const saved = await settings.get<unknown>(IDLE_MINUTES_KEY);
  return typeof saved === 'number' &&
    Number.isInteger(saved) &&
    saved >= IDLE_MINUTES_MIN &&
    saved <= IDLE_MINUTES_MAX
    ? saved
    : IDLE_MINUTES_DEFAULT;
}

export function writeIdleMinutes(settings: SettingsStore, minutes: number): Promise<void> {
  if (!Number.isInteger(minutes) || minutes < IDLE_MINUTES_MIN || minutes > IDLE_MINUTES_MAX) {
    return Promise.reject(new RangeError(`Idle minutes are ${IDLE_MINUTES_MIN} to ${IDLE_MINUTES_MAX}`));
  }
  return settings.set(IDLE_MINUTES_KEY, minutes);
}
