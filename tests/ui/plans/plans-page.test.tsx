/**
 * "Mes plans" (/plans, PLAN8): the plans of the dossiers the signed-in counsellor is in charge of,
 * computed on the device, grouped by what to do, each row opening the dossier's follow-up; the
 * header's "Plans" entry with its count. Today is 27 November 2026.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { DossierRepository } from '../../../src/db/repository';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import type { Role } from '../../../src/domain/sync/protocol';
import { loadLocale, locale } from '../../../src/i18n/i18n';
import type { SyncSessionView } from '../../../src/state/sync-model-views';
import { App } from '../../../src/ui/app';
import { axeViolations } from '../axe-violations';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

async function household(
  repository: DossierRepository,
  firstName: string,
  counsellorId: string,
  plan: Partial<FieldsOf<'plan'>>,
) {
  const { household } = await repository.createHousehold(
    {
      territory: 'metropole',
      departement: '69',
      housingStatus: 'tenant',
      counsellorId,
      reference: `RL-${firstName}`,
    },
    [{ role: 'applicant', firstName, lastName: 'Test', birthDate: '1980-01-01' }],
  );
  await repository.addRow('plan', household.id, {
    kind: 'amicable',
    firstDueOn: '2026-12-20',
    steps: [{ months: 12, monthlyCents: 5_000 }],
    ...plan,
  });
  return household.id;
}

async function open(role: Role = 'counsellor') {
  const test = makeTestState();
  const { repository } = test;
  // Late: 1 September and 1 October unrecorded, 1 November too (past its 10 days of grace).
  const late = await household(repository, 'Alice', 'u-sam', {
    firstDueOn: '2026-09-01',
    kind: 'bdf_imposed',
  });
  // An instalment on 1 December, within 7 days.
  const soon = await household(repository, 'Bruno', 'u-sam', { firstDueOn: '2026-12-01' });
  await household(repository, 'Chloé', 'u-sam', { firstDueOn: '2026-12-20' });
  await household(repository, 'David', 'u-other', { firstDueOn: '2026-09-01' });
  test.state.sync.session.value = {
    user: { id: 'u-sam', username: 'sam', displayName: 'Sam', role, welcomePointIds: [] },
    deviceId: 'device-1',
    expiresAt: Date.now() + 3_600_000,
    welcomePoints: [],
  } as unknown as SyncSessionView;
  window.history.replaceState(null, '', '/plans');
  render(<App state={test.state} />);
  await screen.findByRole('heading', { level: 1, name: 'Mes plans' });
  await screen.findByRole('heading', { level: 2, name: 'À traiter (1)' });
  return { ...test, late, soon };
}

const section = (name: RegExp) => screen.getByRole('region', { name });

describe('Mes plans (PLAN8)', () => {
  it('PLAN8: my plans grouped, the late one with its figures, each opening the dossier’s follow-up', async () => {
    const { late, soon } = await open();
    const act = section(/^À traiter/);
    expect(act.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain('En retard : 3 mensualités, 150,00 €');
    const link = within(act).getByRole('link', { name: 'Ouvrir le suivi de Alice Test' });
    expect(link.getAttribute('href')).toBe(`/dossiers/${late}/followup`);
    const remind = section(/^Rappels/);
    expect(remind.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      'Mensualité du 1er décembre 2026 : 50,00 €',
    );
    expect(within(remind).getByRole('link').getAttribute('href')).toBe(`/dossiers/${soon}/followup`);
    expect(
      within(section(/^À jour/))
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Chloé Test']);
    // Another counsellor's plan only with "every plan on this device".
    expect(screen.queryByText('David Test')).toBeNull();
    fireEvent.click(screen.getByLabelText('Tous les plans de l’appareil'));
    await screen.findByRole('heading', { level: 2, name: 'À traiter (2)' });
    expect(within(section(/^À traiter/)).getByText('David Test')).toBeTruthy();
  });

  it('PLAN8: the header’s “Plans” entry counts my plans needing me', async () => {
    await open();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    const entry = within(nav).getByRole('link', { name: /^Plans/ });
    expect(entry.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(entry.textContent).toBe('Plans2 (2 plans à voir)'));
  });

  it('a volunteer sees no “Plans” entry', async () => {
    await open('volunteer');
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: /^Plans/ })).toBeNull();
  });

  it('speaks English, and has no axe violations', async () => {
    await open();
    expect(await axeViolations()).toEqual([]);
    await loadLocale('en');
    locale.value = 'en';
    await screen.findByRole('heading', { level: 2, name: 'To act on (1)' });
    expect(screen.getByText('Every plan on this device')).toBeTruthy();
    expect(section(/^To act on/).textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      'Late: 3 instalments, €150.00',
    );
  });
});
