/**
 * Objects deep-frozen here, each of them with everything it holds. A document in this set can no
 * longer change, so its identity stands for its content: a memo may key on the object itself
 * instead of hashing its serialization, and a reader may share it instead of copying it.
 */
const deepFrozen = new WeakSet<object>();

export const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !deepFrozen.has(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
    deepFrozen.add(value);
  }
  return value;
};

/** Whether `deepFreeze` froze this very object (a shallow `Object.freeze` does not count). */
export const isDeepFrozen = (value: object): boolean => deepFrozen.has(value);

const serialized = new WeakMap<object, string>();

/**
 * `JSON.stringify(value)`, kept for a deep-frozen object: its serialization cannot change, and a
 * memo keyed on a shared issuer document would otherwise serialize it again on every lookup.
 */
export const jsonOf = (value: object): string => {
  if (!deepFrozen.has(value)) return JSON.stringify(value);
  let json = serialized.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    serialized.set(value, json);
  }
  return json;
};
