import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../../src/domain/dates';
import { consentGivers, validateConsentValues } from '../../../src/state/intake/consent-intake';

const today = '2026-11-27' as IsoDate;
// Ages on 2026-11-27, by hand: mother 46 (1980-02-01), Léa 18 that day (2008-11-27),
// Tom 7 (2019-05-10), Inès 11 (2015-03-03).
const members = [
  { id: 'mother', birthDate: '1980-02-01' },
  { id: 'lea', birthDate: '2008-11-27' },
  { id: 'tom', birthDate: '2019-05-10' },
  { id: 'ines', birthDate: '2015-03-03' },
];
const consent = (memberId: string, date = today) => ({
  purpose: 'dossier_processing',
  purposeDetails: '',
  memberId,
  date,
  recordedBy: 'Marie Curie',
});

describe('consent givers', () => {
  it('are the adults of the household on the day of the consent', () => {
    expect(consentGivers(members, consent(''), today).map((m) => m.id)).toEqual(['mother', 'lea']);
    expect(consentGivers(members, consent('', '2026-11-26'), today).map((m) => m.id)).toEqual(['mother']);
    // A date not yet valid (being typed) or in the future counts as today.
    expect(consentGivers(members, consent('', '2026-11'), today).map((m) => m.id)).toEqual(['mother', 'lea']);
  });

  it('refuses a child named as giving consent (an old draft), next to the field', () => {
    expect(validateConsentValues(consent('tom'), today, members)).toEqual({
      ok: false,
      errors: { memberId: 'intake.error.consentByMinor' },
    });
    expect(validateConsentValues(consent('lea', '2026-11-26'), today, members)).toEqual({
      ok: false,
      errors: { memberId: 'intake.error.consentByMinor' },
    });
    expect(validateConsentValues(consent('lea'), today, members)).toMatchObject({
      ok: true,
      value: { memberId: 'lea', recordedBy: 'Marie Curie' },
    });
    expect(validateConsentValues(consent(''), today, members)).toMatchObject({
      ok: true,
      value: { memberId: undefined },
    });
  });
});
