/**
 * The worklist's opaque cursor (PLAN7): the ordering key of a page's last item, next_due_on (or
 * none) and plan_id, as base64url JSON. A cursor that does not decode is the caller's error.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../../../src/domain/dates';
import { EntityIdSchema } from '../../../src/domain/household/ids';
import { HttpError } from '../http-errors';

const CursorSchema = z.tuple([IsoDateSchema.nullable(), EntityIdSchema]);

export interface WorklistKey {
  nextDueOn: string | null;
  planId: string;
}

export function encodeCursor(key: WorklistKey): string {
  return Buffer.from(JSON.stringify([key.nextDueOn, key.planId])).toString('base64url');
}

/** @throws HttpError 400 when `cursor` is not one this list gave */
export function decodeCursor(cursor: string): WorklistKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'after: not a cursor of the plan worklist');
  return { nextDueOn: parsed.data[0], planId: parsed.data[1] };
}
