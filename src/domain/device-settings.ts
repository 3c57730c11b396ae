import { z } from 'zod';

/** Longest device name we accept: it is shown in lists and on synced changes. */
export const DEVICE_LABEL_MAX_LENGTH = 60;

/**
 * The name a welcome point gives its device ("Tablette mairie de Lens").
 * Validation issues carry stable codes so the UI can word them in the user's language.
 */
export const DeviceLabelSchema = z
  .string()
  .trim()
  .min(1, { message: 'required' })
  .max(DEVICE_LABEL_MAX_LENGTH, { message: 'tooLong' });

export type DeviceLabel = z.infer<typeof DeviceLabelSchema>;
