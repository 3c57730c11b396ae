/**
 * Issue 5 acceptance, in real Chromium: installed once online, then offline from the first step
 * with the server stopped, a counsellor creates a household of 2 adults and 2 children, its
 * 4 resources, 8 charges, creditors and 6 debts, reads the repayment capacity, compares 3
 * scenarios and saves one; after a reload (still offline) everything is still there. axe-core
 * finds nothing on any screen, on a 10-inch tablet and on a phone, and nothing overflows sideways.
 *
 * Nobody ever signs in: the device asks first for a code for its local profile (LOCK13), which
 * unlocks each later load. Everything goes through the UI as a person would: fields found by their label, buttons by
 * their role and name. The expected capacity comes from the budget engine itself (src/domain),
 * run on the same household and on the device's local date, as the app does.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/domain/budget/diagnose';
import type { IsoDate } from '../../src/domain/dates';
import { type Household, HouseholdSchema } from '../../src/domain/household/household';
import {
  axeViolations,
  chooseLocalPin,
  countDraftWrites,
  keepUnlocked,
  waitForDraftWrites,
} from './app-helpers';
import { useE2eApp, waitForServiceWorkerControl } from './harness';

// ------------------------------------------------------------------ the household, as typed

const MEMBERS = [
  { role: 'applicant', firstName: 'Claire', lastName: 'Martin', birthDate: '1985-04-12' },
  { role: 'co_applicant', firstName: 'Karim', lastName: 'Martin', birthDate: '1983-09-30' },
  { role: 'child', firstName: 'Léa', lastName: 'Martin', birthDate: '2014-06-01' },
  { role: 'child', firstName: 'Noah', lastName: 'Martin', birthDate: '2018-02-15' },
] as const;

interface ResourceInput {
  type: string;
  typeLabel: string;
  /** Index in MEMBERS of who receives it; none: the household. */
  owner?: number;
  amount: string;
  cents: number;
  frequency: 'monthly' | 'annual' | 'quarterly';
}

const FREQUENCY_LABEL = { monthly: 'par mois', annual: 'par an', quarterly: 'par trimestre' } as const;

const RESOURCES: ResourceInput[] = [
  {
    type: 'salary',
    typeLabel: 'Salaire',
    owner: 0,
    amount: '1 650,50',
    cents: 165_050,
    frequency: 'monthly',
  },
  { type: 'salary', typeLabel: 'Salaire', owner: 1, amount: '14 400', cents: 1_440_000, frequency: 'annual' },
  {
    type: 'family_benefits',
    typeLabel: 'Prestations familiales',
    amount: '148,52',
    cents: 14_852,
    frequency: 'monthly',
  },
  {
    type: 'housing_benefit',
    typeLabel: 'Aide au logement',
    amount: '750',
    cents: 75_000,
    frequency: 'quarterly',
  },
];

interface ChargeInput {
  type: string;
  typeLabel: string;
  amount: string;
  cents: number;
  mode: 'real' | 'forfait';
}

const CHARGES: ChargeInput[] = [
  { type: 'rent', typeLabel: 'Loyer', amount: '720', cents: 72_000, mode: 'real' },
  { type: 'energy', typeLabel: 'Électricité et gaz', amount: '95,40', cents: 9_540, mode: 'real' },
  { type: 'water', typeLabel: 'Eau', amount: '35', cents: 3_500, mode: 'real' },
  { type: 'home_insurance', typeLabel: 'Assurance habitation', amount: '18,50', cents: 1_850, mode: 'real' },
  { type: 'mutuelle', typeLabel: 'Mutuelle', amount: '62', cents: 6_200, mode: 'real' },
  { type: 'telecom', typeLabel: 'Téléphone et internet', amount: '45,99', cents: 4_599, mode: 'real' },
  { type: 'school', typeLabel: 'Frais de scolarité et cantine', amount: '80', cents: 8_000, mode: 'real' },
  {
    type: 'food_living',
    typeLabel: 'Alimentation et vie courante',
    amount: '900',
    cents: 90_000,
    mode: 'forfait',
  },
];

const CREDITORS = [
  { name: 'Banque du Nord', category: 'credit_institution', categoryLabel: 'Banque ou organisme de crédit' },
  { name: 'Crédit Facile', category: 'credit_institution', categoryLabel: 'Banque ou organisme de crédit' },
  { name: 'Office HLM', category: 'landlord', categoryLabel: 'Bailleur' },
  { name: 'Énergie Plus', category: 'utility', categoryLabel: 'Fournisseur (énergie, eau, téléphone)' },
] as const;

interface DebtInput {
  creditor: number;
  product: string;
  productLabel: string;
  capital?: [string, number];
  arrears?: [string, number];
  dueNow?: [string, number];
  rate?: [string, number];
  instalment?: [string, number];
  insurance?: [string, number];
  term?: number;
}

const DEBTS: DebtInput[] = [
  {
    creditor: 0,
    product: 'amortising_loan',
    productLabel: 'Prêt personnel ou auto',
    capital: ['8 000', 800_000],
    rate: ['4,5', 450],
    instalment: ['210', 21_000],
    insurance: ['12,30', 1_230],
    term: 40,
  },
  {
    creditor: 1,
    product: 'revolving_credit',
    productLabel: 'Crédit renouvelable',
    capital: ['3 500', 350_000],
    arrears: ['240', 24_000],
    rate: ['19,9', 1_990],
    instalment: ['120', 12_000],
  },
  {
    creditor: 0,
    product: 'overdraft',
    productLabel: 'Découvert bancaire',
    capital: ['900', 90_000],
    dueNow: ['900', 90_000],
    rate: ['16', 1_600],
  },
  {
    creditor: 2,
    product: 'rent_arrears',
    productLabel: 'Dette de loyer',
    arrears: ['1 440', 144_000],
    dueNow: ['1 440', 144_000],
  },
  {
    creditor: 3,
    product: 'energy_arrears',
    productLabel: 'Factures d’énergie impayées',
    arrears: ['380,75', 38_075],
    dueNow: ['380,75', 38_075],
  },
  {
    creditor: 1,
    product: 'amortising_loan',
    productLabel: 'Prêt personnel ou auto',
    capital: ['5 200', 520_000],
    rate: ['6,2', 620],
    instalment: ['160', 16_000],
    term: 36,
  },
];

/** The same household as the engine's document (ids are the engine's business, not the UI's). */
function expectedHousehold(): Household {
  const memberId = (index: number) => `m${index + 1}`;
  return HouseholdSchema.parse({
    id: 'h1',
    schemaVersion: 1,
    territory: 'metropole',
    departement: '59',
    housingStatus: 'tenant',
    members: MEMBERS.map((m, index) => ({
      id: memberId(index),
      role: m.role,
      firstName: m.firstName,
      birthDate: m.birthDate,
    })),
    resources: RESOURCES.map((r, index) => ({
      id: `r${index + 1}`,
      type: r.type,
      ...(r.owner === undefined ? {} : { ownerMemberId: memberId(r.owner) }),
      amountCents: r.cents,
      frequency: r.frequency,
      regular: true,
      inSeizureBase: true,
    })),
    charges: CHARGES.map((c, index) => ({
      id: `c${index + 1}`,
      type: c.type,
      amountCents: c.cents,
      frequency: 'monthly',
      mode: c.mode,
    })),
    assets: [],
    creditors: CREDITORS.map((c, index) => ({ id: `k${index + 1}`, name: c.name, category: c.category })),
    debts: DEBTS.map((d, index) => ({
      id: `d${index + 1}`,
      creditorId: `k${d.creditor + 1}`,
      product: d.product,
      capitalRemainingCents: d.capital?.[1] ?? 0,
      arrearsCents: d.arrears?.[1] ?? 0,
      amountDueNowCents: d.dueNow?.[1] ?? 0,
      nominalRateBps: d.rate?.[1] ?? 0,
      instalmentMonthlyCents: d.instalment?.[1] ?? 0,
      insuranceMonthlyCents: d.insurance?.[1] ?? 0,
      ...(d.term === undefined ? {} : { remainingTermMonths: d.term }),
      isJoint: false,
      enforcementInProgress: false,
    })),
  });
}

const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
/** Intl puts narrow and no-break spaces in amounts; compare them as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\s\u202f\u00a0]+/g, ' ').trim();
const fullName = (m: (typeof MEMBERS)[number]) => `${m.firstName} ${m.lastName}`;

// ------------------------------------------------------------------ helpers per screen

const field = (scope: Page | Locator, label: string) => scope.getByLabel(label, { exact: true });
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function waitForCount(locator: Locator, count: number): Promise<void> {
  await expect.poll(() => locator.count(), { timeout: 15_000 }).toBe(count);
}

async function openTab(page: Page, tab: 'Accueil' | 'Budget' | 'Dettes' | 'Scénarios' | 'Suivi') {
  await page.getByRole('navigation', { name: 'Parties du dossier' }).getByRole('link', { name: tab }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`· ${tab}$`) }).waitFor();
}

/** New dossier: the applicant, one more adult, two children, the household; returns its id. */
async function createHousehold(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Nouveau dossier' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
  await page.getByRole('button', { name: 'Ajouter un adulte' }).click();
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  for (const [index, member] of MEMBERS.entries()) {
    const person = page.getByRole('group', { name: `Personne ${index + 1}`, exact: true });
    const optional = member.role === 'applicant' ? '' : ' (facultatif)';
    expect(await field(person, 'Place dans le ménage').inputValue()).toBe(member.role);
    await field(person, `Prénom${optional}`).fill(member.firstName);
    await field(person, `Nom${optional}`).fill(member.lastName);
    await field(person, 'Date de naissance').fill(member.birthDate);
  }
  await field(page, 'Département').fill('59');
  await field(page, 'Logement').selectOption({ label: 'Locataire' });
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await page.getByRole('heading', { level: 1, name: 'Claire Martin · Accueil' }).waitFor();
  const id = /\/dossiers\/([^/]+)\/intake$/.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`not on a dossier: ${page.url()}`);
  return id;
}

/**
 * Opens the "add" form of a list by its button, fills it (the group and its submit button share
 * the opener's name), adds, and waits until the list shows one more item.
 */
async function addToList(
  page: Page,
  list: { region: string; add: string; items: string },
  fill: (form: Locator) => Promise<void>,
) {
  const section = region(page, list.region);
  const items = section.locator(list.items);
  const before = await items.count();
  await section.getByRole('button', { name: list.add }).click();
  await fill(section.getByRole('group', { name: list.add }));
  await section.getByRole('button', { name: list.add }).click();
  await waitForCount(items, before + 1);
}

async function addResource(page: Page, resource: ResourceInput) {
  const list = { region: 'Ressources', add: 'Ajouter une ressource', items: '.line-list > li' };
  await addToList(page, list, async (form) => {
    await field(form, 'Type de ressource').selectOption({ label: resource.typeLabel });
    const owner =
      resource.owner === undefined ? 'Le foyer (prestation commune)' : fullName(MEMBERS[resource.owner]!);
    await field(form, 'Qui la reçoit').selectOption({ label: owner });
    await field(form, 'Montant net par période').fill(resource.amount);
    await field(form, 'Fréquence').selectOption({ label: FREQUENCY_LABEL[resource.frequency] });
  });
}

async function addCharge(page: Page, charge: ChargeInput) {
  const list = { region: 'Charges', add: 'Ajouter une charge', items: '.line-list > li' };
  await addToList(page, list, async (form) => {
    await field(form, 'Type de charge').selectOption({ label: charge.typeLabel });
    await field(form, 'Montant par période').fill(charge.amount);
    await field(form, 'Fréquence').selectOption({ label: 'par mois' });
    await field(form, 'Comment la commission la compte').selectOption({
      label: charge.mode === 'real' ? 'Montant réel' : 'Forfait de la commission',
    });
  });
}

async function addCreditor(page: Page, creditor: (typeof CREDITORS)[number]) {
  const list = { region: 'Créanciers', add: 'Ajouter un créancier', items: '.line-list > li' };
  await addToList(page, list, async (form) => {
    await field(form, 'Nom du créancier').fill(creditor.name);
    await field(form, 'Catégorie').selectOption({ label: creditor.categoryLabel });
  });
}

async function addDebt(page: Page, debt: DebtInput) {
  const list = { region: 'Dettes', add: 'Ajouter une dette', items: '.debt-cards > li' };
  await addToList(page, list, async (form) => {
    // Every amount of these debts is among the fields of its kind: no "Plus de détails" needed.
    await field(form, 'Créancier').selectOption({ label: CREDITORS[debt.creditor]!.name });
    await field(form, 'Type de dette').selectOption({ label: debt.productLabel });
    const amounts: Array<[string, [string, number] | undefined]> = [
      ['Capital restant dû', debt.capital],
      ['Impayés', debt.arrears],
      ['Somme exigible maintenant', debt.dueNow],
      ['Taux nominal annuel', debt.rate],
      ['Mensualité hors assurance', debt.instalment],
      ['Assurance emprunteur par mois', debt.insurance],
    ];
    for (const [label, value] of amounts) if (value) await field(form, label).fill(value[0]);
    if (debt.term !== undefined) await field(form, 'Durée restante (facultatif)').fill(String(debt.term));
  });
}

/** The capacity as the Budget tab shows it. */
async function shownCapacity(page: Page): Promise<string> {
  const value = region(page, 'Diagnostic').getByTestId('capacity').locator('.capacity-value');
  await value.waitFor();
  return plain(await value.textContent());
}

const SCENARIO_LABELS = {
  'as-today': 'Comme aujourd’hui',
  amicable: 'Rééchelonnement amiable (médiation)',
  'banque-de-france': 'Mesures imposées Banque de France',
  avalanche: 'Remboursement : taux le plus cher d’abord',
} as const;

async function compareScenarios(page: Page, choices: ReadonlyArray<keyof typeof SCENARIO_LABELS>) {
  const params = page.getByRole('form', { name: 'Paramètres' });
  for (const [choice, label] of Object.entries(SCENARIO_LABELS)) {
    await params
      .getByRole('checkbox', { name: label, exact: true })
      .setChecked(choices.includes(choice as keyof typeof SCENARIO_LABELS));
  }
  await params.getByRole('button', { name: 'Comparer les scénarios' }).click();
  const table = page.getByRole('table', { name: 'Les scénarios côte à côte (montants en euros)' });
  await waitForCount(table.locator('tbody tr'), choices.length);
  return table;
}

async function saveScenario(page: Page, label: string, name: string) {
  const form = page.getByRole('form', { name: 'Enregistrer un scénario dans le dossier' });
  await field(form, 'Scénario à enregistrer').selectOption({ label });
  await field(form, 'Nom').fill(name);
  await form.getByRole('checkbox', { name: 'C’est le scénario retenu pour ce dossier' }).check();
  await form.getByRole('button', { name: 'Enregistrer ce scénario' }).click();
  await form.getByText(`Le scénario « ${name} » est enregistré dans le dossier.`).waitFor();
}

async function addNote(page: Page, text: string) {
  await field(page, 'Nouvelle note').fill(text);
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await page.getByText('La note est enregistrée sur cet appareil.').waitFor();
}

async function addAppointment(page: Page, at: { date: string; time: string; place: string }) {
  await page.getByRole('button', { name: 'Ajouter un rendez-vous' }).click();
  const form = page.getByRole('form', { name: 'Nouveau rendez-vous' });
  await field(form, 'Date').fill(at.date);
  await field(form, 'Heure').fill(at.time);
  await field(form, 'Lieu (facultatif)').fill(at.place);
  await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await waitForCount(page.getByTestId('appointment'), 1);
}

/** The device's local date in `days` days, as the app reads dates. */
async function localDate(page: Page, days = 0): Promise<IsoDate> {
  return (await page.evaluate((offset) => {
    const now = new Date();
    now.setDate(now.getDate() + offset);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }, days)) as IsoDate;
}

const NOTE = 'Premier rendez-vous : le ménage apporte ses relevés de compte.';
const PLACE = 'Mairie de Lens';

// ------------------------------------------------------------------ axe-core and layout

/** How far the page overflows sideways, in CSS pixels (0: not at all), and the culprits. */
async function sidewaysOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits: string[] = [];
    // Content of a sideways-scrolling box (a wide table) does not widen the page.
    const scrolls = (element: HTMLElement) => {
      for (let up = element.parentElement; up; up = up.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return true;
      }
      return false;
    };
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      if (culprits.length >= 8) break;
      const box = element.getBoundingClientRect();
      if (box.right <= width + 0.5 || scrolls(element)) continue;
      if (box.width > 0) {
        culprits.push(`${element.tagName.toLowerCase()}.${element.className} right=${Math.round(box.right)}`);
      }
    }
    return { overflow: document.documentElement.scrollWidth - width, culprits };
  });
}

const VIEWPORTS = [
  { name: 'tablet 10 inch', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

// ------------------------------------------------------------------ the test

describe('Issue 5 workspace, offline from the first step, in Chromium', () => {
  const app = useE2eApp('e2e-workspace');
  // The page of the tests: the browser's first tab, until a test opens another.
  let page: Page;
  let householdId = '';
  let expectedCapacity = '';
  let expectedResourcesCents = 0;
  let savedFigures = '';

  beforeAll(() => {
    page = app.page;
    page.setDefaultTimeout(15_000);
  });

  it('creates the whole dossier offline, reads the engine’s capacity, compares and saves a scenario', async () => {
    const { context, server } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    // Install: the first and only online visit.
    await page.goto(`${server.url}/`);
    // Nobody has signed in on this device: it asks first for a code for its local profile
    // (LOCK13); later loads (the reload, the crashed page's successor) are unlocked with it.
    await chooseLocalPin(page);
    keepUnlocked(page);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await waitForServiceWorkerControl(page);
    // Offline from here on, with the server gone.
    await context.setOffline(true);
    await server.stop();
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toContain('Hors ligne');

    householdId = await createHousehold(page);
    const members = page.locator('.member-list > li');
    await waitForCount(members, 4);

    await openTab(page, 'Budget');
    for (const resource of RESOURCES) await addResource(page, resource);
    for (const charge of CHARGES) await addCharge(page, charge);

    await openTab(page, 'Dettes');
    for (const creditor of CREDITORS) await addCreditor(page, creditor);
    for (const debt of DEBTS) await addDebt(page, debt);

    // The capacity shown is the engine's for the same household, on the device's local date.
    const today = await localDate(page);
    const diagnosis = diagnose({ on: today, household: expectedHousehold() });
    expectedCapacity = plain(euros(diagnosis.capacity.capacityMonthlyCents));
    expectedResourcesCents = diagnosis.resources.totalMonthlyCents;
    expect(diagnosis.capacity.capacityMonthlyCents).toBeGreaterThan(0);
    await openTab(page, 'Budget');
    expect(await shownCapacity(page)).toBe(expectedCapacity);
    expect(plain(await page.getByTestId('figure-resources').locator('.figure-value').textContent())).toBe(
      plain(euros(diagnosis.resources.totalMonthlyCents)),
    );
    expect(plain(await page.getByTestId('figure-instalments').locator('.figure-value').textContent())).toBe(
      plain(euros(diagnosis.debts.instalmentsMonthlyCents)),
    );

    await openTab(page, 'Scénarios');
    // The scenarios start from the same capacity.
    await page.getByText('Capacité du diagnostic : ').first().waitFor();
    const hint = plain(await page.locator('#scenario-capacity-hint').textContent());
    expect(hint).toContain(`Capacité du diagnostic : ${expectedCapacity} par mois`);
    const table = await compareScenarios(page, ['amicable', 'banque-de-france', 'avalanche']);
    const rowNames = await table.locator('tbody th[scope="row"]').allTextContents();
    expect(rowNames).toEqual([
      SCENARIO_LABELS.amicable,
      SCENARIO_LABELS['banque-de-france'],
      SCENARIO_LABELS.avalanche,
    ]);
    for (const duration of await table.locator('tbody td[data-col="duration"]').allTextContents()) {
      expect(duration).toMatch(/^\d+ mois$/);
    }
    const amicable = table.locator('tbody tr').first();
    const cell = async (col: string) => plain(await amicable.locator(`td[data-col="${col}"]`).textContent());
    savedFigures = `${await cell('duration')} · premier mois ${await cell('monthly')} · total payé ${await cell(
      'totalPaid',
    )} · intérêts ${await cell('interest')} · effacé ${await cell('writeOff')}`;
    await saveScenario(page, SCENARIO_LABELS.amicable, 'Plan amiable proposé');
    await waitForCount(page.getByTestId('saved-scenario'), 1);

    await openTab(page, 'Suivi');
    await addNote(page, NOTE);
    await addAppointment(page, { date: await localDate(page, 7), time: '14:30', place: PLACE });
  });

  it('finds everything again after a reload, still offline with the server stopped', async () => {
    expect(householdId).not.toBe('');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Claire Martin · Suivi' }).waitFor();
    await page.getByText(NOTE).waitFor();
    expect(plain(await page.getByTestId('next-appointment').textContent())).toContain(PLACE);

    await openTab(page, 'Scénarios');
    const saved = page.getByTestId('saved-scenario');
    await waitForCount(saved, 1);
    expect(plain(await saved.textContent())).toContain('Plan amiable proposé');
    expect(plain(await saved.textContent())).toContain('Scénario retenu');
    // The figures saved are those the table showed for that scenario.
    expect(plain(await saved.textContent())).toContain(savedFigures);

    await openTab(page, 'Accueil');
    const members = page.locator('.member-list > li .member-name');
    await waitForCount(members, 4);
    expect(await members.allTextContents()).toEqual(MEMBERS.map(fullName));

    await openTab(page, 'Budget');
    await waitForCount(region(page, 'Ressources').locator('.line-list > li'), 4);
    expect(await region(page, 'Ressources').locator('.line-title').allTextContents()).toEqual(
      RESOURCES.map((r) => r.typeLabel),
    );
    // Each line's one-line summary shows its amount per period.
    expect(
      (await region(page, 'Ressources').locator('.line-headline-amount').allTextContents()).map(plain),
    ).toEqual(RESOURCES.map((r) => `${plain(euros(r.cents))} ${FREQUENCY_LABEL[r.frequency]}`));
    // Opened, a line shows its monthly equivalent.
    const annual = RESOURCES.find((r) => r.frequency === 'annual');
    if (!annual) throw new Error('no annual resource');
    await region(page, 'Ressources')
      .getByRole('button', { name: new RegExp(`^${annual.typeLabel}.*par an`) })
      .click();
    await region(page, 'Ressources')
      .locator('.line-amount')
      .filter({ hasText: plain(euros(Math.round(annual.cents / 12))) })
      .waitFor();
    await waitForCount(region(page, 'Charges').locator('.line-list > li'), 8);
    expect(await region(page, 'Charges').locator('.line-title').allTextContents()).toEqual(
      CHARGES.map((c) => c.typeLabel),
    );
    expect(plain(await region(page, 'Ressources').locator('.line-total').textContent())).toBe(
      `Total des ressources : ${plain(euros(expectedResourcesCents))} par mois`,
    );
    expect(await shownCapacity(page)).toBe(expectedCapacity);

    await openTab(page, 'Dettes');
    await waitForCount(region(page, 'Dettes').locator('.debt-cards > li'), 6);
    expect(await region(page, 'Dettes').locator('.debt-cards > li .line-title').allTextContents()).toEqual(
      DEBTS.map((d) => `${d.productLabel} · ${CREDITORS[d.creditor]?.name}`),
    );
    await waitForCount(region(page, 'Créanciers').locator('.line-list > li'), 4);
    expect(await region(page, 'En résumé').getByText('6 dettes').count()).toBe(1);

    // The list of dossiers reads the device too.
    await page.getByRole('link', { name: 'Dossiers', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page
      .getByRole('link', { name: /Claire Martin/ })
      .first()
      .waitFor();
  });

  for (const viewport of VIEWPORTS) {
    it(`axe finds nothing and nothing overflows on any screen (${viewport.name})`, async () => {
      const { server } = app;
      expect(householdId).not.toBe('');
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const screens: Array<{ path: string; heading: string | RegExp; ready?: (p: Page) => Promise<void> }> = [
        { path: '/dossiers', heading: 'Dossiers' },
        {
          path: '/dossiers/new',
          heading: 'Nouveau dossier',
          // With its error messages showing: an empty form sent.
          ready: async (p) => {
            await p.getByRole('button', { name: 'Créer le dossier' }).click();
            await p.getByRole('alert').filter({ hasText: 'Certains champs sont à corriger' }).waitFor();
          },
        },
        {
          path: `/dossiers/${householdId}/intake`,
          heading: 'Claire Martin · Accueil',
          ready: async (p) => {
            await p.getByRole('button', { name: 'Modifier Claire Martin' }).click();
            await p.getByRole('button', { name: 'Ajouter une personne' }).click();
            await p.getByRole('heading', { name: 'Nouvelle personne' }).waitFor();
          },
        },
        {
          path: `/dossiers/${householdId}/budget`,
          heading: 'Claire Martin · Budget',
          ready: async (p) => {
            await shownCapacity(p);
            // A line sent without its amount: the message sits next to the field.
            const resources = region(p, 'Ressources');
            await resources.getByRole('button', { name: 'Ajouter une ressource' }).click();
            await resources.getByRole('group', { name: 'Ajouter une ressource' }).waitFor();
            await resources.getByRole('button', { name: 'Ajouter une ressource' }).click();
            await resources.getByText('Indiquez un montant.').waitFor();
            await resources
              .getByRole('button', { name: /^Salaire/ })
              .first()
              .click();
            await resources.getByRole('button', { name: 'Modifier Salaire' }).first().click();
            await resources.getByRole('group', { name: 'Modifier la ligne' }).waitFor();
          },
        },
        {
          path: `/dossiers/${householdId}/debts`,
          heading: 'Claire Martin · Dettes',
          ready: async (p) => {
            const debts = region(p, 'Dettes');
            await debts.getByRole('button', { name: 'Ajouter une dette' }).click();
            await debts.getByRole('group', { name: 'Ajouter une dette' }).waitFor();
            await debts.getByRole('button', { name: 'Ajouter une dette' }).click();
            await debts.getByText('Ce champ est obligatoire.').first().waitFor();
            // One debt opened on its form, with what matters less for its kind shown too.
            await debts.locator('.debt-cards > li .line-toggle').first().click();
            await debts
              .getByRole('button', { name: /^Modifier la dette/ })
              .first()
              .click();
            const editor = debts.getByRole('group', { name: 'Modifier la dette' });
            await editor.getByRole('button', { name: 'Plus de détails' }).click();
            await editor.getByLabel('Garant', { exact: true }).waitFor();
          },
        },
        {
          path: `/dossiers/${householdId}/scenarios`,
          heading: 'Claire Martin · Scénarios',
          ready: async (p) => {
            await p.getByRole('table', { name: 'Les scénarios côte à côte (montants en euros)' }).waitFor();
          },
        },
        {
          path: `/dossiers/${householdId}/documents`,
          heading: 'Claire Martin · Documents',
          // The screen loads its document kit after the heading: check the screen, not its loading line.
          ready: async (p) => {
            await p.getByRole('group', { name: 'Quel document ?' }).waitFor();
          },
        },
        { path: `/dossiers/${householdId}/followup`, heading: 'Claire Martin · Suivi' },
      ];
      const found: Record<string, unknown> = {};
      for (const screen of screens) {
        // Offline, the server stopped: the service worker serves every navigation.
        await page.goto(`${server.url}${screen.path}`);
        await page.getByRole('heading', { level: 1, name: screen.heading }).waitFor();
        await screen.ready?.(page);
        // What hides behind "Why?" and "Details" disclosures is checked too.
        await page.evaluate(() => {
          for (const details of document.querySelectorAll('details')) details.open = true;
        });
        const violations = await axeViolations(page);
        const layout = await sidewaysOverflow(page);
        if (violations.length > 0) found[`${screen.path} axe`] = violations;
        if (layout.overflow > 0) found[`${screen.path} overflow`] = layout;
      }
      expect(found).toEqual({});
    });
  }
  it('keeps a half-typed debt through a crashed page, offline', async () => {
    const { context, server } = app;
    expect(householdId).not.toBe('');
    await page.setViewportSize({ width: 1280, height: 800 });
    await countDraftWrites(page);
    await page.goto(`${server.url}/dossiers/${householdId}/debts`);
    await page.getByRole('heading', { level: 1, name: 'Claire Martin · Dettes' }).waitFor();
    await region(page, 'Dettes').getByRole('button', { name: 'Ajouter une dette' }).click();
    const form = region(page, 'Dettes').getByRole('group', { name: 'Ajouter une dette' });
    await field(form, 'Créancier').selectOption({ label: 'Office HLM' });
    // Typed key by key, no button pressed; then the renderer dies, once every keystroke's draft
    // has committed (the crash must not race the last write's commit).
    await field(form, 'Capital restant dû').pressSequentially('2 750,40', { delay: 15 });
    await waitForDraftWrites(page, '2 750,40'.length);
    const crashed = page.waitForEvent('crash');
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    await page.close().catch(() => {});

    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/dossiers/${householdId}/debts`);
    await page.getByRole('heading', { level: 1, name: 'Claire Martin · Dettes' }).waitFor();
    const reopened = region(page, 'Dettes').getByRole('group', { name: 'Ajouter une dette' });
    await expect.poll(() => field(reopened, 'Capital restant dû').inputValue()).toBe('2 750,40');
    expect(await field(reopened, 'Créancier').locator('option:checked').textContent()).toBe('Office HLM');
    await reopened.getByText('Votre saisie non enregistrée a été retrouvée.').waitFor();
    // Nothing was saved behind the person's back: still 6 debts.
    expect(await region(page, 'Dettes').locator('.debt-cards > li').count()).toBe(6);
  });
  it('is usable on a phone: a small household from intake to the scenarios, offline', async () => {
    const { server } = app;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/dossiers/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
    const person = page.getByRole('group', { name: 'Personne 1', exact: true });
    await field(person, 'Prénom').fill('Sophie');
    await field(person, 'Nom').fill('Durand');
    await field(person, 'Date de naissance').fill('1979-01-20');
    await field(page, 'Département').fill('62');
    await field(page, 'Logement').selectOption({ label: 'Hébergé gratuitement' });
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sophie Durand · Accueil' }).waitFor();

    await openTab(page, 'Budget');
    await addResource(page, {
      type: 'salary',
      typeLabel: 'Salaire',
      amount: '1 400',
      cents: 140_000,
      frequency: 'monthly',
    });
    await addCharge(page, {
      type: 'energy',
      typeLabel: 'Électricité et gaz',
      amount: '60',
      cents: 6_000,
      mode: 'real',
    });
    await shownCapacity(page);

    await openTab(page, 'Dettes');
    await addCreditor(page, CREDITORS[1]);
    await addDebt(page, {
      creditor: 1,
      product: 'revolving_credit',
      productLabel: 'Crédit renouvelable',
      capital: ['2 000', 200_000],
      rate: ['15', 1_500],
      instalment: ['80', 8_000],
    });

    await openTab(page, 'Scénarios');
    const table = await compareScenarios(page, ['as-today', 'amicable', 'banque-de-france']);
    expect(await table.locator('tbody th[scope="row"]').allTextContents()).toEqual([
      SCENARIO_LABELS['as-today'],
      SCENARIO_LABELS.amicable,
      SCENARIO_LABELS['banque-de-france'],
    ]);
    expect((await sidewaysOverflow(page)).overflow).toBeLessThanOrEqual(0);
  });
});
