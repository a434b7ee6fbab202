import {
  getMetadataStorage,
  type ValidationArguments,
  ValidationTypes,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * class-validator's verdict on a DTO instance, decided without class-validator's executor: the
 * metadata of each class is read once and turned into a plan of closures that call the very same
 * constraint functions (IsString, Matches, IsInstant, the ValidateIf conditions...) in the same
 * way, minus the per-call cost of the executor (metadata lookup over every class, an error object
 * per property, promises). It only answers "passes": `false` means "fails, or cannot tell" (an
 * async validator, a class without rules), and the caller then runs class-validator itself, so
 * every 400 body still comes from class-validator alone.
 *
 * It mirrors ValidationExecutor.execute of class-validator 0.15 for the options in
 * VALIDATOR_OPTIONS (whitelist with forbidNonWhitelisted, no groups, no skip* options), which
 * `planCovers` checks. validation-plan.unit.spec.ts proves it decides like class-validator on
 * random and mutated bodies of every DTO.
 */
type Plan = (object: object) => boolean;

/** A class, as class-validator keys its metadata (and as `object.constructor` is typed). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

const NEVER: Plan = () => false;

/** A decorator's metadata with its validator instances (class-validator's container keeps one per class). */
type Constrained = {
  metadata: ValidationMetadata;
  validators: { async: boolean; instance: ValidatorConstraintInterface }[];
};

const storage = getMetadataStorage();
const plans = new Map<Target, Map<string | undefined, Plan>>();

/** A validator's answer: true passes; false fails; a promise cannot be decided here. */
const holds = (result: unknown): boolean => result === true || (!!result && !isPromise(result));

/** class-validator's own test for an async answer. */
const isPromise = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

const itemsOf = (value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] =>
  Array.isArray(value) ? value : Array.from(value.values());

/** customValidations() for one property: every constraint of every decorator holds (a promise is "cannot tell"). */
const passesConstraints = (object: object, value: unknown, decorators: readonly Constrained[]): boolean => {
  for (const { metadata, validators } of decorators) {
    if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
    for (const { async, instance } of validators) {
      if (async) return false;
      const args: ValidationArguments = {
        targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
        property: metadata.propertyName,
        object,
        value,
        constraints: metadata.constraints,
      };
      if (metadata.each && isCollection(value)) {
        for (const item of itemsOf(value)) if (!holds(instance.validate(item, args))) return false;
      } else if (!holds(instance.validate(value, args))) return false;
    }
  }
  return true;
};

/** nestedValidations(): a collection item by item, an object by its own class's plan, anything else fails. */
const passesNested = (value: unknown, schema: string): boolean => {
  if (value === undefined) return true;
  if (isCollection(value)) return itemsOf(value).every((item) => passesNested(item, schema));
  if (!(value instanceof Object)) return false;
  // An object without a class (a `constructor` key of its own) is left to class-validator.
  return typeof value.constructor === 'function' && planFor(value.constructor, schema)(value);
};

const propertyPlan = (property: string, metadatas: readonly ValidationMetadata[]): Plan => {
  const ofType = (type: string) => metadatas.filter((m) => m.type === type);
  const withConstraints = (list: ValidationMetadata[]): Constrained[] =>
    list.map((metadata) => ({
      metadata,
      validators: storage
        .getTargetValidatorConstraints(metadata.constraintCls)
        .map(({ async, instance }) => ({ async, instance })),
    }));
  const conditions = ofType(ValidationTypes.CONDITIONAL_VALIDATION).map(
    (m) => m.constraints[0] as (object: object, value: unknown) => boolean,
  );
  const defined = withConstraints(ofType(ValidationTypes.IS_DEFINED));
  const custom = withConstraints(ofType(ValidationTypes.CUSTOM_VALIDATION));
  const nested = ofType(ValidationTypes.NESTED_VALIDATION).map((m) =>
    typeof m.target === 'string' ? m.target : m.target.name,
  );
  return (object) => {
    const value = (object as Record<string, unknown>)[property];
    // class-validator calls every condition (map, then reduce), so a throwing one throws here too.
    if (!conditions.map((condition) => condition(object, value)).every(Boolean)) return true;
    return (
      passesConstraints(object, value, defined) &&
      passesConstraints(object, value, custom) &&
      nested.every((schema) => passesNested(value, schema))
    );
  };
};

const buildPlan = (target: Target, schema: string | undefined): Plan => {
  const metadatas = storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined);
  // No rules: class-validator reports an unknown value or refuses every key. Promise rules: it awaits.
  if (metadatas.length === 0 || metadatas.some((m) => m.type === ValidationTypes.PROMISE_VALIDATION))
    return NEVER;
  const grouped = storage.groupByPropertyName(metadatas);
  const allowed = new Set(Object.keys(grouped));
  const properties = Object.entries(grouped).map(([property, list]) =>
    propertyPlan(
      property,
      list.filter((m) => m.type !== ValidationTypes.WHITELIST),
    ),
  );
  return (object) => {
    // whitelist with forbidNonWhitelisted: a key without any decorator fails.
    for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
    return properties.every((passes) => passes(object));
  };
};

const planFor = (target: Target, schema?: string): Plan => {
  let bySchema = plans.get(target);
  if (!bySchema) plans.set(target, (bySchema = new Map()));
  let plan = bySchema.get(schema);
  if (!plan) bySchema.set(schema, (plan = buildPlan(target, schema)));
  return plan;
};

/** True when class-validator, run on `object` with VALIDATOR_OPTIONS, would report no error. */
export const passesValidationPlan = (object: unknown): boolean =>
  object !== null &&
  typeof object === 'object' &&
  typeof object.constructor === 'function' &&
  planFor(object.constructor)(object);
