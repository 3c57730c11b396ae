/**
 * The commission's budget vie courante (BVC, R731-3): each charge at its real amount, at its
 * real amount up to a ceiling, or replaced by the commission's flat rate; and the
 * counsellor's "fixed charges", the declared amounts of every line but food and living.
 */
import type { IsoDate } from '../dates';
import type { ChargeMode, ChargeType } from '../household/charge';
import type { Household } from '../household/household';
import type { Cents } from '../money';
import {
  chooseForfaits,
  type ForfaitEntry,
  type ForfaitKind,
  forfaitForPersons,
} from '../parameters/commission-forfaits';
import { MissingParameterError } from '../parameters/lookup';
import { type ParameterSupplements, supplementForfaitEntries } from '../parameters/parameter-supplements';
import { toMonthlyCents } from './monthly-amount';

/** Flat rate that replaces a 'forfait' line when the line does not name one. */
export const DEFAULT_FORFAIT_KIND: Readonly<Partial<Record<ChargeType, ForfaitKind>>> = {
  food_living: 'base',
  transport: 'base',
  other: 'base',
  energy: 'chauffage',
  heating: 'chauffage',
  home_insurance: 'habitation',
  water: 'habitation',
  housing_costs: 'habitation',
};

export interface ChargeLine {
  readonly id: string;
  readonly type: ChargeType;
  readonly mode: ChargeMode;
  readonly declaredMonthlyCents: Cents;
  /** What the line adds to the BVC (0 for a forfait line: the forfait is counted once below). */
  readonly livingCostsCents: Cents;
  readonly isFixed: boolean;
}

export interface LivingCosts {
  readonly livingCostsCents: Cents;
  readonly fixedChargesCents: Cents;
  readonly rentMonthlyCents: Cents;
  readonly lines: readonly ChargeLine[];
  readonly forfaits: readonly { readonly kind: ForfaitKind; readonly amountCents: Cents }[];
  readonly forfaitEntry: ForfaitEntry;
  readonly usedNationalDefault: boolean;
}

/**
 * BVC and fixed charges of a household, in cents per month.
 * @param household - the dossier
 * @param on - reference date (year of the forfait table)
 * @param persons - people living in the household (forfait scale)
 * @param table - the counsellor's forfait entries
 * @param supplements - the admin's dated entries (their forfaits in force on `on` come first)
 * @throws MissingParameterError('commissionForfait.<kind>') when a needed flat rate is missing
 * @example livingCosts(household, '2026-02-01', 1, []).livingCostsCents // 143_300
 */
export function livingCosts(
  household: Household,
  on: IsoDate,
  persons: number,
  table: readonly ForfaitEntry[],
  supplements?: ParameterSupplements,
): LivingCosts {
  const choice = chooseForfaits(
    table,
    household.departement,
    Number(on.slice(0, 4)),
    supplementForfaitEntries(supplements, on),
  );
  const kinds = new Set<ForfaitKind>();
  const lines = household.charges.map((c): ChargeLine => {
    const declared = toMonthlyCents(c.amountCents, c.frequency);
    let counted = declared;
    if (c.mode === 'capped_real') counted = Math.min(declared, c.capMonthlyCents ?? declared);
    if (c.mode === 'forfait') {
      kinds.add(c.forfaitKind ?? DEFAULT_FORFAIT_KIND[c.type] ?? 'base');
      counted = 0;
    }
    return {
      id: c.id,
      type: c.type,
      mode: c.mode,
      declaredMonthlyCents: declared,
      livingCostsCents: counted,
      isFixed: c.type !== 'food_living',
    };
  });
  const forfaits = [...kinds].sort().map((kind) => {
    // Habitation and heating flat rates do not apply to people hosted free of charge.
    if (kind !== 'base' && household.housingStatus === 'hosted_free') return { kind, amountCents: 0 };
    const amounts = choice.entry.amounts[kind];
    if (!amounts) {
      throw new MissingParameterError(
        `commissionForfait.${kind}`,
        on,
        `département ${household.departement}, table ${choice.entry.id}`,
      );
    }
    return { kind, amountCents: forfaitForPersons(amounts, persons) };
  });
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  return {
    livingCostsCents: sum(lines.map((l) => l.livingCostsCents)) + sum(forfaits.map((f) => f.amountCents)),
    fixedChargesCents: sum(lines.filter((l) => l.isFixed).map((l) => l.declaredMonthlyCents)),
    rentMonthlyCents: sum(lines.filter((l) => l.type === 'rent').map((l) => l.declaredMonthlyCents)),
    lines,
    forfaits,
    forfaitEntry: choice.entry,
    usedNationalDefault: choice.usedNationalDefault,
  };
}
