import { describe, expect, it } from 'vitest';
import {
  DebtDocumentSchema,
  DOCUMENTS_BY_PRODUCT,
  documentChecklist,
  missingDocuments,
  toggleDocument,
} from '../../../src/domain/dossier/debt-documents';
import { toHouseholdDocument } from '../../../src/domain/dossier/dossier';
import { DebtRowSchema } from '../../../src/domain/dossier/rows';
import { DebtProductSchema } from '../../../src/domain/household/debt';

describe('debt documents', () => {
  it('asks for the contract, amortisation table and last statement of a loan', () => {
    expect(DOCUMENTS_BY_PRODUCT.amortising_loan).toEqual([
      'contract',
      'amortisation_table',
      'last_statement',
    ]);
    expect(missingDocuments('amortising_loan', ['contract'])).toEqual([
      'amortisation_table',
      'last_statement',
    ]);
  });

  it('asks for the lease and the arrears statement for rent arrears', () => {
    expect(documentChecklist('rent_arrears', ['lease', 'contract'])).toEqual([
      { kind: 'lease', provided: true },
      { kind: 'arrears_statement', provided: false },
    ]);
  });

  it('needs at least one known document for every product', () => {
    for (const product of DebtProductSchema.options) {
      const kinds = DOCUMENTS_BY_PRODUCT[product];
      expect(kinds.length).toBeGreaterThan(0);
      for (const kind of kinds) expect(DebtDocumentSchema.safeParse(kind).success).toBe(true);
    }
  });

  it('ticks and unticks in catalogue order without duplicates', () => {
    expect(toggleDocument(['last_statement'], 'contract', true)).toEqual(['contract', 'last_statement']);
    expect(toggleDocument(['contract', 'last_statement'], 'contract', true)).toEqual([
      'contract',
      'last_statement',
    ]);
    expect(toggleDocument(['contract', 'last_statement'], 'contract', false)).toEqual(['last_statement']);
    expect(toggleDocument(undefined, 'lease', true)).toEqual(['lease']);
  });

  it('is kept on the debt row and left out of the engine household document', () => {
    const meta = {
      householdId: '0190a000-0000-7000-8000-000000000001',
      version: 0,
      fieldVersions: {},
      deleted: false,
      updatedHlc: '0000000000001-0000-dev1',
      updatedAt: 1,
      origin: { deviceId: 'dev1', userId: 'u1' },
    };
    const debt = {
      id: '0190a000-0000-7000-8000-000000000003',
      creditorId: '0190a000-0000-7000-8000-000000000002',
      product: 'rent_arrears',
      capitalRemainingCents: 0,
      arrearsCents: 120_000,
      amountDueNowCents: 120_000,
      nominalRateBps: 0,
      instalmentMonthlyCents: 0,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: false,
      documentsProvided: ['lease'],
      ...meta,
    };
    const parsed = DebtRowSchema.safeParse(debt);
    if (!parsed.success) throw parsed.error;
    expect(parsed.data.documentsProvided).toEqual(['lease']);
    expect(DebtRowSchema.safeParse({ ...debt, documentsProvided: ['passport'] }).success).toBe(false);
    const doc = toHouseholdDocument({
      household: {} as never,
      members: [],
      resources: [],
      charges: [],
      assets: [],
      creditors: [],
      debts: [parsed.data],
      notes: [],
      actions: [],
      scenarios: [],
      appointments: [],
      consents: [],
      plans: [],
      planPayments: [],
      microcredits: [],
    });
    expect(doc.debts[0]).not.toHaveProperty('documentsProvided');
    expect(doc.debts[0]).toMatchObject({ product: 'rent_arrears', arrearsCents: 120_000 });
  });
});
