/**
 * What IndexedDB itself holds, read without Dexie (and so without the sealing middleware): the
 * bytes a thief would find in the browser profile.
 */

import type { RelaisDb } from '../../../src/db/app-db';
import { DossierRepository } from '../../../src/db/repository';
import { applicant, householdFields, rentCharge, seededBytes, steppingClock } from '../helpers';

export async function rawStores(name: string): Promise<Map<string, unknown[]>> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const stores = new Map<string, unknown[]>();
    for (const store of Array.from(idb.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = idb.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      stores.set(store, values);
    }
    return stores;
  } finally {
    idb.close();
  }
}

/** Replaces one stored value, without Dexie. */
export async function rawPut(name: string, store: string, value: unknown): Promise<void> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction(store, 'readwrite');
      tx.objectStore(store).put(value);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    idb.close();
  }
}

/** Every string of a stored value, and its byte arrays as text (latin-1, so any byte shows). */
export function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(String.fromCharCode(...value));
  else if (Array.isArray(value)) for (const item of value) textsOf(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      textsOf(item, out);
    }
  } else if (value !== undefined && value !== null) out.push(String(value));
  return out;
}

/** How a secret may show in stored text: as typed, lower-cased, UTF-8 and UTF-16 bytes. */
export function needles(secret: string): string[] {
  const utf8 = String.fromCharCode(...new TextEncoder().encode(secret));
  const utf16 = Array.from(secret, (c) => `${c}\u0000`).join('');
  const plain = secret.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  return [secret, secret.toLowerCase(), plain.toLowerCase(), utf8, utf16];
}

/** The personal values the dossier below holds (names, phone, labels, creditor references). */
export const SECRETS = [
  applicant.firstName as string,
  applicant.lastName as string,
  '0612345678',
  householdFields.phone as string,
  householdFields.reference as string,
  'Banque Sécurité Mutuelle',
  'CRD-77-88-99',
  'PRET-445566',
  'Salaire boulangerie Dubreuil',
  'Loyer résidence Bellevue',
  'Entretien chez Mme Martin',
] as const;

/** A dossier with every personal kind of value: names, phone, reference, labels, creditor refs. */
export async function writeSecretDossier(db: RelaisDb): Promise<string> {
  const repo = new DossierRepository(db, {
    now: steppingClock(),
    randomBytes: seededBytes(7),
    currentUserId: () => 'user-1',
    appVersion: '0.1.0-test',
  });
  const { household } = await repo.createHousehold(householdFields, [applicant]);
  const creditor = await repo.addRow('creditor', household.id, {
    name: 'Banque Sécurité Mutuelle',
    category: 'credit_institution',
    reference: 'CRD-77-88-99',
  });
  await repo.addRow('debt', household.id, {
    creditorId: creditor.id,
    product: 'amortising_loan',
    capitalRemainingCents: 300_000,
    arrearsCents: 0,
    amountDueNowCents: 0,
    nominalRateBps: 500,
    instalmentMonthlyCents: 9_000,
    insuranceMonthlyCents: 0,
    isJoint: false,
    enforcementInProgress: false,
    reference: 'PRET-445566',
  });
  await repo.addRow('resource', household.id, {
    type: 'salary',
    amountCents: 140_000,
    frequency: 'monthly',
    regular: true,
    label: 'Salaire boulangerie Dubreuil',
  });
  await repo.addRow('charge', household.id, { ...rentCharge, label: 'Loyer résidence Bellevue' });
  await repo.appendNote(household.id, 'Entretien chez Mme Martin');
  await repo.addRow('appointment', household.id, { startsAt: '2026-03-20T10:00', status: 'planned' });
  return household.id;
}
