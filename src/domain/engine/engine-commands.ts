/**
 * The engine's command layer, shared by the CLI and any integration: validates one JSON
 * document against the command's schema and returns one JSON document plus an exit code
 * (0 ok, 2 invalid input or unknown command, 3 missing legal parameter). Pure: no IO.
 */
import { z } from 'zod';
import { DiagnoseInputSchema, diagnose } from '../budget/diagnose';
import { parameterAlerts } from '../budget/parameter-alerts';
import { computeCapacity } from '../budget/repayment-capacity';
import { rsaForHousehold } from '../budget/rsa-floor';
import { seizableFraction } from '../budget/seizable-fraction';
import { IsoDateSchema } from '../dates';
import { CentsSchema } from '../money';
import { MissingParameterError } from '../parameters/lookup';
import { ParameterSupplementsSchema } from '../parameters/parameter-supplements';
import { runSimulateCommand, SimulateCommandSchema } from '../rescheduling/simulate-command';

const CountSchema = z.number().int().min(0).max(50);

export const SeizableCommandSchema = z.object({
  on: IsoDateSchema,
  monthlyResourcesCents: CentsSchema,
  dependents: CountSchema,
  parameterSupplements: ParameterSupplementsSchema.optional(),
});

export const RsaCommandSchema = z
  .object({
    on: IsoDateSchema,
    adults: z.union([z.literal(1), z.literal(2)]),
    children: CountSchema,
    otherDependents: CountSchema.optional(),
    isolatedParent: z.boolean(),
    territory: z.enum(['metropole', 'mayotte']),
    parameterSupplements: ParameterSupplementsSchema.optional(),
  })
  .refine((i) => !i.isolatedParent || i.adults === 1, {
    message: 'isolatedParent requires adults = 1',
    path: ['isolatedParent'],
  });

export const CapacityCommandSchema = z
  .object({
    on: IsoDateSchema,
    monthlyResourcesCents: CentsSchema,
    seizureBaseMonthlyCents: CentsSchema.optional(),
    dependents: CountSchema,
    adults: z.union([z.literal(1), z.literal(2)]),
    children: CountSchema,
    otherDependents: CountSchema.optional(),
    isolatedParent: z.boolean().optional(),
    territory: z.enum(['metropole', 'mayotte']).optional(),
    livingCostsCents: CentsSchema,
    residenceException: z.object({ consent: z.boolean(), requestedMonthlyCents: CentsSchema }).optional(),
    parameterSupplements: ParameterSupplementsSchema.optional(),
  })
  .refine((i) => !i.isolatedParent || i.adults === 1, {
    message: 'isolatedParent requires adults = 1',
    path: ['isolatedParent'],
  });

/** The diagnose input, with the supplements accepted at the top level like the other commands. */
export const DiagnoseCommandSchema = DiagnoseInputSchema.extend({
  parameterSupplements: ParameterSupplementsSchema.optional(),
}).refine((i) => i.parameterSupplements === undefined || i.options?.parameterSupplements === undefined, {
  message: 'give parameterSupplements once: at the top level or in options',
  path: ['parameterSupplements'],
});

export const ENGINE_COMMANDS = ['seizable', 'rsa', 'capacity', 'diagnose', 'simulate'] as const;
export type EngineCommand = (typeof ENGINE_COMMANDS)[number];

export interface EngineProblem {
  /** Dotted path into the input, e.g. 'household.debts[0].creditorId' ('' for the root). */
  readonly path: string;
  readonly message: string;
}

export interface EngineOutcome {
  /** 0 success, 2 invalid input or unknown command, 3 missing legal parameter. */
  readonly exitCode: 0 | 2 | 3;
  readonly output: unknown;
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

function invalid(error: z.ZodError): EngineOutcome {
  const problems: EngineProblem[] = error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  return { exitCode: 2, output: { error: 'invalid-input', problems } };
}

function run<S extends z.ZodType>(
  schema: S,
  input: unknown,
  compute: (value: z.infer<S>) => unknown,
): EngineOutcome {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    return { exitCode: 0, output: compute(parsed.data) };
  } catch (error) {
    if (error instanceof MissingParameterError) {
      return {
        exitCode: 3,
        output: {
          error: 'missing-parameter',
          parameter: error.parameter,
          date: error.date,
          message: error.message,
        },
      };
    }
    throw error;
  }
}

/**
 * Runs one engine command on an already-parsed JSON input.
 * @param command - 'seizable' | 'rsa' | 'capacity' | 'diagnose' | 'simulate'
 * @param input - the JSON document read from stdin
 * @returns the exit code and the JSON document to write on stdout
 * @example runEngineCommand('seizable', { on: '2026-02-01', monthlyResourcesCents: 180_000, dependents: 0 }).output // { seizableMonthlyCents: 33_838, ... }
 */
export function runEngineCommand(command: string, input: unknown): EngineOutcome {
  switch (command) {
    case 'seizable':
      return run(SeizableCommandSchema, input, (i) => {
        const r = seizableFraction(i);
        return {
          seizableMonthlyCents: r.seizableMonthlyCents,
          parameterSet: r.parameterSet,
          annualResourcesCents: r.annualResourcesCents,
          bands: r.bands,
          explanation: r.explanation,
          alerts: parameterAlerts(r.parameterSet.parameterIds, i.parameterSupplements),
        };
      });
    case 'rsa':
      return run(RsaCommandSchema, input, (i) => {
        const r = rsaForHousehold(i);
        return {
          rsaMonthlyCents: r.rsaMonthlyCents,
          parameterSet: r.parameterSet,
          baseMonthlyCents: r.baseMonthlyCents,
          components: r.components,
          explanation: r.explanation,
          alerts: parameterAlerts(r.parameterSet.parameterIds, i.parameterSupplements),
        };
      });
    case 'capacity':
      return run(CapacityCommandSchema, input, (i) => {
        const { seizable, rsa, explanation, ...rest } = computeCapacity(i);
        return {
          ...rest,
          explanations: [explanation, seizable.explanation, rsa.explanation],
          alerts: parameterAlerts(rest.parameterSet.parameterIds, i.parameterSupplements),
        };
      });
    case 'diagnose':
      return run(DiagnoseCommandSchema, input, ({ parameterSupplements, ...i }) =>
        diagnose(parameterSupplements ? { ...i, options: { ...i.options, parameterSupplements } } : i),
      );
    case 'simulate':
      return run(SimulateCommandSchema, input, (i) => runSimulateCommand(i));
    default:
      return {
        exitCode: 2,
        output: {
          error: 'unknown-command',
          problems: [
            {
              path: '',
              message: `unknown command "${command}"; expected one of ${ENGINE_COMMANDS.join(', ')}`,
            },
          ],
        },
      };
  }
}
