/**
 * The intake's welcome-point rule (AUTH6, AUTH10): only the person's open welcome points, the
 * household's current one, or none; anything else is refused before it reaches the outbox.
 */
import { describe, expect, it } from 'vitest';
import type { WelcomePoint } from '../../../src/domain/sync/protocol';
import {
  allowedWelcomePointIds,
  validateHouseholdValues,
  welcomePointChoices,
} from '../../../src/state/intake/household-intake';
import { emptyNewDossierValues, validateNewDossier } from '../../../src/state/intake/new-dossier-form';

const KNOWN: WelcomePoint[] = [
  { id: 'wp-lens', name: 'Mairie de Lens', archived: false },
  { id: 'wp-old', name: 'Ancienne permanence', archived: true },
];
const household = { territory: 'metropole', departement: '59', housingStatus: 'tenant' };

describe('welcome point at intake', () => {
  it('allows the open welcome points, plus the current one even when archived', () => {
    expect(allowedWelcomePointIds(KNOWN, undefined)).toEqual(['wp-lens']);
    expect(allowedWelcomePointIds(KNOWN, 'wp-old')).toEqual(['wp-lens', 'wp-old']);
    expect(allowedWelcomePointIds([], 'wp-8')).toEqual(['wp-8']);
  });

  it('refuses a welcome point outside the allowed ones; accepts one of them, or none', () => {
    const allowed = allowedWelcomePointIds(KNOWN, undefined);
    const foreign = validateHouseholdValues({ ...household, welcomePointId: 'wp-8' }, allowed);
    expect(foreign).toEqual({ ok: false, errors: { welcomePointId: 'intake.error.welcomePointNotAllowed' } });
    const archived = validateHouseholdValues({ ...household, welcomePointId: 'wp-old' }, allowed);
    expect(archived.ok).toBe(false);
    const mine = validateHouseholdValues({ ...household, welcomePointId: 'wp-lens' }, allowed);
    expect(mine.ok && mine.value.welcomePointId).toBe('wp-lens');
    const none = validateHouseholdValues({ ...household, welcomePointId: '' }, allowed);
    expect(none.ok && none.value.welcomePointId).toBeUndefined();
    // Without a rule (reading a stored row), any value parses.
    expect(validateHouseholdValues({ ...household, welcomePointId: 'wp-8' }).ok).toBe(true);
  });

  it('[AUTH6c] a household placed in a welcome point may move to another, never to none', () => {
    const allowed = allowedWelcomePointIds(KNOWN, 'wp-old');
    const emptied = validateHouseholdValues({ ...household, welcomePointId: ' ' }, allowed, 'wp-old');
    expect(emptied).toEqual({ ok: false, errors: { welcomePointId: 'intake.error.welcomePointRequired' } });
    const moved = validateHouseholdValues({ ...household, welcomePointId: 'wp-lens' }, allowed, 'wp-old');
    expect(moved.ok && moved.value.welcomePointId).toBe('wp-lens');
    // A household without one yet may stay without.
    const personal = validateHouseholdValues({ ...household, welcomePointId: '' }, allowed, undefined);
    expect(personal.ok).toBe(true);
  });

  it('a new dossier with a foreign welcome point is refused as a whole', () => {
    const values = {
      ...emptyNewDossierValues('wp-8'),
      ...household,
      'm.1.lastName': 'Benali',
      'm.1.birthDate': '1985-06-15',
    };
    const result = validateNewDossier(values, '2026-11-27', ['wp-lens']);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.welcomePointId).toBe('intake.error.welcomePointNotAllowed');
    expect(validateNewDossier({ ...values, welcomePointId: 'wp-lens' }, '2026-11-27', ['wp-lens']).ok).toBe(
      true,
    );
  });

  it('lists the choices by name, then a refused value as it is', () => {
    expect(welcomePointChoices(KNOWN, 'wp-old', 'wp-old')).toEqual([
      { id: 'wp-lens', name: 'Mairie de Lens', kind: 'active' },
      { id: 'wp-old', name: 'Ancienne permanence', kind: 'archived' },
    ]);
    expect(welcomePointChoices(KNOWN, undefined, 'wp-8')).toEqual([
      { id: 'wp-lens', name: 'Mairie de Lens', kind: 'active' },
      { id: 'wp-8', name: 'wp-8', kind: 'not-allowed' },
    ]);
  });
});
