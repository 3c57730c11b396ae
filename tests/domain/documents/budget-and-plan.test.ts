import { describe, expect, it } from 'vitest';
import {
  buildBudgetSheet,
  buildClientPlan,
  buildLetter,
  chosenScenario,
  documentTexts,
  fileNameOf,
  savedPlan,
  segmentsOf,
} from '../../../src/domain/documents';
import { lopsidedHousehold } from '../../documents/layout-fixture';
import { diagnosisOf, makeDossier, scenarioRow, TODAY, withStoredDetails } from './fixture';

describe('budget sheet', () => {
  it('shows the key figures of the diagnosis in plain words', () => {
    const dossier = makeDossier();
    const doc = buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'fr', today: TODAY });
    expect(doc.title).toBe('Votre budget');
    expect(doc.subtitle).toBe('Awa Diallo · 27 novembre 2026');
    expect(doc.audience).toBe('client');
    const figures = doc.sections[0]?.blocks[0];
    expect(figures?.kind === 'keyFigures' && figures.items.map((i) => [i.label, i.value])).toEqual([
      ['Ressources', '1\u202f660,00 € par mois'],
      ['Charges fixes', '740,00 € par mois'],
      ['Crédits et dettes à payer', '180,00 € par mois'],
      ['Reste après charges et crédits', '740,00 € par mois'],
      ['Remboursement selon la commission', '146,00 € par mois'],
    ]);
    expect(documentTexts(doc)).toContain(
      'Vos crédits et dettes vous coûtent 180,00 € par mois. C’est plus que le remboursement selon la commission (146,00 €). Il faut demander aux créanciers d’étaler les paiements.',
    );
    // Both figures are positive: the capacity's note names the commission's living-costs budget
    // (real charges plus its forfaits; it is what the capacity leaves the household:
    // 1 660,00 − 146,00 = 1 514,00 €) without a "why they differ".
    const note = figures?.kind === 'keyFigures' ? figures.items[4]?.note : undefined;
    expect(note).toBe(
      'Calcul de la commission de surendettement avec son budget de vie courante (1\u202f514,00 €), sans les crédits : ce qu’elle pourrait vous demander chaque mois.',
    );
    expect(doc.fileName).toBe('votre-budget-awa-diallo-2026-11-27');
  });

  it('names both figures and says why they differ when declared costs exceed income but the commission finds a capacity', () => {
    // One resource of 1 450,00 €; 11 declared charges: 650 + 90 + 21 + 65 + 49,99 + 30 + 75
    // + 180 + 45 + 32 + 56 = 1 293,99 €; two loans with instalments 124,45 + 128,45 = 252,90 €.
    // Left after costs and loans: 1 450,00 − 1 293,99 − 252,90 = −96,89 €.
    // The commission's living-costs budget here is the real charges, 1 293,99 €, and loans do
    // not count: capacity 1 450,00 − 1 293,99 = 156,01 €.
    const dossier = lopsidedHousehold();
    const fr = buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'fr', today: TODAY });
    const figures = fr.sections[0]?.blocks[0];
    expect(figures?.kind === 'keyFigures' && figures.items.slice(3).map((i) => [i.label, i.value])).toEqual([
      ['Reste après charges et crédits', '-96,89 € par mois'],
      ['Remboursement selon la commission', '156,01 € par mois'],
    ]);
    // The one sentence that says why they differ sits in the capacity figure's note.
    const capacityNote = figures?.kind === 'keyFigures' ? figures.items[4]?.note : undefined;
    expect(capacityNote).toBe(
      'La commission compte son budget de vie courante (1\u202f293,99 €) et pas vos crédits ; le reste ci-dessus compte vos charges déclarées et vos crédits : c’est pourquoi les deux diffèrent.',
    );
    const en = buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'en', today: TODAY });
    const enFigures = en.sections[0]?.blocks[0];
    expect(
      enFigures?.kind === 'keyFigures' && enFigures.items.slice(3).map((i) => [i.label, i.value, i.note]),
    ).toEqual([
      ['Left after costs and loans', '-€96.89 a month', 'For food, clothes and everyday life.'],
      [
        'Repayment by the commission’s count',
        '€156.01 a month',
        'The commission counts its living-costs budget (€1,293.99) and not your loans; what is left above counts the costs you declare and your loans: that is why the two differ.',
      ],
    ]);
  });

  it('says why the figures differ the other way round: something left, but nothing the commission can ask', () => {
    // Salary down to 1 000,00 €: resources 1 000,00 + 210,00 (APL) = 1 210,00 €.
    // Left after costs and loans: 1 210,00 − 740,00 − 180,00 = 290,00 €.
    // The commission's living-costs budget stays 1 514,00 € (see above): it exceeds the
    // resources by 1 514,00 − 1 210,00 = 304,00 €, so the capacity is 0.
    const dossier = makeDossier();
    dossier.resources = dossier.resources.map((r) =>
      r.type === 'salary' ? { ...r, amountCents: 100_000 } : r,
    );
    const doc = buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'fr', today: TODAY });
    const figures = doc.sections[0]?.blocks[0];
    expect(figures?.kind === 'keyFigures' && figures.items.slice(3).map((i) => [i.value, i.note])).toEqual([
      ['290,00 € par mois', 'Pour la nourriture, les vêtements et la vie de tous les jours.'],
      [
        '0,00 € par mois',
        'La commission compte son budget de vie courante (1\u202f514,00 €) et pas vos crédits ; le reste ci-dessus compte vos charges déclarées et vos crédits : c’est pourquoi les deux diffèrent.',
      ],
    ]);
    expect(documentTexts(doc)).toContain(
      'Vos ressources ne couvrent pas le budget de vie courante retenu par la commission (1\u202f514,00 €) : il manque 304,00 € chaque mois, sans compter les crédits. Il n’est pas possible de rembourser les dettes pour l’instant.',
    );
  });

  it('exists in English', () => {
    const dossier = makeDossier();
    const doc = buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'en', today: TODAY });
    expect(doc.title).toBe('Your budget');
    expect(documentTexts(doc)).toContain('€146.00 a month');
  });
});

describe('saved plan and client plan', () => {
  it('recomputes the chosen scenario per creditor, months and totals adding up', () => {
    const dossier = makeDossier();
    const row = chosenScenario(dossier);
    expect(row?.id).toBe('sc-1');
    const result = savedPlan(dossier, row ?? scenarioRow());
    if (!result.ok) throw new Error(result.reason);
    const plan = result.plan;
    expect(plan.months).toBe(24);
    expect(plan.totalPaidCents).toBe(695_000);
    expect(plan.monthDates[0]).toBe('2026-12-01');
    expect(plan.monthDates[23]).toBe('2028-11-01');
    for (const c of plan.creditors) {
      expect(c.monthly.reduce((a, b) => a + b, 0)).toBe(c.paidCents);
      expect(c.segments.reduce((a, s) => a + s.totalCents, 0)).toBe(c.paidCents);
    }
    plan.monthlyTotals.forEach((total, i) => {
      expect(total).toBe(plan.creditors.reduce((a, c) => a + (c.monthly[i] ?? 0), 0));
      expect(total).toBeLessThanOrEqual(30_000);
    });
    expect(plan.changedSinceSaved).toBe(false);
  });

  it('says when the debts changed since the scenario was saved, and refuses an unreadable one', () => {
    const dossier = makeDossier();
    const changed = savedPlan(dossier, scenarioRow({}, 600_000));
    expect(changed.ok && changed.plan.changedSinceSaved).toBe(true);
    expect(savedPlan(dossier, scenarioRow({ parameters: { spec: 'x' } }))).toEqual({
      ok: false,
      reason: 'unreadable',
    });
  });

  it('runs of equal amounts (give or take a cent) are shown as one', () => {
    expect(segmentsOf([100, 101, 100, 0, 50])).toEqual([
      { fromMonth: 1, toMonth: 3, amountCents: 100, totalCents: 301, varies: true },
      { fromMonth: 5, toMonth: 5, amountCents: 50, totalCents: 50, varies: false },
    ]);
  });

  it('the client plan: key figures, per creditor, month by month with totals', () => {
    const dossier = makeDossier();
    const result = savedPlan(dossier, scenarioRow());
    if (!result.ok) throw new Error(result.reason);
    const doc = buildClientPlan({ dossier, plan: result.plan, locale: 'fr', today: TODAY });
    const texts = documentTexts(doc);
    expect(doc.title).toBe('Votre plan de remboursement');
    expect(texts).toContain('300,00 €');
    expect(texts).toContain('24 mois');
    expect(texts).toContain('6\u202f950,00 €');
    expect(texts).toContain('207,19 € (mois 1 à 23), puis 34,53 € (mois 24)');
    const month = doc.sections.find((s) => s.title === 'Mois par mois')?.blocks[0];
    if (month?.kind !== 'table') throw new Error('no month table');
    expect(month.columns.map((c) => c.label)).toEqual([
      'Mois',
      'Cofidis',
      'Habitat Rhône',
      'SIP Lyon 3e',
      'Total du mois',
    ]);
    expect(month.rows).toHaveLength(24);
    expect(month.rows[0]?.[0]).toBe('1. décembre 2026');
    expect(month.rows[0]?.[4]).toBe('300,00 €');
    expect(month.footer).toEqual([
      'Total',
      '4\u202f800,00 €',
      '1\u202f300,00 €',
      '850,00 €',
      '6\u202f950,00 €',
    ]);
  });
});

describe('letter document', () => {
  it('lays out sender, recipient, subject, the edited body, and the plan for this creditor', () => {
    const dossier = withStoredDetails(makeDossier(), {
      creditorAddress: 'Service clients\nTSA 12345\n59000 Lille',
    });
    const result = savedPlan(dossier, scenarioRow());
    if (!result.ok) throw new Error(result.reason);
    const doc = buildLetter({
      dossier,
      locale: 'fr',
      today: TODAY,
      kind: 'rescheduling_request',
      debtId: 'debt-credit',
      subject: 'Demande de rééchelonnement',
      body: 'Madame, Monsieur,\n\nPremier paragraphe\nsur deux lignes.\n\nCordialement.',
      plan: result.plan,
    });
    const blocks = doc.sections[0]?.blocks ?? [];
    expect(blocks[0]).toEqual({
      kind: 'address',
      align: 'left',
      lines: ['Awa Diallo', '12 rue de la Paix', '69003 Lyon', '06 12 34 56 78'],
    });
    expect(blocks[1]).toEqual({
      kind: 'address',
      align: 'right',
      lines: ['Cofidis', 'Service clients', 'TSA 12345', '59000 Lille'],
    });
    expect(blocks[2]).toEqual({ kind: 'address', align: 'right', lines: ['À Lyon, le 27 novembre 2026'] });
    expect(blocks[3]).toEqual({
      kind: 'paragraph',
      tone: 'strong',
      text: 'Objet : Demande de rééchelonnement',
    });
    expect(blocks[5]).toEqual({ kind: 'paragraph', text: 'Premier paragraphe sur deux lignes.' });
    expect(doc.sections[1]?.title).toBe('Plan proposé · Cofidis');
    const table = doc.sections[1]?.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.footer).toEqual(['Total', '', '4\u202f800,00 €']);
    expect(doc.fileName).toBe('demande-de-reechelonnement-cofidis-2026-11-27');
  });

  it('file names are plain ASCII', () => {
    expect(fileNameOf(['Préparation', 'Zoë Lefèvre', '2026-11-27'])).toBe(
      'preparation-zoe-lefevre-2026-11-27',
    );
  });
});
