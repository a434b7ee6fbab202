import { Environment } from '@marcbachmann/cel-js';
import { RulesetError } from './errors';
import { CEL_TIMESTAMP, declareFacts } from './facts-cel';
import type { ParameterValue } from './parse';

const DAY_MS = 86_400_000;

/**
 * The CEL environment every ruleset shares: the facts, the `epoch` timestamp (what an absent
 * instant reads as) and `daysBetween(from, to)`, the whole days from one instant to a later one
 * (negative when `to` is earlier), because CEL durations have no day unit.
 */
const createBaseEnvironment = (): Environment =>
  declareFacts(new Environment())
    .registerConstant('epoch', CEL_TIMESTAMP, new Date(0))
    .registerFunction(`daysBetween(${CEL_TIMESTAMP}, ${CEL_TIMESTAMP}): int`, (from: Date, to: Date) =>
      BigInt(Math.floor((to.getTime() - from.getTime()) / DAY_MS)),
    );

let base: Environment | undefined;

/** Building an environment is the expensive part, so there is one base, cloned per ruleset. */
const baseEnvironment = (): Environment => (base ??= createBaseEnvironment());

type CelParameter = Readonly<{ type: string; value: unknown }>;

const scalarParameter = (value: string | number | boolean): CelParameter | undefined => {
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'bool', value };
  return Number.isSafeInteger(value) ? { type: 'int', value: BigInt(value) } : { type: 'double', value };
};

/** Whole numbers are CEL `int`, others `double`; a list's items must share one type. */
const toCelParameter = (value: ParameterValue): CelParameter | undefined => {
  if (!Array.isArray(value)) return scalarParameter(value as string | number | boolean);
  const items = value.map(scalarParameter);
  const types = new Set(items.map((item) => item?.type));
  if (types.has('int') && types.has('double')) types.delete('int');
  if (types.size > 1) return undefined;
  const [itemType = 'dyn'] = types;
  const values = items.map((item) => (itemType === 'double' ? Number(item?.value) : item?.value));
  return { type: `list<${itemType}>`, value: values };
};

export type RulesetEnvironment = Readonly<{
  env: Environment;
  /** The `params` value every evaluation passes alongside the facts. */
  params: Readonly<Record<string, unknown>>;
}>;

/** The base environment plus this ruleset's `params`, typed from the values the file gives. */
export const rulesetEnvironment = (
  parameters: Readonly<Record<string, ParameterValue>> | undefined,
  file: string,
): RulesetEnvironment => {
  const env = baseEnvironment().clone();
  const fields: Record<string, string> = {};
  // An instance of the type's own constructor, as with the facts (see fact-classes.ts): cel-js then
  // reads it as it is, rather than wrapping a plain object again for every expression.
  const Parameters = class Parameters {};
  const params = new Parameters() as Record<string, unknown>;
  for (const [name, value] of Object.entries(parameters ?? {})) {
    const parameter = toCelParameter(value);
    if (!parameter) throw new RulesetError(file, `parameter '${name}' mixes value types in one list`);
    fields[name] = parameter.type;
    params[name] = parameter.value;
  }
  env.registerType('Parameters', { ctor: Parameters, fields }).registerVariable('params', 'Parameters');
  return { env, params };
};
