/**
 * Each document is drawn as a PDF in Node, then parsed back with poppler's pdftotext to check
 * that the names, the key figures and the French characters are really in the file.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/documents/pdf/render-pdf';
import {
  buildBdfPreparation,
  buildBudgetSheet,
  buildClientPlan,
  buildLetter,
  draftLetter,
  letterTemplate,
  savedPlan,
} from '../../src/domain/documents';
import {
  diagnosisOf,
  makeDossier,
  protect,
  scenarioRow,
  TODAY,
  withStoredDetails,
} from '../domain/documents/fixture';
import { fontFiles, pdfFonts, pdfInfo, pdfLayoutText, pdfText, writeTemp } from './pdf-helpers';

const fonts = fontFiles();
const producedAt = new Date('2026-11-27T10:00:00Z');

async function render(name: string, doc: Parameters<typeof renderPdf>[0]) {
  const bytes = await renderPdf(doc, fonts, { producedAt });
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  return writeTemp(`${name}.pdf`, bytes);
}

function plan() {
  const result = savedPlan(makeDossier(), scenarioRow());
  if (!result.ok) throw new Error(result.reason);
  return result.plan;
}

describe('PDF documents parsed back', () => {
  it('budget sheet: one A4 page, embedded Atkinson Hyperlegible, names and figures', async () => {
    const dossier = makeDossier();
    const path = await render(
      'budget',
      buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'fr', today: TODAY }),
    );
    const info = pdfInfo(path);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(info.Title).toBe('Votre budget');
    const fontsList = pdfFonts(path);
    expect(fontsList).toContain('AtkinsonHyperlegible-Regular');
    expect(fontsList).toContain('AtkinsonHyperlegible-Bold');
    // Embedded (emb = yes) with a Unicode map (uni = yes), so text extraction works.
    expect(fontsList).toMatch(
      /AtkinsonHyperlegible-Regular\S*\s+CID TrueType\s+Identity-H\s+yes\s+\w+\s+yes/,
    );
    const text = pdfText(path);
    expect(text).toContain('Votre budget');
    expect(text).toContain('Awa Diallo · 27 novembre 2026');
    expect(text).toContain('1 660,00 € par mois');
    expect(text).toContain('146,00 € par mois');
    expect(text).toContain('Électricité et gaz');
    expect(text).toContain('Habitat Rhône');
    expect(text).toContain('Page 1 sur 1');
    const layout = pdfLayoutText(path);
    expect(layout).toMatch(/Cofidis\s+Crédit renouvelable\s+4 800,00 €\s+180,00 €/);
  });

  it('client plan: month by month per creditor with totals, over several pages', async () => {
    const dossier = makeDossier();
    const path = await render('plan', buildClientPlan({ dossier, plan: plan(), locale: 'fr', today: TODAY }));
    const pages = Number(pdfInfo(path).Pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    const layout = pdfLayoutText(path);
    expect(layout).toContain('Votre plan de remboursement');
    expect(layout).toMatch(/1\. décembre 2026\s+207,19 €\s+56,12 €\s+36,69 €\s+300,00 €/);
    expect(layout).toMatch(/24\. novembre 2028\s+34,53 €\s+9,35 €\s+6,12 €\s+50,00 €/);
    expect(layout).toMatch(/Total\s+4 800,00 €\s+1 300,00 €\s+850,00 €\s+6 950,00 €/);
    expect(layout).toContain(`Page ${pages} sur ${pages}`);
    // The header row is repeated on the next page.
    expect(layout.match(/^\f?Mois\s+Cofidis/gm)?.length).toBe(pages);
  });

  it('rescheduling letter: edited text, accents, « », œ, € and the narrow no-break space', async () => {
    // The reference and the creditor's address are the ones stored on the rows.
    const dossier = withStoredDetails(makeDossier());
    const p = plan();
    const context = {
      dossier,
      diagnosis: diagnosisOf(dossier),
      plan: p,
      locale: 'fr' as const,
      today: TODAY,
    };
    const form = { kind: 'rescheduling_request' as const, debtId: 'debt-credit' };
    const draft = draftLetter(letterTemplate('rescheduling_request', 'fr'), context, form);
    const body = draft.body.text.replace(
      '{{reason}}',
      'Ma sœur a été hospitalisée ; j’ai dû « tout arrêter » pour m’en occuper. Cœur, œuvre, Œdipe : 1\u202f234,56 €.',
    );
    const path = await render(
      'letter',
      buildLetter({
        dossier,
        locale: 'fr',
        today: TODAY,
        kind: 'rescheduling_request',
        debtId: 'debt-credit',
        subject: draft.subject.text,
        body,
        plan: p,
      }),
    );
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain('Objet : Demande de rééchelonnement de ma dette, référence : RC-778899');
    expect(text).toContain('Ma sœur a été hospitalisée');
    expect(text).toContain('« tout arrêter »');
    expect(text).toContain('Cœur, œuvre, Œdipe : 1 234,56 €.');
    expect(text).toContain('À Lyon, le 27 novembre 2026');
    expect(text).toContain('Service recouvrement');
    expect(text).toContain('Plan proposé · Cofidis');
    expect(text).not.toContain('?');
    expect(text).not.toContain('{{');
    expect(pdfLayoutText(path)).toMatch(
      /Mois 1 à 23 \(décembre 2026 à octobre 2028\)\s+207,19 €\s+4 765,47 €/,
    );
  });

  it('grace-period and tax relief letters in English', async () => {
    const dossier = withStoredDetails(makeDossier(), { debtReference: 'REF-1' });
    const taxDebt = dossier.debts.find((d) => d.id === 'debt-tax');
    if (taxDebt) taxDebt.reference = 'AVIS-2026';
    for (const kind of ['grace_period_request', 'tax_relief_request'] as const) {
      const debtId = kind === 'tax_relief_request' ? 'debt-tax' : 'debt-credit';
      const draft = draftLetter(
        letterTemplate(kind, 'en'),
        { dossier, diagnosis: diagnosisOf(dossier), plan: null, locale: 'en', today: TODAY },
        { kind, debtId, reason: 'I lost my job.', graceMonths: 4 },
      );
      expect(draft.body.missing).toEqual([]);
      const path = await render(kind, {
        ...buildLetter({
          dossier,
          locale: 'en',
          today: TODAY,
          kind,
          debtId,
          subject: draft.subject.text,
          body: draft.body.text,
        }),
      });
      const text = pdfText(path);
      expect(text).toContain('Awa Diallo');
      expect(text).toContain('Lyon, 27 November 2026');
      if (kind === 'tax_relief_request') {
        expect(text).toContain('relief (remise gracieuse) of my tax debt of €850.00');
        expect(text).toContain('SIP Lyon 3e');
      } else {
        expect(text).toContain('postpone my payments for 4 months');
      }
    }
  });

  it('Banque de France preparation for a couple: sections, co-filer, warning, checklist', async () => {
    // The guardianship, the ticks, the cause, the address and the references are stored on the rows.
    const dossier = protect(withStoredDetails(makeDossier({ couple: true })), 'm-marc', 'curatelle');
    dossier.household = {
      ...dossier.household,
      documentsProvided: ['id_filer'],
      indebtednessCause: 'Séparation et perte d’emploi en 2025.',
    };
    const path = await render('bdf', buildBdfPreparation({ dossier, locale: 'fr', today: TODAY }));
    const text = pdfText(path);
    expect(text).toContain('Préparation du dossier de surendettement');
    expect(text).toContain('Awa Diallo et Marc Lefèvre');
    expect(text).toContain('Dépôt en ligne impossible : le dossier a un co-déposant.');
    expect(text).toContain('Dépôt en ligne impossible : une personne est sous tutelle ou curatelle.');
    expect(text).toContain('8. Dettes par catégorie (pages 6 à 11)');
    expect(text).toContain('Crédits à la consommation (page 10)');
    expect(text).toContain('Jugement de tutelle ou de curatelle (manquante)');
    expect(text).toContain('11 pièces manquantes.');
    expect(text).toContain('Curatelle');
    expect(text).toContain('Séparation et perte d’emploi en 2025.');
    expect(text).toContain('RC-778899');
    expect(text.replace(/\s+/g, ' ')).toContain('Service recouvrement, TSA 12345, 59000 Lille');
    const layout = pdfLayoutText(path);
    expect(layout).toMatch(/Allocations chômage\s+980,00 €/);
    expect(layout).toMatch(/Total\s+1 450,00 €\s+980,00 €\s+210,00 €/);
  });
});
