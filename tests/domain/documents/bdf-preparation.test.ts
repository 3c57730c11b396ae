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
import { makeDossier, protect, TODAY, withStoredDetails } from './fixture';

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
      dossier: withStoredDetails(makeDossier(), { creditorAddress: 'TSA 12345\n59000 Lille' }),
      locale: 'fr',
      today: TODAY,
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
    expect(onlineFilingWarnings(makeDossier())).toEqual([]);
    expect(onlineFilingWarnings(makeDossier({ couple: true }))).toEqual(['couple']);
    expect(onlineFilingWarnings(protect(makeDossier(), 'm-awa', 'curatelle'))).toEqual(['guardianship']);
    // "none" and a protected child do not refuse the online filing.
    expect(onlineFilingWarnings(protect(makeDossier(), 'm-awa', 'none'))).toEqual([]);
    expect(onlineFilingPossible(['non_filing_spouse'])).toBe(true);
    expect(onlineFilingPossible(['guardianship'])).toBe(false);

    const spouse = makeDossier();
    const member = spouse.members[0];
    if (!member) throw new Error('no member');
    spouse.members.push({ ...member, id: 'm-spouse', role: 'non_filing_spouse', firstName: 'Paul' });
    expect(onlineFilingWarnings(spouse)).toEqual(['non_filing_spouse']);
  });
});

describe('supporting documents checklist', () => {
  it('asks for what this household needs and marks what is missing', () => {
    const dossier = makeDossier();
    expect(neededGeneralDocuments(dossier)).toEqual([
      'id_filer',
      'family_book',
      'payslips',
      'benefit_notices',
      'bank_statements',
      'tax_notice',
      'rent_receipt',
      'cause_letter',
    ]);
    expect(neededGeneralDocuments(protect(makeDossier({ couple: true }), 'm-marc', 'tutelle'))).toContain(
      'guardianship_judgment',
    );
    dossier.household = { ...dossier.household, documentsProvided: ['id_filer', 'tax_notice'] };
    const list = bdfChecklist(dossier);
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
    });
    expect(documentTexts(doc)).toContain('8 documents missing.');
  });
});

describe('what the preparation reads from the stored rows', () => {
  it('the protection of each filer, the cause and the references come from the dossier', () => {
    let dossier = protect(withStoredDetails(makeDossier({ couple: true })), 'm-marc', 'tutelle');
    dossier = protect(dossier, 'm-awa', 'none');
    dossier.household = { ...dossier.household, indebtednessCause: 'Perte d’emploi en mars 2025.' };
    const doc = buildBdfPreparation({ dossier, locale: 'fr', today: TODAY });
    expect(tableAfter(doc, '1. Identité (page 1)', 'Déposant').rows).toContainEqual([
      'Mesure de protection',
      'Aucune',
    ]);
    expect(tableAfter(doc, '1. Identité (page 1)', 'Co-déposant').rows).toContainEqual([
      'Mesure de protection',
      'Tutelle',
    ]);
    const texts = documentTexts(doc);
    expect(texts).toContain(
      'Dépôt en ligne impossible : une personne est sous tutelle ou curatelle. Il faut déposer sur papier, avec le tuteur ou le curateur.',
    );
    expect(texts).toContain('Perte d’emploi en mars 2025.');
    expect(texts).toContain('Service recouvrement, TSA 12345, 59000 Lille');
    expect(texts).toContain('RC-778899');
  });

  it('a creditor reference is used when the debt has none; a protected child is not a filer', () => {
    const base = withStoredDetails(makeDossier());
    const dossier = protect(
      { ...base, debts: base.debts.map((d) => ({ ...d, reference: undefined })) },
      'm-child',
      'tutelle',
    );
    const doc = buildBdfPreparation({ dossier, locale: 'fr', today: TODAY });
    expect(documentTexts(doc)).toContain('CLI-42');
    expect(onlineFilingWarnings(dossier)).toEqual([]);
    expect(neededGeneralDocuments(dossier)).not.toContain('guardianship_judgment');
  });
});
