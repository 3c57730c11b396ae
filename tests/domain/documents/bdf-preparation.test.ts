import { describe, expect, it } from 'vitest';
import {
  bdfChecklist,
  buildBdfPreparation,
  CERFA_DEBT_CATEGORIES,
  cerfaDebtCategory,
  type DocumentDescription,
  documentTexts,
  neededGeneralDocuments,
  onlineFilingPossible,
  onlineFilingWarnings,
} from '../../../src/domain/documents';
import { DebtProductSchema } from '../../../src/domain/household/debt';
import { makeDossier, TODAY } from './fixture';

function tableAfter(doc: DocumentDescription, title: string, caption?: string) {
  const section = doc.sections.find((s) => s.title === title);
  const table = section?.blocks.find(
    (b) => b.kind === 'table' && (caption === undefined || b.caption === caption),
  );
  if (table?.kind !== 'table') throw new Error(`no table in ${title}`);
  return table;
}

describe('Cerfa 13594 mapping', () => {
  it('puts every debt product in one of the form’s categories', () => {
    for (const product of DebtProductSchema.options) {
      expect(CERFA_DEBT_CATEGORIES).toContain(cerfaDebtCategory(product));
    }
    expect(cerfaDebtCategory('revolving_credit')).toBe('consumer_credits');
    expect(cerfaDebtCategory('rent_arrears')).toBe('housing');
    expect(cerfaDebtCategory('mortgage')).toBe('mortgages');
    expect(cerfaDebtCategory('criminal_fine')).toBe('alimony_fines_fraud');
  });

  it('one filer: the form’s sections in order, one filer column, debts by category', () => {
    const doc = buildBdfPreparation({
      dossier: makeDossier(),
      locale: 'fr',
      today: TODAY,
      guardianship: false,
      providedGeneral: [],
      debtDetails: { 'debt-credit': { reference: 'RC-778899', creditorAddress: 'TSA 12345\n59000 Lille' } },
    });
    expect(doc.sections.map((s) => s.title).filter(Boolean)).toEqual([
      'Dépôt du dossier',
      '1. Identité (page 1)',
      '2. Situation familiale et personnes au foyer (page 2)',
      '3. Logement (page 2)',
      '4. Situation professionnelle (page 3)',
      '5. Ressources mensuelles (page 3)',
      '6. Charges mensuelles (page 4)',
      '7. Patrimoine (page 5)',
      '8. Dettes par catégorie (pages 6 à 11)',
      '9. Cause du surendettement (page 11)',
      '10. Procédures en cours (article R721-3)',
      '11. Pièces justificatives',
    ]);
    const identity = tableAfter(doc, '1. Identité (page 1)', 'Déposant');
    expect(identity.rows).toContainEqual(['Nom et prénom', 'Awa Diallo']);
    expect(documentTexts(doc)).not.toContain('Co-déposant');
    const resources = tableAfter(doc, '5. Ressources mensuelles (page 3)');
    expect(resources.columns.map((c) => c.label)).toEqual(['', 'Déposant', 'Foyer']);
    expect(resources.footer).toEqual(['Total', '1\u202f450,00 €', '210,00 €']);
    const texts = documentTexts(doc);
    expect(texts).toContain('Crédits à la consommation (page 10)');
    expect(texts).toContain('Dettes de logement (page 6)');
    expect(texts).toContain('Cofidis (Crédit renouvelable)');
    expect(texts).toContain('TSA 12345, 59000 Lille');
    expect(texts).toContain('RC-778899');
    expect(texts).toContain(
      'Le dépôt en ligne (espace personnel Banque de France, avec FranceConnect) est possible pour ce dossier.',
    );
  });

  it('a couple: a co-filer identity block and column, and the online filing refused', () => {
    const dossier = makeDossier({ couple: true });
    const doc = buildBdfPreparation({
      dossier,
      locale: 'fr',
      today: TODAY,
      guardianship: false,
      providedGeneral: [],
    });
    const identity = tableAfter(doc, '1. Identité (page 1)', 'Co-déposant');
    expect(identity.rows).toContainEqual(['Nom et prénom', 'Marc Lefèvre']);
    expect(identity.rows).toContainEqual(['Date de naissance', '30/09/1983']);
    const resources = tableAfter(doc, '5. Ressources mensuelles (page 3)');
    expect(resources.columns.map((c) => c.label)).toEqual(['', 'Déposant', 'Co-déposant', 'Foyer']);
    expect(resources.rows).toContainEqual(['Allocations chômage', '', '980,00 €', '']);
    expect(doc.subtitle).toBe('Awa Diallo et Marc Lefèvre · formulaire Cerfa 13594*02');
    expect(documentTexts(doc)).toContain(
      'Dépôt en ligne impossible : le dossier a un co-déposant. Il faut déposer sur papier.',
    );
  });
});

describe('online filing warnings', () => {
  it('couple and guardianship refuse the online filing; a non-filing spouse is a point to settle', () => {
    expect(onlineFilingWarnings(makeDossier(), { guardianship: false })).toEqual([]);
    expect(onlineFilingWarnings(makeDossier({ couple: true }), { guardianship: false })).toEqual(['couple']);
    expect(onlineFilingWarnings(makeDossier(), { guardianship: true })).toEqual(['guardianship']);
    expect(onlineFilingPossible(['non_filing_spouse'])).toBe(true);
    expect(onlineFilingPossible(['guardianship'])).toBe(false);

    const spouse = makeDossier();
    const member = spouse.members[0];
    if (!member) throw new Error('no member');
    spouse.members.push({ ...member, id: 'm-spouse', role: 'non_filing_spouse', firstName: 'Paul' });
    expect(onlineFilingWarnings(spouse, { guardianship: false })).toEqual(['non_filing_spouse']);
  });
});

describe('supporting documents checklist', () => {
  it('asks for what this household needs and marks what is missing', () => {
    const dossier = makeDossier();
    expect(neededGeneralDocuments(dossier, { guardianship: false })).toEqual([
      'id_filer',
      'family_book',
      'payslips',
      'benefit_notices',
      'bank_statements',
      'tax_notice',
      'rent_receipt',
      'cause_letter',
    ]);
    expect(neededGeneralDocuments(makeDossier({ couple: true }), { guardianship: true })).toContain(
      'guardianship_judgment',
    );
    const list = bdfChecklist(dossier, { guardianship: false, providedGeneral: ['id_filer', 'tax_notice'] });
    expect(list.filter((c) => c.scope === 'general' && c.provided).map((c) => c.document)).toEqual([
      'id_filer',
      'tax_notice',
    ]);
    // Debt documents come from the ticks stored on each debt.
    expect(list.filter((c) => c.scope === 'debt-credit')).toEqual([
      { scope: 'debt-credit', document: 'contract', provided: true },
      { scope: 'debt-credit', document: 'last_statement', provided: false },
    ]);
    expect(list.filter((c) => c.scope === 'debt-rent').every((c) => c.provided)).toBe(true);
    expect(list.filter((c) => !c.provided)).toHaveLength(6 + 1 + 1);
    const doc = buildBdfPreparation({
      dossier,
      locale: 'en',
      today: TODAY,
      guardianship: false,
      providedGeneral: ['id_filer', 'tax_notice'],
    });
    expect(documentTexts(doc)).toContain('8 document(s) missing.');
  });
});
