/**
 * The protocol of the server's copy of the data key and of remote wipe (issue 16,
 * docs/remote-wipe.md WIPE1–WIPE9), shared by the server's routes and the device's client.
 */
import { z } from 'zod';

/** A 32-byte data key in standard base64 (44 characters, one `=`). */
export const DataKeyBase64Schema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte key in base64');

/** `PUT /api/auth/device-key` and the answer of `GET /api/auth/device-key` (WIPE1, WIPE2). */
export const DeviceKeySchema = z.object({ key: DataKeyBase64Schema });
export type DeviceKeyBody = z.infer<typeof DeviceKeySchema>;

/**
 * WIPE3: 'lost' erases everything without pushing; 'withdrawn' pushes what the device holds,
 * then erases.
 */
export const WipeModeSchema = z.enum(['lost', 'withdrawn']);
export type WipeMode = z.infer<typeof WipeModeSchema>;

/** The code of the 410 answer that carries a wipe order (WIPE4). */
export const DEVICE_WIPE_CODE = 'device_wipe';

/** The body of that 410 answer. */
export const WipeOrderBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  code: z.literal(DEVICE_WIPE_CODE),
  mode: WipeModeSchema,
});

/** The most household ids a wipe report names (a tablet holds a caseload, not the network). */
export const MAX_WIPE_REPORT_HOUSEHOLDS = 5_000;

/**
 * `POST /api/auth/device-wiped` (WIPE6): what the device still held unsent when it erased itself.
 * Ids and a count only, never personal data (WIPE8).
 */
export const DeviceWipedSchema = z.object({
  pendingChanges: z.number().int().min(0).max(10_000_000),
  householdIds: z.array(z.string().min(1).max(100)).max(MAX_WIPE_REPORT_HOUSEHOLDS),
});
export type DeviceWipedReport = z.infer<typeof DeviceWipedSchema>;

/** A device's wipe order as the admin sees it. */
export const DeviceWipeStateSchema = z.object({
  mode: WipeModeSchema,
  orderedBy: z.string().nullable(),
  orderedAt: z.number().int(),
  /** When the device confirmed it erased itself; null while the order waits. */
  confirmedAt: z.number().int().nullable(),
});
export type DeviceWipeState = z.infer<typeof DeviceWipeStateSchema>;

/** `GET /api/admin/users/:id/devices`: one of the user's devices. */
export const AdminDeviceSchema = z.object({
  deviceId: z.string(),
  name: z.string().nullable(),
  createdAt: z.number().int(),
  /** Its last contact with the server (login, push, label), Unix ms. */
  lastSeenAt: z.number().int(),
  /** Whether the server holds its data key (WIPE1). */
  hasKey: z.boolean(),
  wipe: DeviceWipeStateSchema.nullable(),
});
export type AdminDevice = z.infer<typeof AdminDeviceSchema>;

/** `POST /api/admin/devices/:deviceId/wipe`. */
export const WipeOrderRequestSchema = z.object({ mode: WipeModeSchema });
