import { FactsError } from './errors';
import { factClass, type FactClass } from './fact-classes';
import type { FactType } from './fact-types';
import { FACT_TYPES, type Facts } from './facts';
import { parseInstant } from './parse-instant';

/**
 * Turns facts into the values CEL expects (ints as bigint, instants as Date), checking each against
 * the descriptor and reading absent ones as empty (see facts.ts). The converter is built once from
 * the descriptor, each node knowing its own path (list items as `list[]`, the index filled in only
 * when a fact is refused), so a conversion allocates nothing but the values it returns.
 */
type Convert = (value: unknown) => unknown;

const refuse = (path: string, expected: string, value: unknown): never => {
  const got = Array.isArray(value) ? 'a list' : `${typeof value} ${JSON.stringify(value)}`;
  throw new FactsError(path, `expected ${expected}, got ${got}`);
};

const absent = (value: unknown) => value === undefined || value === null;

const toDate = (value: unknown, path: string): Date => {
  const ms = typeof value === 'string' ? parseInstant(value) : NaN;
  return Number.isNaN(ms) ? refuse(path, 'an RFC 3339 instant', value) : new Date(ms);
};

type Copy = (record: Record<string, unknown>) => Record<string, unknown>;

/**
 * A function with one statement per field, the field's name written out. A loop over the keys makes
 * every store a dynamic one; written out, each stays monomorphic (in the profile of an evaluation
 * the loop was the largest cost after parsing instants). Names come from the descriptor, not facts.
 */
const fieldCopier = (Fact: FactClass, keys: readonly string[], converters: readonly Convert[]): Copy => {
  const statements = keys.map(
    (key, i) => `out[${JSON.stringify(key)}] = convert[${i}](record[${JSON.stringify(key)}]);`,
  );
  const make = new Function(
    'Fact',
    'convert',
    `return (record) => { const out = new Fact(); ${statements.join(' ')} return out; };`,
  );
  return make(Fact, converters) as Copy;
};

const objectConverter = (type: Extract<FactType, { kind: 'object' }>, path: string): Convert => {
  const keys = Object.keys(type.fields);
  const converters = keys.map((key) => compile(type.fields[key], path ? `${path}.${key}` : key));
  const copy = fieldCopier(factClass(type), keys, converters);
  return (value) => {
    if (absent(value)) value = {};
    else if (typeof value !== 'object' || Array.isArray(value)) return refuse(path, 'an object', value);
    return copy(value as Record<string, unknown>);
  };
};

const listConverter = (of: FactType, path: string): Convert => {
  const itemPath = `${path}[]`;
  const item = compile(of, itemPath);
  return (value) => {
    if (absent(value)) return [];
    if (!Array.isArray(value)) return refuse(path, 'a list', value);
    // A fresh Array of this realm, whatever realm made `value` (cel-js checks `instanceof Array`).
    const out: unknown[] = [];
    let index = 0;
    try {
      for (; index < value.length; index++) out.push(item(value[index]));
    } catch (error) {
      if (!(error instanceof FactsError)) throw error;
      throw new FactsError(error.path.replace(itemPath, `${path}[${index}]`), error.reason);
    }
    return out;
  };
};

const compile = (type: FactType, path: string): Convert => {
  switch (type.kind) {
    case 'string':
      return (v) => (absent(v) ? '' : typeof v === 'string' ? v : refuse(path, 'a string', v));
    case 'enum': {
      const allowed: ReadonlySet<unknown> = new Set(type.values);
      const expected = `one of ${type.values.join(', ')}`;
      return (v) => (absent(v) ? '' : allowed.has(v) ? v : refuse(path, expected, v));
    }
    case 'bool':
      return (v) => (absent(v) ? false : typeof v === 'boolean' ? v : refuse(path, 'a boolean', v));
    case 'int':
      return (v) =>
        absent(v) ? 0n : Number.isSafeInteger(v) ? BigInt(v as number) : refuse(path, 'a whole number', v);
    case 'double':
      return (v) => (absent(v) ? 0 : Number.isFinite(v) ? v : refuse(path, 'a finite number', v));
    case 'timestamp':
      return (v) => (absent(v) || v === '' ? new Date(0) : toDate(v, path));
    case 'list':
      return listConverter(type.of, path);
    case 'object':
      return objectConverter(type, path);
  }
};

const convertFacts = compile(FACT_TYPES, '');

/** The CEL activation for one command's facts. Throws `FactsError` when a fact has the wrong type. */
export const toActivation = (facts: Facts): Record<string, unknown> => {
  if (typeof facts?.now !== 'string') refuse('now', 'an RFC 3339 instant', facts?.now);
  if (typeof facts.command?.type !== 'string') refuse('command.type', 'a command type', facts.command?.type);
  return convertFacts(facts) as Record<string, unknown>;
};
