import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/domain/budget/diagnose';
import { formatMoney, locale } from '../../../src/i18n/i18n';
import { App } from '../../../src/ui/app';
import { exampleA } from '../../domain/budget/household-fixtures';
import { expandLine, openNewLine } from '../line-helpers';
import { makeTestState } from '../make-test-state';
import { seedEmptyHousehold, seedExampleA } from './seed-household';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

/** Testing Library collapses every space (narrow no-break spaces included) in the page's text. */
const plain = (text: string) => text.replace(/\s+/g, ' ');

function openBudget(householdId: string, state: ReturnType<typeof makeTestState>['state']) {
  window.history.replaceState(null, '', `/dossiers/${householdId}/budget`);
  document.title = '';
  return render(<App state={state} />);
}

/**
 * The page's title takes the focus once, in an effect after paint (PageTitle): wait for that
 * effect (it names the document first) before testing where an action sends the focus.
 */
async function pageSettled() {
  await waitFor(() => expect(document.title).toMatch(/· Budget ·/));
}

async function resourcesRegion() {
  return screen.findByRole('region', { name: 'Ressources' });
}

/** A household whose one resource is an RSA of 646,52 € a month, its Budget tab open. */
async function openBudgetWithRsa() {
  const { state, repository } = makeTestState();
  const { householdId } = await seedEmptyHousehold(repository);
  await repository.addRow('resource', householdId, {
    type: 'rsa',
    amountCents: 64_652,
    frequency: 'monthly',
    regular: true,
  });
  openBudget(householdId, state);
  return { repository, householdId, region: await resourcesRegion() };
}

describe('Budget tab: lines', () => {
  it('adds a resource typed "1 650,50" a week: stores 165 050 cents weekly and shows the monthly equivalent', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    openBudget(householdId, state);
    const region = await resourcesRegion();
    await openNewLine(region, 'Ajouter une ressource');
    fireEvent.input(within(region).getByLabelText('Montant net par période'), {
      target: { value: '1 650,50' },
    });
    fireEvent.change(within(region).getByLabelText('Fréquence'), { target: { value: 'weekly' } });
    // 1 650,50 € × 52 / 12 = 7 152,17 € (rounded once)
    expect(within(region).getByText(plain(`Soit ${formatMoney(715_217)} par mois.`))).toBeTruthy();
    fireEvent.click(within(region).getByRole('button', { name: 'Ajouter une ressource' }));
    await waitFor(async () => {
      const dossier = await repository.getDossier(householdId);
      expect(dossier?.resources).toHaveLength(1);
    });
    const stored = (await repository.getDossier(householdId))?.resources[0];
    expect(stored).toMatchObject({
      type: 'salary',
      amountCents: 165_050,
      frequency: 'weekly',
      regular: true,
    });
    // The stored line: a one-line summary (name, amount per period, who receives it) that opens
    // to its monthly equivalent.
    const toggle = await expandLine(region, 'Salaire');
    expect(plain(toggle.textContent ?? '')).toContain(plain(`${formatMoney(165_050)} par semaine`));
    const line = await within(region).findByText(plain(`soit ${formatMoney(715_217)} par mois`), {
      exact: false,
    });
    expect(line).toBeTruthy();
    // The new-line form closed; opened again, it is blank for the next line.
    await openNewLine(region, 'Ajouter une ressource');
    expect((within(region).getByLabelText('Montant net par période') as HTMLInputElement).value).toBe('');
  });

  it('shows the French message next to a bad amount and stores nothing', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    openBudget(householdId, state);
    const region = await resourcesRegion();
    await openNewLine(region, 'Ajouter une ressource');
    const amount = within(region).getByLabelText('Montant net par période');
    fireEvent.input(amount, { target: { value: '12,3,4' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Ajouter une ressource' }));
    const message = await within(region).findByText('Écrivez un montant en euros, par exemple 1 234,56.');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(amount.getAttribute('aria-describedby')).toContain(message.id);
    const dossier = await repository.getDossier(householdId);
    expect(dossier?.resources).toHaveLength(0);
  });

  it('edits a charge as capped real and asks for the ceiling, then stores it', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    await repository.addRow('charge', householdId, {
      type: 'work_transport',
      amountCents: 6_000,
      frequency: 'monthly',
      mode: 'real',
    });
    openBudget(householdId, state);
    const region = await screen.findByRole('region', { name: 'Charges' });
    await expandLine(region, 'Trajets domicile-travail');
    fireEvent.click(await within(region).findByRole('button', { name: 'Modifier Trajets domicile-travail' }));
    const editor = within(region).getByRole('group', { name: 'Modifier la ligne' });
    fireEvent.change(within(editor).getByLabelText('Comment la commission la compte'), {
      target: { value: 'capped_real' },
    });
    fireEvent.click(within(region).getByRole('button', { name: 'Enregistrer la ligne' }));
    expect(
      await within(region).findByText('Indiquez le plafond de la commission pour une charge plafonnée.'),
    ).toBeTruthy();
    fireEvent.input(within(editor).getByLabelText('Plafond par mois'), { target: { value: '100' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Enregistrer la ligne' }));
    await waitFor(async () => {
      const charge = (await repository.getDossier(householdId))?.charges[0];
      expect(charge).toMatchObject({ mode: 'capped_real', capMonthlyCents: 10_000, amountCents: 6_000 });
    });
    expect(await within(region).findByText('Enregistré sur cet appareil.')).toBeTruthy();
  });

  it('keeps a half-typed line as a draft across a reload and says so', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    const first = openBudget(householdId, state);
    const region = await resourcesRegion();
    await openNewLine(region, 'Ajouter une ressource');
    fireEvent.input(within(region).getByLabelText('Montant net par période'), { target: { value: '980' } });
    await state.drafts.flushAll();
    first.unmount();
    openBudget(householdId, state);
    const again = await resourcesRegion();
    expect(await within(again).findByText('Votre saisie non enregistrée a été retrouvée.')).toBeTruthy();
    expect((within(again).getByLabelText('Montant net par période') as HTMLInputElement).value).toBe('980');
  });

  it('removes a line', async () => {
    const { repository, householdId, region } = await openBudgetWithRsa();
    await expandLine(region, 'RSA');
    fireEvent.click(await within(region).findByRole('button', { name: 'Supprimer RSA' }));
    expect(await within(region).findByText('Aucune ressource saisie.')).toBeTruthy();
    // The focus does not fall back to the page: it goes to the list's title.
    await waitFor(() =>
      expect(document.activeElement).toBe(within(region).getByRole('heading', { name: 'Ressources' })),
    );
    expect((await repository.getDossier(householdId))?.resources).toHaveLength(0);
  });
});

describe('Budget tab: one-line summaries and keyboard focus', () => {
  it('shows each line as a one-line summary button that opens to its details and buttons', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    await repository.addRow('charge', householdId, {
      type: 'work_transport',
      amountCents: 18_000,
      frequency: 'quarterly',
      mode: 'real',
      hasProof: true,
    });
    openBudget(householdId, state);
    const region = await screen.findByRole('region', { name: 'Charges' });
    const toggle = await within(region).findByRole('button', { name: /^Trajets domicile-travail/ });
    // Collapsed: name, amount per period and the key fact (how the commission counts it) only.
    expect(toggle.tagName).toBe('BUTTON');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(plain(toggle.textContent ?? '')).toContain(plain(`${formatMoney(18_000)} par trimestre`));
    expect(toggle.textContent).toContain('Montant réel');
    expect(within(region).queryByText(/justificatif fourni/)).toBeNull();
    expect(within(region).queryByRole('button', { name: 'Modifier Trajets domicile-travail' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const body = document.getElementById(toggle.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(plain(body.textContent ?? '')).toContain(plain(`soit ${formatMoney(6_000)} par mois`));
    expect(body.textContent).toContain('justificatif fourni');
    expect(within(body).getByRole('button', { name: 'Modifier Trajets domicile-travail' })).toBeTruthy();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(region).queryByText(/justificatif fourni/)).toBeNull();
  });

  it('"Ajouter une ressource" moves focus into the form, then to the confirmation; closing gives it back', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository);
    openBudget(householdId, state);
    const region = await resourcesRegion();
    await pageSettled();
    fireEvent.click(within(region).getByRole('button', { name: 'Ajouter une ressource' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(within(region).getByLabelText('Type de ressource')),
    );
    fireEvent.input(within(region).getByLabelText('Montant net par période'), { target: { value: '980' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Ajouter une ressource' }));
    const confirmation = await within(region).findByText('Ligne ajoutée et enregistrée sur cet appareil.');
    await waitFor(() => expect(document.activeElement).toBe(confirmation));
    // Opened again and closed without saving: focus goes back to the button that opened it.
    fireEvent.click(within(region).getByRole('button', { name: 'Ajouter une ressource' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(within(region).getByLabelText('Type de ressource')),
    );
    fireEvent.click(within(region).getByRole('button', { name: 'Fermer sans enregistrer' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(region).getByRole('button', { name: 'Ajouter une ressource' }),
      ),
    );
    expect((await repository.getDossier(householdId))?.resources).toHaveLength(1);
  });

  it('"Modifier …" moves focus to the first field; "Enregistrer la ligne" back to the line, closing to "Modifier …"', async () => {
    const { repository, householdId, region } = await openBudgetWithRsa();
    await pageSettled();
    const toggle = await expandLine(region, 'RSA');
    fireEvent.click(within(region).getByRole('button', { name: 'Modifier RSA' }));
    const editor = await within(region).findByRole('group', { name: 'Modifier la ligne' });
    await waitFor(() =>
      expect(document.activeElement).toBe(within(editor).getByLabelText('Type de ressource')),
    );
    fireEvent.input(within(editor).getByLabelText('Montant net par période'), { target: { value: '700' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Enregistrer la ligne' }));
    await within(region).findByText('Enregistré sur cet appareil.');
    await waitFor(() => expect(document.activeElement).toBe(toggle));
    expect((await repository.getDossier(householdId))?.resources[0]?.amountCents).toBe(70_000);
    fireEvent.click(within(region).getByRole('button', { name: 'Modifier RSA' }));
    await waitFor(() => expect(document.activeElement?.tagName).toBe('SELECT'));
    fireEvent.click(within(region).getByRole('button', { name: 'Fermer sans enregistrer' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(within(region).getByRole('button', { name: 'Modifier RSA' })),
    );
  });
});

describe('Budget tab: diagnosis', () => {
  it('shows the repayment capacity to the cent, the limit that binds and its "Pourquoi ?"', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedExampleA(repository);
    // Independently: the engine on the worked example A, on the device's date.
    const expected = diagnose({ on: '2026-11-27', household: exampleA() });
    expect(expected.capacity.capacityMonthlyCents).toBe(33_838);
    openBudget(householdId, state);
    const capacity = await screen.findByTestId('capacity');
    expect(capacity.textContent).toContain(formatMoney(33_838));
    expect(capacity.textContent).toContain('La limite retenue est la quotité saisissable.');
    const why = within(capacity).getByText('Pourquoi ?');
    fireEvent.click(why);
    const details = why.closest('details') as HTMLDetailsElement;
    expect(details.textContent).toContain(expected.explanations.capacityMonthlyCents?.text.fr ?? 'missing');
    expect(details.textContent).toContain('Règle appliquée : L731-1, L731-2, R731-1');
    // The sources in words: the decree of the 2026 seizure scale, the RSA estimate called one.
    expect(details.textContent).toContain('Source : Décret n° 2025-1299 du 24 décembre 2025');
    expect(details.textContent).toContain('Estimation non confirmée');
    // The other figures, each with its own "why".
    expect(screen.getByTestId('figure-resources').textContent).toContain(formatMoney(180_000));
    expect(screen.getByTestId('figure-living').textContent).toContain(formatMoney(143_300));
    expect(screen.getByTestId('figure-rav').textContent).toContain(
      formatMoney(expected.indicators.ravBeforePlanCents),
    );
    expect(within(screen.getByTestId('figure-seizable')).getByText('Pourquoi ?')).toBeTruthy();
    // Alerts in plain words, e.g. the rent arrears.
    const alerts = screen.getByRole('list', { name: 'Points d’attention' });
    const priority = expected.alerts.find((a) => a.code === 'priority-arrears');
    expect(alerts.textContent).toContain(priority?.text.fr ?? 'missing');
  });

  it('speaks English with the engine’s English explanation', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedExampleA(repository);
    locale.value = 'en';
    const expected = diagnose({ on: '2026-11-27', household: exampleA() });
    openBudget(householdId, state);
    const capacity = await screen.findByTestId('capacity');
    expect(capacity.textContent).toContain('The limit that applies is the seizable fraction.');
    expect(within(capacity).getByText('Why?').closest('details')?.textContent).toContain(
      expected.explanations.capacityMonthlyCents?.text.en ?? 'missing',
    );
  });

  it('names what is missing when the diagnosis is not possible yet', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedEmptyHousehold(repository, [
      { role: 'child', birthDate: '2015-01-01' },
    ]);
    openBudget(householdId, state);
    const incomplete = await screen.findByTestId('diagnosis-incomplete');
    expect(incomplete.textContent).toContain('Le diagnostic n’est pas encore possible');
    expect(incomplete.textContent).toContain('le demandeur');
    expect(incomplete.textContent).toContain('au moins une ressource');
    expect(screen.queryByTestId('capacity')).toBeNull();
  });

  it('lists in the chart’s table the same figures as the chart', async () => {
    const { state, repository } = makeTestState();
    const { householdId } = await seedExampleA(repository);
    openBudget(householdId, state);
    const chart = await screen.findByRole('region', { name: 'Où va l’argent' });
    const table = within(chart).getByRole('table', { name: 'Où va l’argent chaque mois, en chiffres' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => Array.from(row.children).map((cell) => cell.textContent));
    // Rent 550 + housing costs 120; heating 90; travel 60; mutuelle 40; instalments 200 + 150;
    // left: 1 800 − 670 − 90 − 60 − 40 − 350 = 590.
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['Logement', formatMoney(67_000)],
      ['Énergie et eau', formatMoney(9_000)],
      ['Transports', formatMoney(6_000)],
      ['Assurances et santé', formatMoney(4_000)],
      ['Mensualités de crédits', formatMoney(35_000)],
      ['Ce qui reste', formatMoney(59_000)],
    ]);
    // The bars carry the same names and amounts in text.
    const bars = chart.querySelector('.money-bar-labels') as HTMLElement;
    expect(bars.textContent).toContain('Ce qui reste');
    expect(bars.textContent).toContain(formatMoney(59_000));
    expect(chart.querySelectorAll('svg rect.money-bar-fill')).toHaveLength(6);
  });
  it('names each shortfall for what it is and says in one sentence why the two differ', async () => {
    const { state, repository } = makeTestState();
    const { householdId, memberIds } = await seedEmptyHousehold(repository);
    await repository.addRow('resource', householdId, {
      type: 'salary',
      ownerMemberId: memberIds[0] ?? '',
      amountCents: 100_000,
      frequency: 'monthly',
      regular: true,
    });
    await repository.addRow('charge', householdId, {
      type: 'rent',
      amountCents: 60_000,
      frequency: 'monthly',
      mode: 'real',
    });
    await repository.addRow('charge', householdId, {
      type: 'food_living',
      amountCents: 0,
      frequency: 'monthly',
      mode: 'forfait',
    });
    const creditor = await repository.addRow('creditor', householdId, {
      name: 'Banque A',
      category: 'credit_institution',
    });
    await repository.addRow('debt', householdId, {
      creditorId: creditor.id,
      product: 'amortising_loan',
      capitalRemainingCents: 900_000,
      arrearsCents: 0,
      amountDueNowCents: 0,
      nominalRateBps: 500,
      instalmentMonthlyCents: 45_000,
      insuranceMonthlyCents: 0,
      remainingTermMonths: 24,
      isJoint: false,
      enforcementInProgress: false,
    });
    openBudget(householdId, state);
    // By hand: the commission's living-costs budget = rent 600 € + the flat rate for one person
    // (573 €) = 1 173 €, so 1 173 − 1 000 = 173 € are missing, loans left aside. What the
    // household says it pays = rent 600 € + the loan 450 € = 1 050 €, 50 € above its 1 000 €.
    const capacity = await screen.findByTestId('capacity');
    expect(plain(capacity.textContent ?? '')).toContain(
      plain(
        `Manque pour le budget vie courante : il manque ${formatMoney(17_300)} par mois pour couvrir le budget vie courante retenu par la commission (${formatMoney(117_300)}), sans compter les crédits.`,
      ),
    );
    expect(plain(screen.getByTestId('figure-deficit').textContent ?? '')).toContain(
      plain(`Manque pour le budget vie courante${formatMoney(17_300)}`),
    );
    expect(plain(screen.getByTestId('overspend').textContent ?? '')).toBe(
      plain(
        `Dépassement des dépenses déclarées : ce que le foyer paie chaque mois (charges déclarées et crédits) dépasse ses ressources de ${formatMoney(5_000)}.`,
      ),
    );
    expect(plain(screen.getByTestId('two-shortfalls').textContent ?? '')).toBe(
      plain(
        `Pourquoi deux montants différents ? Le manque pour le budget vie courante (${formatMoney(17_300)}) compare les ressources au budget de la commission, avec ses forfaits et sans les crédits ; le dépassement (${formatMoney(5_000)}) compare les ressources à ce que le foyer déclare payer, crédits compris.`,
      ),
    );
    // No figure is called a bare "Déficit" any more.
    expect(screen.queryByText(/^Déficit/)).toBeNull();
  });
});
