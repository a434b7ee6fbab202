/** Outside what the copy mirrors: the caller asks `canonicalize` instead. */
const OUTSIDE = Symbol('outside the canonical copy');

/** Deeper than any event a decider writes; a cycle ends here instead of in a stack overflow. */
const MAX_DEPTH = 64;

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const dropped = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * A key V8 would not keep in insertion order (an array index is enumerated first, in numeric order),
 * or that an assignment would not create as an own property.
 */
const unorderable = (key: string) => {
  const first = key.charCodeAt(0);
  return (first >= 48 && first <= 57) || key === '__proto__';
};

/**
 * Sorts an object's keys in place, as `Array.prototype.sort` would (`<` compares UTF-16 code units):
 * an insertion sort, since V8's sort copies the array into a work array first, which for an event's
 * few small objects was 22 KB of a bulk row's allocation.
 */
const sortKeys = (keys: string[]): string[] => {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
};

const copy = (value: unknown, depth: number): unknown => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw OUTSIDE;
      return value;
    case 'object': {
      if (value === null) return null;
      if (depth > MAX_DEPTH) throw OUTSIDE;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) out[i] = dropped(value[i]) ? null : copy(value[i], depth + 1);
        return out;
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) throw OUTSIDE;
      const out: Record<string, unknown> = {};
      for (const key of sortKeys(Object.keys(value))) {
        if (unorderable(key)) throw OUTSIDE;
        const field = (value as Record<string, unknown>)[key];
        if (!dropped(field)) out[key] = copy(field, depth + 1);
      }
      return out;
    }
    default:
      throw OUTSIDE;
  }
};

/**
 * The RFC 8785 canonical JSON of `value`: a copy with every object's keys in RFC 8785 order (UTF-16
 * code units, as `Array.prototype.sort` compares) and JSON.stringify's omissions, then one native
 * stringify, where `canonicalize` builds the text piece by piece. Undefined for what the copy does
 * not mirror exactly (class instances, toJSON, non-finite numbers, keys V8 reorders, lone
 * surrogates, cycles): the caller then asks canonicalize, and gets its answer or refusal as before.
 */
export const canonicalJson = (value: unknown): string | undefined => {
  try {
    const json = JSON.stringify(copy(value, 0));
    // JSON.stringify escapes a lone surrogate, which canonicalize refuses; an escaped backslash
    // before "ud" lands here too, harmlessly.
    return json.includes('\\ud') ? undefined : json;
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
};
