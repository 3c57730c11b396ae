/**
 * Synthetic dossiers for benchmarks and tests: realistic, entirely fake households of about 40
 * rows each, deterministic for a given seed. Not app code, so it lives under tests/support (bench/
 * imports it from here) and never ships. `generateSyntheticDossiers` is pure;
 * `seedDatabase` bulk-writes the result as if it had been pulled from the server (version 1,
 * no outbox entries), or as local unsynced work (`asLocalChanges`: one outbox entry per row).
 * Over 400 lines because most of it is the data tables (names, places, creditors, amounts) the
 * generator draws from: one cohesive thing.
 */

import type { RelaisDb, StoredHousehold } from '../../src/db/app-db';
import { fieldsOf } from '../../src/db/change-recorder';
import { computeHouseholdLocal } from '../../src/db/household-index';
import type { Dossier } from '../../src/domain/dossier/dossier';
import type { AnyRow } from '../../src/domain/dossier/rows';
import { uuidv7 } from '../../src/domain/ids';
import { mulberry32 } from '../../src/domain/seeded-random';
import { CHILD_ENTITY_NAMES, ENTITY_TABLES } from '../../src/domain/sync/entities';
import { formatHlc } from '../../src/domain/sync/hlc';
import { MUTATION_SCHEMA_VERSION, type OutboxEntry } from '../../src/domain/sync/mutation';

const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Sarah',
  'Yasmine',
  'Aïcha',
  'Nathalie',
  'Sylvie',
  'Hélène',
  'Fatou',
  'Lucas',
  'Hugo',
  'Thomas',
  'Mehdi',
  'Karim',
  'Julien',
  'Nicolas',
  'Éric',
  'François',
  'Mamadou',
  'Kevin',
  'Théo',
  'Jérôme',
  'Océane',
  'Zoé',
  'Ludovic',
  'Rachid',
  'Anaïs',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Benali',
  'Diallo',
  "N'Diaye",
  'Nguyen',
  'Da Silva',
  'Le Gall',
  'Kaya',
  'Haddad',
  'Traoré',
  'Lemaire',
];
const CITIES = [
  ['69001', 'Lyon'],
  ['69120', 'Vaulx-en-Velin'],
  ['69200', 'Vénissieux'],
  ['42000', 'Saint-Étienne'],
  ['38000', 'Grenoble'],
  ['01000', 'Bourg-en-Bresse'],
  ['69100', 'Villeurbanne'],
] as const;
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'place du Marché',
  'chemin des Vignes',
];
const CREDITORS = [
  ['Cofidis', 'credit_institution', 'revolving_credit'],
  ['Cetelem', 'credit_institution', 'amortising_loan'],
  ['Franfinance', 'credit_institution', 'revolving_credit'],
  ['Office HLM du Rhône', 'landlord', 'rent_arrears'],
  ['EDF', 'utility', 'energy_arrears'],
  ['Trésor public', 'tax', 'tax_debt'],
  ['CAF du Rhône', 'social_body', 'other'],
  ['Crédit Agricole', 'credit_institution', 'overdraft'],
  ['Orange', 'utility', 'current_charge_arrears'],
] as const;
const CHARGE_TYPES = [
  'rent',
  'energy',
  'water',
  'telecom',
  'home_insurance',
  'mutuelle',
  'food_living',
  'transport',
  'school',
  'childcare',
  'income_tax',
  'other_insurance',
] as const;
const RESOURCE_TYPES = [
  'salary',
  'family_benefits',
  'housing_benefit',
  'rsa',
  'activity_bonus',
  'pension',
] as const;
const TRACKS = ['support', 'mediation', 'over_indebtedness'] as const;
const STATUSES = ['intake', 'active', 'awaiting_decision', 'follow_up', 'closed'] as const;
const REFERRALS = ['walk_in', 'social_worker', 'bank_referral', 'other'] as const;
const NOTES = [
  'Premier entretien : la famille apporte les relevés des trois derniers mois.',
  'Appel du bailleur, accord de principe pour un échéancier.',
  'Dossier de surendettement préparé, pièces manquantes : avis d’imposition.',
  'Point budget : les dépenses alimentaires ont baissé.',
  'Relance envoyée au créancier, pas de réponse à ce jour.',
];

/** Deterministic pseudo-random numbers (mulberry32). */
function createRandom(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(0, 255));
  return { next, int, pick, bytes };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The seq as 8 big-endian bytes: unique random bits for seeded mutation ids. */
function seqBytes(seq: number): Uint8Array {
  const bytes = new Uint8Array(8);
  let rest = seq;
  for (let i = 7; i >= 0; i -= 1) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return bytes;
}

/**
 * `count` fake dossiers of about 40 rows each (members, budget lines, creditors and debts,
 * notes, actions, a saved scenario, appointments, consents), the same for the same seed.
 * @example generateSyntheticDossiers(2000, 1).length // 2000
 */
export function generateSyntheticDossiers(count: number, seed: number): Dossier[] {
  const rnd = createRandom(seed);
  const deviceId = uuidv7(1_767_225_600_000, 0, rnd.bytes(8));
  const dossiers: Dossier[] = [];
  // Activity spread over two years up to 2026-03-01.
  const end = Date.UTC(2026, 2, 1);
  for (let n = 0; n < count; n += 1) {
    const start = end - rnd.int(0, 730) * 86_400_000 - rnd.int(0, 86_399_999);
    let clock = start;
    const householdId = uuidv7(start, rnd.int(0, 0xfff), rnd.bytes(8));
    const meta = () => {
      clock += rnd.int(1_000, 3_600_000);
      return {
        id: uuidv7(clock, rnd.int(0, 0xfff), rnd.bytes(8)),
        householdId,
        version: 1,
        fieldVersions: {},
        deleted: false,
        updatedHlc: formatHlc({ ms: clock, counter: 0, node: deviceId }),
        updatedAt: clock,
        origin: { deviceId, userId: `counsellor-${rnd.int(1, 12)}` },
      };
    };
    const date = (ms: number) => {
      const d = new Date(ms);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    };
    const lastName = rnd.pick(LAST_NAMES);
    const [postcode, city] = rnd.pick(CITIES);
    const householdMeta = meta();
    const household = {
      ...householdMeta,
      id: householdId,
      schemaVersion: 1 as const,
      territory: 'metropole' as const,
      departement: postcode.slice(0, 2),
      housingStatus: rnd.pick(['tenant', 'tenant', 'tenant', 'owner_with_mortgage', 'hosted_free'] as const),
      track: rnd.pick(TRACKS),
      status: rnd.pick(STATUSES),
      welcomePointId: `wp-${rnd.int(1, 8)}`,
      reference: `RL-${date(start).slice(0, 4)}-${pad(n + 1, 5)}`,
      referralSource: rnd.pick(REFERRALS),
      phone: `0${rnd.pick([6, 7])} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))}`,
      email: `${lastName.toLowerCase().replace(/[^a-z]/g, '')}${n}@example.org`,
      address: { line1: `${rnd.int(1, 180)} ${rnd.pick(STREETS)}`, postcode, city },
      openedOn: date(start),
    };
    const members: Dossier['members'] = [
      {
        ...meta(),
        role: 'applicant',
        firstName: rnd.pick(FIRST_NAMES),
        lastName,
        birthDate: `${rnd.int(1955, 2000)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`,
      },
    ];
    if (rnd.next() < 0.5) {
      members.push({
        ...meta(),
        role: 'co_applicant',
        firstName: rnd.pick(FIRST_NAMES),
        lastName: rnd.next() < 0.7 ? lastName : rnd.pick(LAST_NAMES),
        birthDate: `${rnd.int(1955, 2000)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`,
      });
    }
    for (let c = rnd.int(0, 3); c > 0; c -= 1) {
      members.push({
        ...meta(),
        role: 'child',
        firstName: rnd.pick(FIRST_NAMES),
        lastName,
        birthDate: `${rnd.int(2008, 2024)}-${pad(rnd.int(1, 12))}-${pad(rnd.int(1, 28))}`,
        custody: 'full',
      });
    }
    const resources: Dossier['resources'] = Array.from({ length: rnd.int(3, 6) }, () => ({
      ...meta(),
      type: rnd.pick(RESOURCE_TYPES),
      amountCents: rnd.int(100, 2200) * 100,
      frequency: 'monthly' as const,
      regular: true,
    }));
    const chargeTypes = [...CHARGE_TYPES].sort(() => rnd.next() - 0.5).slice(0, rnd.int(8, 12));
    const charges: Dossier['charges'] = chargeTypes.map((type) => ({
      ...meta(),
      type,
      amountCents: rnd.int(20, type === 'rent' ? 900 : 300) * 100,
      frequency: 'monthly' as const,
      mode: 'real' as const,
    }));
    const assets: Dossier['assets'] =
      rnd.next() < 0.6
        ? [{ ...meta(), kind: 'savings', product: 'livret_a', balanceCents: rnd.int(0, 300_000) }]
        : [];
    const creditorSpecs = [...CREDITORS].sort(() => rnd.next() - 0.5).slice(0, rnd.int(4, 6));
    const creditors: Dossier['creditors'] = creditorSpecs.map(([name, category]) => ({
      ...meta(),
      name,
      category,
    }));
    const debts: Dossier['debts'] = creditorSpecs.map(([, , product], i) => {
      const capital = rnd.int(500, 25_000) * 100;
      return {
        ...meta(),
        creditorId: creditors[i]?.id ?? '',
        product,
        capitalRemainingCents: capital,
        arrearsCents: rnd.int(0, 3000) * 100,
        amountDueNowCents: 0,
        nominalRateBps: product === 'revolving_credit' ? rnd.int(1200, 2100) : rnd.int(0, 700),
        instalmentMonthlyCents: Math.round(capital / rnd.int(12, 84)),
        insuranceMonthlyCents: 0,
        isJoint: rnd.next() < 0.3,
        enforcementInProgress: rnd.next() < 0.1,
      };
    });
    const notes: Dossier['notes'] = Array.from({ length: rnd.int(2, 4) }, () => {
      const m = meta();
      return { ...m, text: rnd.pick(NOTES), authorId: m.origin.userId, writtenAt: m.updatedAt };
    });
    const actions: Dossier['actions'] = [
      {
        ...meta(),
        kind: 'mediation_request',
        date: date(clock),
        status: 'sent',
        creditorId: creditors[0]?.id,
      },
      { ...meta(), kind: 'budget_workshop', date: date(clock), status: 'done', topic: 'Gérer ses factures' },
    ];
    if (household.track === 'over_indebtedness') {
      actions.push({ ...meta(), kind: 'bdf_filing', date: date(clock), status: 'sent' });
    }
    const scenarioMeta = meta();
    const scenarios: Dossier['scenarios'] = [
      {
        ...scenarioMeta,
        name: 'Plan sur 84 mois',
        savedAt: scenarioMeta.updatedAt,
        savedBy: scenarioMeta.origin.userId,
        isChosen: true,
        parameters: { months: 84, strategy: 'proportional' },
        summary: { monthlyPaymentCents: rnd.int(50, 600) * 100, months: 84 },
      },
    ];
    const appointments: Dossier['appointments'] = Array.from({ length: rnd.int(1, 2) }, (_, i) => ({
      ...meta(),
      startsAt: `${date(end + rnd.int(-30, 60) * 86_400_000)}T${pad(rnd.int(9, 17))}:${rnd.pick(['00', '30'])}`,
      status: i === 0 ? ('planned' as const) : ('done' as const),
      place: 'Point d’accueil',
    }));
    const consents: Dossier['consents'] = [
      {
        ...meta(),
        purpose: 'dossier_processing',
        date: household.openedOn,
        recordedBy: householdMeta.origin.userId,
      },
    ];
    dossiers.push({
      household,
      members,
      resources,
      charges,
      assets,
      creditors,
      debts,
      notes,
      actions,
      scenarios,
      appointments,
      consents,
      plans: [],
      planPayments: [],
      microcredits: [],
    });
  }
  return dossiers;
}

/**
 * Bulk-writes dossiers into the device store in one transaction, with the households' local
 * index. By default as synced data (no outbox entries); `asLocalChanges` also appends one
 * pending 'create' mutation per row, as if everything had been typed on this device.
 */
export async function seedDatabase(
  db: RelaisDb,
  dossiers: readonly Dossier[],
  options: { asLocalChanges?: boolean; appVersion?: string } = {},
): Promise<void> {
  const tables = [...Object.values(ENTITY_TABLES), 'outbox', 'meta'];
  await db.transaction('rw', tables, async () => {
    const rowsByTable = new Map<string, AnyRow[]>();
    const households: StoredHousehold[] = [];
    for (const dossier of dossiers) {
      const rows = CHILD_ENTITY_NAMES.flatMap((e) => dossier[ENTITY_TABLES[e]] as AnyRow[]);
      const activityAt = Math.max(dossier.household.updatedAt, ...rows.map((r) => r.updatedAt));
      households.push({
        ...dossier.household,
        local: computeHouseholdLocal(dossier.household, dossier.members, dossier.appointments, activityAt),
      });
      for (const entity of CHILD_ENTITY_NAMES) {
        const table = ENTITY_TABLES[entity];
        const list = rowsByTable.get(table) ?? [];
        list.push(...(dossier[table] as AnyRow[]));
        rowsByTable.set(table, list);
      }
    }
    await db.households.bulkPut(households);
    for (const [table, rows] of rowsByTable) await db.table(table).bulkPut(rows);
    if (!options.asLocalChanges) return;
    const deviceRecord = await db.meta.get('deviceId');
    const nextSeqRecord = await db.meta.get('nextSeq');
    const deviceId =
      typeof deviceRecord?.value === 'string'
        ? deviceRecord.value
        : (dossiers[0]?.household.origin.deviceId ?? 'seed');
    let seq = typeof nextSeqRecord?.value === 'number' ? nextSeqRecord.value : 1;
    const entries: OutboxEntry[] = [];
    for (const dossier of dossiers) {
      const rows: [string, AnyRow][] = [
        ['household', dossier.household],
        ...CHILD_ENTITY_NAMES.flatMap((e) =>
          (dossier[ENTITY_TABLES[e]] as AnyRow[]).map((r) => [e, r] as [string, AnyRow]),
        ),
      ];
      for (const [entity, row] of rows) {
        entries.push({
          seq,
          mutationId: uuidv7(row.updatedAt, 0, seqBytes(seq)),
          deviceId,
          userId: row.origin.userId,
          op: 'create',
          entity: entity as OutboxEntry['entity'],
          entityId: row.id,
          householdId: row.householdId,
          patch: fieldsOf(row),
          base: { version: 0, fieldVersions: {} },
          hlc: row.updatedHlc,
          schemaVersion: MUTATION_SCHEMA_VERSION,
          appVersion: options.appVersion ?? '0.0.0',
          state: 'pending',
          attempts: 0,
          createdAt: row.updatedAt,
        });
        seq += 1;
      }
    }
    await db.outbox.bulkAdd(entries);
    await db.meta.bulkPut([
      { key: 'deviceId', value: deviceId },
      { key: 'nextSeq', value: seq },
    ]);
  });
}
