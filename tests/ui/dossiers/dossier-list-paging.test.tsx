import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../../src/i18n/i18n';
import { LIST_PAGE_SIZE } from '../../../src/state/workspace/dossier-list-model';
import { App } from '../../../src/ui/app';
import { generateSyntheticDossiers, seedDatabase } from '../../support/seed';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

describe('Dossiers list at welcome-point scale', () => {
  it('shows the most recent page first and grows on demand', async () => {
    const { state, db } = makeTestState();
    await seedDatabase(db, generateSyntheticDossiers(LIST_PAGE_SIZE + 7, 3));
    window.history.replaceState(null, '', '/dossiers');
    render(<App state={state} />);
    await waitFor(() =>
      expect(screen.getByTestId('dossiers-count').textContent).toBe(
        `Les ${LIST_PAGE_SIZE} dossiers les plus récents sont affichés.`,
      ),
    );
    const rows = () => document.querySelectorAll('main a[href$="/intake"]').length;
    expect(rows()).toBe(LIST_PAGE_SIZE);
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus de dossiers' }));
    await waitFor(() => expect(rows()).toBe(LIST_PAGE_SIZE + 7));
    expect(screen.getByTestId('dossiers-count').textContent).toBe(`Dossiers trouvés : ${LIST_PAGE_SIZE + 7}`);
    expect(screen.queryByRole('button', { name: 'Afficher plus de dossiers' })).toBeNull();
  });
});
