import { render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { makeTestState } from '../make-test-state';
import { seedDossierWithDebts } from './fixture';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  locale.value = 'fr';
});

it('axe-core finds no violation on the Scenarios tab with results and a saved scenario, in English too', async () => {
  const { repository, state } = makeTestState();
  const id = await seedDossierWithDebts(repository);
  window.history.replaceState(null, '', `/dossiers/${id}/scenarios`);
  const { container } = render(<App state={state} />);
  await screen.findByRole('table', { name: /côte à côte/ }, { timeout: 5000 });
  for (const details of container.querySelectorAll('details')) details.open = true;
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.passes.length).toBeGreaterThan(10);
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  locale.value = 'en';
  await screen.findByRole('table', { name: /side by side/ });
  expect(screen.getByRole('button', { name: 'Compare the scenarios' })).toBeTruthy();
  expect(screen.getByTestId('orientation-track').textContent).toBe('Mediation with the creditors');
  expect(screen.getByTestId('orientation-reasons').textContent).toMatch(/New terms negotiated/);
});
