import { render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from '../scenarios/fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

it('axe-core finds no violation on the Follow-up tab with rows in every part', async () => {
  const { repository, state } = makeTestState();
  const id = await seedDossierWithDebts(repository);
  await repository.addRow('appointment', id, {
    startsAt: '2026-12-03T10:00',
    status: 'planned',
    place: 'Mairie',
  });
  await repository.addRow('appointment', id, {
    startsAt: '2026-11-20T09:00',
    status: 'done',
    orientation: 'microcredit',
  });
  await repository.addRow('action', id, { kind: 'mediation_request', date: '2026-11-02', status: 'sent' });
  await repository.addRow('action', id, { kind: 'budget_diagnosis', date: '2026-11-27', status: 'done' });
  await repository.addRow('microcredit', id, {
    requestedOn: '2026-09-01',
    instructedOn: '2026-09-15',
    decision: 'granted',
    decidedOn: '2026-10-01',
    lender: 'Caisse solidaire',
    amountCents: 280_000,
    months: 36,
    monthlyPaymentCents: 8_500,
    firstPaymentOn: '2026-11-05',
  });
  await repository.addRow('microcredit', id, { requestedOn: '2026-11-10' });
  const note = await repository.appendNote(id, 'Première note');
  await repository.reviseNote(note.id, 'Première note, corrigée');
  window.history.replaceState(null, '', `/dossiers/${id}/followup`);
  const { container } = render(<App state={state} />);
  await screen.findByText('Première note, corrigée');
  await screen.findByTestId('microcredit-in-budget');
  expect(screen.getAllByTestId('microcredit')).toHaveLength(2);
  for (const details of container.querySelectorAll('details')) details.open = true;
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.passes.length).toBeGreaterThan(10);
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  locale.value = 'en';
  expect(await screen.findByRole('heading', { level: 2, name: 'Orientation of the case' })).toBeTruthy();
});
