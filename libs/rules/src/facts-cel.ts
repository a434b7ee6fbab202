import type { Environment } from '@marcbachmann/cel-js';
import { FactsError } from './errors';
import type { FactType } from './fact-types';
import { FACT_TYPES, type Facts } from './facts';

/** CEL's name for timestamps; `timestamp` alone is not a registered type name in cel-js. */
export const CEL_TIMESTAMP = 'google.protobuf.Timestamp';

const capitalise = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Declares every fact part as a typed CEL variable. Each object in the descriptor becomes a CEL type
 * named after its path (`Specification.AwardingBodies`), so a misspelt field fails the type check.
 */
export const declareFacts = (env: Environment): Environment => {
  const celType = (type: FactType, name: string): string => {
    switch (type.kind) {
      case 'string':
      case 'enum':
        return 'string';
      case 'bool':
      case 'int':
      case 'double':
        return type.kind;
      case 'timestamp':
        return CEL_TIMESTAMP;
      case 'list':
        return `list<${celType(type.of, name)}>`;
      case 'object': {
        const fields = Object.entries(type.fields).map(([key, t]) => [
          key,
          celType(t, `${name}.${capitalise(key)}`),
        ]);
        env.registerType(name, { fields: Object.fromEntries(fields) });
        return name;
      }
    }
  };
  for (const [name, type] of Object.entries(FACT_TYPES.fields))
    env.registerVariable(name, celType(type, capitalise(name)));
  return env;
};

/** The value a rule reads for an absent fact (see facts.ts). */
export const emptyOf = (type: FactType): unknown => {
  switch (type.kind) {
    case 'string':
    case 'enum':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0n;
    case 'double':
      return 0;
    case 'timestamp':
      return new Date(0);
    case 'list':
      return [];
    case 'object':
      return Object.fromEntries(Object.entries(type.fields).map(([key, t]) => [key, emptyOf(t)]));
  }
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;

const describe = (value: unknown) =>
  Array.isArray(value) ? 'a list' : `${typeof value} ${JSON.stringify(value)}`;

const refuse = (path: string, expected: string, value: unknown): never => {
  throw new FactsError(path, `expected ${expected}, got ${describe(value)}`);
};

/** Converts one fact into the value CEL expects (ints as bigint, instants as Date), checking its type. */
const toCel = (type: FactType, value: unknown, path: string): unknown => {
  if (value === undefined || value === null) return emptyOf(type);
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? value : refuse(path, 'a string', value);
    case 'enum':
      return typeof value === 'string' && type.values.includes(value)
        ? value
        : refuse(path, `one of ${type.values.join(', ')}`, value);
    case 'bool':
      return typeof value === 'boolean' ? value : refuse(path, 'a boolean', value);
    case 'int':
      return Number.isSafeInteger(value) ? BigInt(value as number) : refuse(path, 'a whole number', value);
    case 'double':
      return Number.isFinite(value) ? value : refuse(path, 'a finite number', value);
    case 'timestamp': {
      if (value === '') return emptyOf(type);
      const ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : NaN;
      return Number.isNaN(ms) ? refuse(path, 'an RFC 3339 instant', value) : new Date(ms);
    }
    case 'list':
      // Array.from, not value.map: the copy must be an Array of this realm, whatever realm made `value`.
      return Array.isArray(value)
        ? Array.from(value, (item, index) => toCel(type.of, item, `${path}[${index}]`))
        : refuse(path, 'a list', value);
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return refuse(path, 'an object', value);
      const record = value as Record<string, unknown>;
      const fields = Object.entries(type.fields).map(([key, t]) => [
        key,
        toCel(t, record[key], path ? `${path}.${key}` : key),
      ]);
      return Object.fromEntries(fields);
    }
  }
};

/** The CEL activation for one command's facts. Throws `FactsError` when a fact has the wrong type. */
export const toActivation = (facts: Facts): Record<string, unknown> => {
  if (typeof facts?.now !== 'string') refuse('now', 'an RFC 3339 instant', facts?.now);
  if (typeof facts.command?.type !== 'string') refuse('command.type', 'a command type', facts.command?.type);
  return toCel(FACT_TYPES, facts, '') as Record<string, unknown>;
};
