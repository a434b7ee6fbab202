/**
 * A tiny type language for facts. One descriptor (see facts.ts) yields both the TypeScript type the
 * application fills in and the CEL declarations rules are checked against, so the two cannot drift.
 */

type ScalarKind = 'string' | 'bool' | 'int' | 'double' | 'timestamp';

export type FactType =
  | Readonly<{ kind: ScalarKind }>
  | Readonly<{ kind: 'enum'; values: readonly string[] }>
  | Readonly<{ kind: 'list'; of: FactType }>
  | Readonly<{ kind: 'object'; fields: FactFields }>;

export type FactFields = Readonly<Record<string, FactType>>;

export const text = { kind: 'string' } as const;
export const bool = { kind: 'bool' } as const;
/** A whole number; CEL `int`. */
export const int = { kind: 'int' } as const;
/** CEL `double`. */
export const double = { kind: 'double' } as const;
/** An RFC 3339 instant in the facts; CEL `google.protobuf.Timestamp`. */
export const timestamp = { kind: 'timestamp' } as const;
/** A string from a closed vocabulary: checked when facts are converted; CEL `string`. */
export const oneOf = <const V extends readonly string[]>(...values: V) => ({ kind: 'enum', values }) as const;
export const list = <const T extends FactType>(of: T) => ({ kind: 'list', of }) as const;
export const object = <const F extends FactFields>(fields: F) => ({ kind: 'object', fields }) as const;

/** The TypeScript value of a fact type: instants are RFC 3339 strings, numbers are numbers (JSON-friendly). */
export type ValueOf<T> = T extends { kind: 'string' }
  ? string
  : T extends { kind: 'bool' }
    ? boolean
    : T extends { kind: 'int' | 'double' }
      ? number
      : T extends { kind: 'timestamp' }
        ? string
        : T extends { kind: 'enum'; values: readonly (infer V)[] }
          ? V
          : T extends { kind: 'list'; of: infer E }
            ? readonly ValueOf<E>[]
            : T extends { kind: 'object'; fields: infer F }
              ? { readonly [K in keyof F]: ValueOf<F[K]> }
              : never;
