/**
 * Structural equality for plain JSON-like values, treating a key set to `undefined` as absent:
 * a repeated command that omits an optional field is the same command. Array order matters.
 */
export const sameValue = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const keys = (o: object) =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
  const ka = keys(a);
  const kb = keys(b);
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => kb.includes(k) && sameValue(ra[k], rb[k]));
};

/** Drops the `status` tag so a state can be compared with the event data it was folded from. */
export const withoutStatus = <S extends { status: string }>({
  status: _status,
  ...rest
}: S): Omit<S, 'status'> => rest;

/** Drops keys whose value is `undefined`, so optional event fields are absent rather than null-ish. */
export const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
