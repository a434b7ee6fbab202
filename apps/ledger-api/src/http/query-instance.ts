import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage as transforms } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';

/** A DTO class, as both libraries key their metadata. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

/** Keys Nest strips before class-transformer sees a value, and class-transformer skips itself. */
const STRIPPED = new Set(['__proto__', 'constructor', 'prototype']);

const PLAIN_TO_CLASS = TransformationType.PLAIN_TO_CLASS;

/**
 * The properties of a class that class-transformer copies as they are: validated (so whitelisted),
 * without @Type, @Transform, @Expose or @Exclude, and not an accessor or method of the prototype.
 * None at all when the class itself has an expose/exclude strategy or exposes or excludes anything.
 */
const copiedAsTheyAre = (target: Target): ReadonlySet<string> => {
  if (
    transforms.getStrategy(target) !== 'none' ||
    transforms.getExposedProperties(target, PLAIN_TO_CLASS).length > 0 ||
    transforms.getExcludedProperties(target, PLAIN_TO_CLASS).length > 0
  )
    return new Set();
  const validated = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false, undefined);
  const properties = new Set(validated.map((rule) => rule.propertyName));
  const prototype = (target as { prototype: object }).prototype;
  return new Set(
    [...properties].filter(
      (property) =>
        !STRIPPED.has(property) &&
        !transforms.findTypeMetadata(target, property) &&
        transforms.findTransformMetadatas(target, property, PLAIN_TO_CLASS).length === 0 &&
        !transforms.findExposeMetadataByCustomName(target, property) &&
        !hasOnPrototypeChain(prototype, property),
    ),
  );
};

const hasOnPrototypeChain = (prototype: object | null, property: string): boolean =>
  prototype !== null && property in prototype;

const plainByClass = new Map<Target, ReadonlySet<string>>();

/**
 * What class-transformer's plainToInstance makes of a query (no options), built without it when that
 * is a plain copy: every key a property copied as it is (above) and every value text, the shape of
 * almost every query string (a repeated key, a list, or a key with @Type goes the long way).
 * Then it is `new target()` with the keys assigned in their order, as class-transformer does.
 * undefined: not such a query, class-transformer decides.
 */
export const plainQueryInstance = (target: Target, query: unknown): object | undefined => {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return undefined;
  let plain = plainByClass.get(target);
  if (!plain) plainByClass.set(target, (plain = copiedAsTheyAre(target)));
  const keys = Object.keys(query);
  for (const key of keys) {
    if (!plain.has(key) || typeof (query as Record<string, unknown>)[key] !== 'string') return undefined;
  }
  const instance = new (target as new () => Record<string, unknown>)();
  for (const key of keys) instance[key] = (query as Record<string, unknown>)[key];
  return instance;
};
