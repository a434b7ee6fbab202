import type { Environment } from '@marcbachmann/cel-js';
import { factClass } from './fact-classes';
import type { FactType } from './fact-types';
import { FACT_TYPES } from './facts';

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
        env.registerType(name, { ctor: factClass(type), fields: Object.fromEntries(fields) });
        return name;
      }
    }
  };
  for (const [name, type] of Object.entries(FACT_TYPES.fields))
    env.registerVariable(name, celType(type, capitalise(name)));
  return env;
};
