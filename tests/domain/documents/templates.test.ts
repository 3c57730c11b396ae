import { describe, expect, it } from 'vitest';
import {
  draftLetter,
  fillTemplate,
  LETTER_TEMPLATES,
  LetterKindSchema,
  LetterTemplateSchema,
  letterTemplate,
  PLACEHOLDERS,
  savedPlan,
  unresolvedPlaceholders,
} from '../../../src/domain/documents';
import { diagnosisOf, makeDossier, scenarioRow, TODAY, withStoredDetails } from './fixture';

describe('fillTemplate', () => {
  it('replaces known placeholders, with or without inner spaces', () => {
    const result = fillTemplate('Bonjour {{household.name}}, réf. {{ debt.reference }}.', {
      'household.name': 'Awa Diallo',
      'debt.reference': 'C-123',
    });
    expect(result).toEqual({ text: 'Bonjour Awa Diallo, réf. C-123.', unknown: [], missing: [] });
  });

  it('reports missing values once each and leaves them in the text to complete', () => {
    const result = fillTemplate('{{debt.reference}} / {{reason}} / {{debt.reference}}', {
      reason: '   ',
    });
    expect(result.text).toBe('{{debt.reference}} / {{reason}} / {{debt.reference}}');
    expect(result.missing).toEqual(['debt.reference', 'reason']);
    expect(result.unknown).toEqual([]);
  });

  it('reports unknown placeholders (a typo in a template) and leaves them as typed', () => {
    const result = fillTemplate('{{creditor.nom}} {{creditor.name}}', { 'creditor.name': 'Cofidis' });
    expect(result).toEqual({ text: '{{creditor.nom}} Cofidis', unknown: ['creditor.nom'], missing: [] });
  });

  it('finds what is still unresolved after editing', () => {
    expect(unresolvedPlaceholders('Réf. {{debt.reference}} et {{x.y}} et {{debt.reference}}')).toEqual([
      'debt.reference',
      'x.y',
    ]);
    expect(unresolvedPlaceholders('Tout est rempli.')).toEqual([]);
  });
});

describe('letter templates as data', () => {
  it('every kind exists in French and English, parses, and uses only known placeholders', () => {
    for (const kind of LetterKindSchema.options) {
      for (const locale of ['fr', 'en'] as const) {
        const template = letterTemplate(kind, locale);
        expect(LetterTemplateSchema.parse(template)).toEqual(template);
        const names = [...unresolvedPlaceholders(template.subject), ...unresolvedPlaceholders(template.body)];
        expect(names.filter((n) => !(n in PLACEHOLDERS))).toEqual([]);
      }
    }
    expect(new Set(LETTER_TEMPLATES.map((t) => t.id)).size).toBe(LETTER_TEMPLATES.length);
  });

  it('fills a rescheduling request with the dossier, the diagnosis and the plan for this creditor', () => {
    // The reference is the one stored on the debt row.
    const dossier = withStoredDetails(makeDossier());
    const planResult = savedPlan(dossier, scenarioRow());
    if (!planResult.ok) throw new Error('no plan');
    const { subject, body } = draftLetter(
      letterTemplate('rescheduling_request', 'fr'),
      { dossier, diagnosis: diagnosisOf(dossier), plan: planResult.plan, locale: 'fr', today: TODAY },
      { kind: 'rescheduling_request', debtId: 'debt-credit' },
    );
    expect(subject.text).toBe('Demande de rééchelonnement de ma dette, référence : RC-778899');
    expect(body.text).toContain('ma dette auprès de Cofidis (Crédit renouvelable, référence : RC-778899)');
    expect(body.text).toContain('Le montant restant dû est de 4\u202f800,00 €.');
    expect(body.text).toContain('mes ressources sont de 1\u202f660,00 € par mois');
    // What the household can afford is the saved plan's monthly total (300,00 €), not the
    // diagnosis capacity (146,00 €): one source for every figure of the letter.
    expect(body.text).toContain('À partir de décembre 2026, je peux consacrer 300,00 € par mois');
    expect(body.text).toContain('207,19 € par mois pendant 24 mois, soit 4\u202f800,00 € au total');
    // The reason was not typed: it stays for the counsellor to write.
    expect(body.missing).toEqual(['reason']);
    expect(body.unknown).toEqual([]);
  });

  it('a grace-period request in English reports the months when they are missing', () => {
    const dossier = makeDossier();
    const context = {
      dossier,
      diagnosis: diagnosisOf(dossier),
      plan: null,
      locale: 'en' as const,
      today: TODAY,
    };
    const without = draftLetter(letterTemplate('grace_period_request', 'en'), context, {
      kind: 'grace_period_request',
      debtId: 'debt-credit',
      reason: 'I lost my job in September.',
    });
    // No reference stored: the letter says so in words instead of waiting for one.
    expect(without.body.missing).toEqual(['grace.months']);
    expect(without.body.text).toContain('reference: to be completed.');
    // Without its own reference, the debt takes the one stored on its creditor.
    const creditorOnly = withStoredDetails(dossier);
    creditorOnly.debts = creditorOnly.debts.map((d) => ({ ...d, reference: undefined }));
    const fromCreditor = draftLetter(
      letterTemplate('grace_period_request', 'en'),
      { ...context, dossier: creditorOnly },
      {
        kind: 'grace_period_request',
        debtId: 'debt-credit',
        graceMonths: 2,
      },
    );
    expect(fromCreditor.body.text).toContain('CLI-42');
    const stored = withStoredDetails(dossier, { debtReference: 'RC-1' });
    const withMonths = draftLetter(
      letterTemplate('grace_period_request', 'en'),
      { ...context, dossier: stored },
      {
        kind: 'grace_period_request',
        debtId: 'debt-credit',
        reason: 'I lost my job in September.',
        graceMonths: 6,
      },
    );
    expect(withMonths.body.missing).toEqual([]);
    expect(withMonths.body.text).toContain('postpone my payments for 6 months');
    expect(withMonths.body.text).toContain('RC-1');
    expect(withMonths.body.text).toContain('my debt “Revolving credit” with Cofidis');
    expect(withMonths.body.text).toContain('The instalment is €180.00 a month.');
  });

  it('a grace-period request for rent arrears names the debt and states what is owed, not a 0,00 € instalment', () => {
    const dossier = makeDossier();
    const context = { dossier, diagnosis: diagnosisOf(dossier), plan: null, today: TODAY };
    const form = { kind: 'grace_period_request' as const, debtId: 'debt-rent', graceMonths: 3 };
    const fr = draftLetter(letterTemplate('grace_period_request', 'fr'), { ...context, locale: 'fr' }, form);
    // The rent arrears have no instalment: 0 capital + 1 300,00 € of arrears are owed.
    expect(fr.body.text).toContain('au sujet de ma dette « Loyers impayés » auprès de Habitat Rhône');
    expect(fr.body.text).toContain('Le montant dû est de 1\u202f300,00 €.');
    expect(fr.body.text).not.toContain('mensualité');
    expect(fr.body.text).not.toContain(' 0,00 €');
    expect(fr.body.text).not.toMatch(/\bmon Loyers/);
    expect(fr.body.text).toContain('un report de 3 mois de mes paiements');
    const en = draftLetter(letterTemplate('grace_period_request', 'en'), { ...context, locale: 'en' }, form);
    expect(en.body.text).toContain('my debt “Unpaid rent” with Habitat Rhône');
    expect(en.body.text).toContain('The amount owed is €1,300.00.');
    expect(en.body.text).not.toContain('instalment is');
    expect(en.body.text).not.toContain('€0.00');
  });
});
