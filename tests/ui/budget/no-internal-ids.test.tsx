/**
 * Issue 12, point 5: no internal identifier reaches the screen. The budget diagnosis of a
 * household computed with an estimate (the April 2026 RSA, confidence U, on 2026-11-27) and
 * with a date no legal rate covers (second half of 2026) shows every "Why?" and every alert;
 * none of its text may show a record id, a rule-book reference, a confidence marker or a
 * supplement prefix; the decree and the article of the code are cited; the estimate is called
 * one in words.
 */
import { render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLocale, locale } from '../../../src/i18n/i18n';
import type { SyncSessionView } from '../../../src/state/sync-model';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedExampleA } from './seed-household';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const INTERNAL_IDS = [
  /domain-rules/,
  /\[U\]/,
  /\[S\]/,
  /\b[a-z]+-\d{4}(-\d{2})?(-[a-z]+)?\b/,
  /local:/,
  /\bseizureScale\b|\blegalInterestRate\b|rsa\.amounts/,
];

async function diagnosisText(state: ReturnType<typeof makeTestState>['state'], householdId: string) {
  window.history.replaceState(null, '', `/dossiers/${householdId}/budget`);
  render(<App state={state} />);
  const panel = await screen.findByRole('region', { name: /^(Diagnostic|Diagnosis)$/ });
  await screen.findByTestId('capacity');
  // Every "Why?" open, as a reader would open them.
  for (const details of panel.querySelectorAll('details')) details.open = true;
  return panel.textContent ?? '';
}

function expectNoInternalIds(text: string) {
  for (const pattern of INTERNAL_IDS) expect(text, `${pattern} in: ${text}`).not.toMatch(pattern);
}

describe('Budget diagnosis: no internal identifiers on screen (issue 12, point 5)', () => {
  it('in French: sources in words, the estimate called one, and who can enter the official value', async () => {
    const test = makeTestState();
    const { householdId } = await seedExampleA(test.repository);
    const text = await diagnosisText(test.state, householdId);
    expectNoInternalIds(text);
    // The decree of the 2026 seizure scale and the articles of the RSA, from the records' sources.
    expect(text).toContain('Décret n° 2025-1299 du 24 décembre 2025');
    expect(text).toContain('CASF L262-2');
    expect(text).toMatch(/estimation/i);
    // Both alerts about legal values are there, and a counsellor is told who can enter them.
    expect(text).toContain('Le montant du RSA utilisé (avril 2026) est une estimation');
    expect(text).toContain('Taux de l’intérêt légal de la période non renseigné');
    expect(text).toContain('Seul un administrateur de Relais peut saisir la valeur officielle');
    expect(screen.queryByRole('link', { name: /Paramètres légaux/ })).toBeNull();
  });

  it('in English, for an admin: a link to Administration › Legal parameters', async () => {
    const test = makeTestState();
    const { householdId } = await seedExampleA(test.repository);
    await loadLocale('en');
    locale.value = 'en';
    test.state.sync.session.value = {
      user: { id: 'u-admin', username: 'admin', displayName: 'Admin', role: 'admin', welcomePointIds: [] },
      deviceId: 'device-1',
      expiresAt: Date.now() + 3_600_000,
      welcomePoints: [],
    } as unknown as SyncSessionView;
    const text = await diagnosisText(test.state, householdId);
    expectNoInternalIds(text);
    expect(text).toContain('Décret n° 2025-1299 du 24 décembre 2025');
    expect(text).toMatch(/estimate/i);
    const links = screen.getAllByRole('link', { name: /Administration › Legal parameters/ });
    // The estimated RSA, the legal rate of the period and the national forfait default.
    expect(links.length).toBe(3);
    for (const link of links) expect(link.getAttribute('href')).toBe('/admin#legal-parameters');
  });

  it('cites the legal text an admin entered, never its id', async () => {
    const test = makeTestState();
    const { householdId } = await seedExampleA(test.repository);
    test.state.workspace.diagnosisOptions.value = {
      parameterSupplements: {
        rsaAmounts: [
          {
            id: '0193b3c4-aaaa-7bbb-8ccc-ddddeeeeffff',
            validFrom: '2026-04-01',
            validTo: '2027-03-31',
            legalBasis: 'Décret n° 2026-301 du 28 mars 2026 portant revalorisation du RSA',
            sourceUrls: [],
            confidence: 'C',
            baseMonthlyCents: 65_100,
          },
        ],
      },
    };
    const text = await diagnosisText(test.state, householdId);
    expectNoInternalIds(text);
    expect(text).not.toContain('0193b3c4');
    expect(text).toContain('Décret n° 2026-301 du 28 mars 2026 portant revalorisation du RSA');
    expect(text).not.toContain('Le montant du RSA utilisé (avril 2026) est une estimation');
  });
});
