import { describe, expect, it } from 'vitest';
import { ActionSchema } from '../../../src/domain/dossier/action';
import { AppointmentSchema } from '../../../src/domain/dossier/appointment';
import { ConsentSchema } from '../../../src/domain/dossier/consent';
import { type Dossier, toHouseholdDocument } from '../../../src/domain/dossier/dossier';
import { currentNotes } from '../../../src/domain/dossier/note';
import { HouseholdRowSchema, MemberRowSchema } from '../../../src/domain/dossier/rows';
import { TransferDocumentSchema } from '../../../src/domain/dossier/transfer';
import { HouseholdSchema } from '../../../src/domain/household/household';

const meta = (id: string, householdId = 'h1') => ({
  id,
  householdId,
  version: 0,
  fieldVersions: {},
  deleted: false,
  updatedHlc: '1760000000000-0000-d',
  updatedAt: 1_760_000_000_000,
  origin: { deviceId: 'd', userId: 'u' },
});

const householdRow = {
  ...meta('h1'),
  schemaVersion: 1,
  territory: 'metropole',
  departement: '69',
  housingStatus: 'tenant',
  status: 'intake',
  openedOn: '2026-03-02',
  referralSource: 'bank_referral',
  phone: '06 12 34 56 78',
  address: { line1: '1 rue de la Paix', postcode: '69001', city: 'Lyon' },
} as const;

describe('dossier schemas', () => {
  it('a household row is the household fields, the dossier meta and the sync metadata', () => {
    expect(HouseholdRowSchema.parse(householdRow)).toEqual(householdRow);
    expect(HouseholdRowSchema.safeParse({ ...householdRow, householdId: 'other' }).success).toBe(false);
    expect(HouseholdRowSchema.safeParse({ ...householdRow, track: 'surendettement' }).success).toBe(false);
    const { updatedHlc: _h, ...withoutMeta } = householdRow;
    expect(HouseholdRowSchema.safeParse(withoutMeta).success).toBe(false);
  });

  it('a member row keeps the surname; unknown keys are dropped', () => {
    const row = { ...meta('m1'), role: 'applicant', lastName: 'Martin', birthDate: '1980-02-01', extra: 1 };
    expect(MemberRowSchema.parse(row)).not.toHaveProperty('extra');
    expect(MemberRowSchema.parse(row).lastName).toBe('Martin');
  });

  it('actions are discriminated by kind', () => {
    expect(
      ActionSchema.safeParse({
        id: 'a',
        kind: 'mediation_request',
        date: '2026-03-02',
        status: 'answered',
        answer: { date: '2026-03-20', outcome: 'counter_proposal' },
      }).success,
    ).toBe(true);
    expect(
      ActionSchema.safeParse({
        id: 'a',
        kind: 'bdf_decision',
        date: '2026-03-02',
        status: 'done',
        decision: 'admissible',
      }).success,
    ).toBe(true);
    expect(
      ActionSchema.safeParse({ id: 'a', kind: 'bdf_decision', date: '2026-03-02', status: 'done' }).success,
    ).toBe(false);
    expect(
      ActionSchema.safeParse({ id: 'a', kind: 'lottery', date: '2026-03-02', status: 'done' }).success,
    ).toBe(false);
  });

  it('appointments use local times, consents real dates', () => {
    expect(
      AppointmentSchema.safeParse({ id: 'x', startsAt: '2026-03-02T14:30', status: 'planned' }).success,
    ).toBe(true);
    expect(
      AppointmentSchema.safeParse({ id: 'x', startsAt: '2026-03-02 14:30', status: 'planned' }).success,
    ).toBe(false);
    expect(
      ConsentSchema.safeParse({ id: 'c', purpose: 'dossier_processing', date: '2026-02-30', recordedBy: 'u' })
        .success,
    ).toBe(false);
  });

  it('currentNotes shows the heads of revision chains, both sides of a fork', () => {
    const notes = [
      { id: 'a', deleted: false },
      { id: 'b', supersedes: 'a', deleted: false },
      { id: 'c', supersedes: 'a', deleted: false },
      { id: 'd', deleted: false },
      { id: 'e', supersedes: 'd', deleted: true },
    ];
    expect(currentNotes(notes).map((n) => n.id)).toEqual(['b', 'c', 'd']);
  });

  it('toHouseholdDocument assembles the engine document from live rows', () => {
    const dossier = {
      household: HouseholdRowSchema.parse(householdRow),
      members: [
        MemberRowSchema.parse({
          ...meta('m1'),
          role: 'applicant',
          lastName: 'Martin',
          birthDate: '1980-02-01',
        }),
        MemberRowSchema.parse({ ...meta('m2'), role: 'child', birthDate: '2015-02-01', deleted: true }),
      ],
      resources: [],
      charges: [],
      assets: [],
      creditors: [],
      debts: [],
      notes: [],
      actions: [],
      scenarios: [],
      appointments: [],
      consents: [],
      plans: [],
      planPayments: [],
      microcredits: [],
    } as Dossier;
    const doc = toHouseholdDocument(dossier);
    expect(HouseholdSchema.parse(doc)).toEqual({
      id: 'h1',
      schemaVersion: 1,
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      members: [{ id: 'm1', role: 'applicant', birthDate: '1980-02-01' }],
      resources: [],
      charges: [],
      assets: [],
      creditors: [],
      debts: [],
    });
  });

  it('a transfer document refuses rows of another household', () => {
    const doc = {
      format: 'relais-dossiers',
      formatVersion: 1,
      exportedAt: '2026-03-02T10:00:00.000Z',
      appVersion: '0.1.0',
      deviceId: 'd',
      households: [
        {
          household: householdRow,
          members: [{ ...meta('m1', 'h2'), role: 'applicant', birthDate: '1980-02-01' }],
          resources: [],
          charges: [],
          assets: [],
          creditors: [],
          debts: [],
          notes: [],
          actions: [],
          scenarios: [],
          appointments: [],
          consents: [],
          plans: [],
          planPayments: [],
          microcredits: [],
        },
      ],
    };
    const result = TransferDocumentSchema.safeParse(doc);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['households', 0, 'members', 0, 'householdId']);
    expect(TransferDocumentSchema.safeParse({ ...doc, formatVersion: 2 }).success).toBe(false);
  });
});
