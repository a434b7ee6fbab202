import { type FieldError, RequestValidationError } from './problem';

/**
 * Limits checked on the parsed JSON before class-transformer or class-validator see it: both recurse
 * (10,000 levels overflowed the stack) and both walk every element (100,000 array items blocked the
 * event loop). The walk here is iterative and stops at the first finding. The DTOs set tighter,
 * per-field caps; these are the outer bounds no real credential comes near.
 */
export const BODY_LIMITS = { maxDepth: 32, maxArrayItems: 1000, maxKeys: 200 } as const;

/**
 * Keys an object inherits from Object.prototype. class-validator's whitelist sees them as "known"
 * (they exist on every instance) and class-transformer dropped them silently, while every other
 * unknown key is a 400. Refusing them here treats them alike.
 */
const RESERVED_KEYS = new Set(['__proto__', ...Object.getOwnPropertyNames(Object.prototype)]);

const field = (path: readonly (string | number)[]) => path.join('.') || 'body';

const refuse = (path: readonly (string | number)[], message: string): never => {
  throw new RequestValidationError([{ field: field(path), messages: [message] } satisfies FieldError]);
};

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const checkString = (value: string, path: readonly (string | number)[]) => {
  // A lone surrogate cannot be encoded as UTF-8, so the canonical-JSON hash of an event fails on it.
  if (LONE_SURROGATE.test(value))
    refuse(path, `${field(path)} contains a lone surrogate (not valid Unicode)`);
};

/** Throws a RequestValidationError naming the first field that breaks a limit. */
export const assertSafeJson = (root: unknown): void => {
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    refuse([], 'The body must be a JSON object');
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') checkString(value, path);
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= BODY_LIMITS.maxDepth)
      refuse(path, `Nesting deeper than ${BODY_LIMITS.maxDepth} levels`);
    if (Array.isArray(value)) {
      if (value.length > BODY_LIMITS.maxArrayItems)
        refuse(path, `More than ${BODY_LIMITS.maxArrayItems} items`);
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > BODY_LIMITS.maxKeys) refuse(path, `More than ${BODY_LIMITS.maxKeys} properties`);
    for (const key of keys) {
      checkString(key, [...path, key]);
      if (RESERVED_KEYS.has(key)) refuse([...path, key], `property ${key} should not exist`);
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
};

/** Fastify's JSON parser, replaced: JSON.parse keeps `__proto__` as a plain own key, which the walk refuses. */
export const parseJsonBody = (text: string): unknown => {
  if (text.trim() === '') refuse([], 'The body is empty; send a JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    refuse([], `The body is not valid JSON: ${(error as Error).message}`);
  }
  assertSafeJson(parsed);
  return parsed;
};
