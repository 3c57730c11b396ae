import type { SchedulerEnv } from '../../src/sync/sync-scheduler';

/**
 * A scheduler environment that never runs sync by itself (no timers, no wake-ups, always online
 * and visible): runs happen only when a test asks ("Synchroniser maintenant", syncNow).
 */
export const idleSchedulerEnv: SchedulerEnv = {
  isOnline: () => true,
  isVisible: () => true,
  onWake: () => () => undefined,
  setTimeout: () => 0,
  clearTimeout: () => undefined,
  random: () => 0.5,
};
