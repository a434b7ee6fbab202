import type { ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes, validateSync } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import fc from 'fast-check';
// The app module imports every controller, so every DTO has its metadata registered.
import '../app.module';
import { RequestValidationError } from './problem';
import { classValidatorPipe, requestValidationPipe, VALIDATOR_OPTIONS } from './validation';
import { passesValidationPlan } from './validation-plan';

type Dto = new () => object;

const RUNS = Number(process.env.VALIDATION_PLAN_RUNS ?? 150);

const storage = getMetadataStorage();
const DTOS = [
  ...(storage as unknown as { validationMetadatas: Map<unknown, unknown> }).validationMetadatas.keys(),
]
  .filter((target): target is Dto => typeof target === 'function')
  .sort((a, b) => a.name.localeCompare(b.name));

const rulesOf = (dto: Dto) =>
  storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, '', false, false, undefined));

/** Values that break most rules, and a few that sit on their edges. */
const WILD = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(
    '',
    null,
    0,
    -1,
    1.5,
    8,
    501,
    'true',
    'false',
    '5',
    ' 5',
    '1e3',
    'NaN',
    'Infinity',
    [],
    {},
    ['x'],
    'n-of',
    'x'.repeat(201),
    'x'.repeat(2001),
    `${'x'.repeat(199)}\uFE0F\uFE0F`,
    `${'😀'.repeat(200)}`,
    '2026-02-30T00:00:00Z',
    '2026-01-01T00:00:00',
    '2026-W47',
    'spec a',
    'a@b.example',
    'sha256$' + 'a'.repeat(64),
  ),
);

/**
 * What a query string parses to: text, or a list of texts for a repeated key. An object cannot
 * arrive there, and `{toString: false}` in a numeric field would make class-transformer's own
 * `Number(value)` throw before either validator is asked.
 */
const WILD_QUERY = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.constantFrom('', '0', '-1', '1.5', '501', '5', ' 5', '1e3', 'NaN', 'Infinity', 'true', 'x'.repeat(201)),
);

const INSTANTS = fc.constantFrom(
  '2026-01-01T00:00:00Z',
  '2027-03-01T12:00:00+01:00',
  '2026-11-21T00:00:00.123Z',
);

/** The class of a nested list's items: what class-transformer makes of one. */
const typeOfItems = (dto: Dto, property: string): Dto =>
  (plainToInstance(dto, { [property]: [{}] }) as Record<string, object[]>)[property][0].constructor as Dto;

/** fast-check writes no strings for lookaheads: those are dropped, and the strings filtered by the real pattern. */
const matching = (pattern: RegExp): fc.Arbitrary<string> => {
  const withoutLookaheads = new RegExp(pattern.source.replace(/\(\?[!=][^)]*\)/g, ''), pattern.flags);
  return fc.stringMatching(withoutLookaheads).filter((text) => pattern.test(text));
};

const constraintOf = (rules: readonly ValidationMetadata[], name: string) =>
  rules.find((rule) => rule.name === name && !rule.each)?.constraints[0] as number | undefined;

/** A value the property's rules most likely accept (a number also as the string a query carries). */
const likelyValid = (
  dto: Dto,
  property: string,
  rules: readonly ValidationMetadata[],
): fc.Arbitrary<unknown> => {
  const names = new Set(rules.map((rule) => rule.name));
  const each = rules.filter((rule) => rule.each);
  const nested = rules.some((rule) => rule.type === ValidationTypes.NESTED_VALIDATION);
  const listed = names.has('isArray') || names.has('arrayMinSize') || each.length > 0;
  if (nested) {
    const type = (
      rules.find((rule) => rule.type === ValidationTypes.NESTED_VALIDATION)?.each
        ? typeOfItems(dto, property)
        : Reflect.getMetadata('design:type', dto.prototype, property)
    ) as Dto;
    return listed ? fc.array(bodyOf(type), { maxLength: 3 }) : bodyOf(type);
  }
  // A query carries text: @Type and @Transform turn it into numbers, booleans and lists.
  const query = dto.name.endsWith('QueryDto');
  const min = constraintOf(rules, 'min') ?? -5;
  const max = constraintOf(rules, 'max') ?? 1000;
  const scalar = (names: Set<string | undefined>, source: readonly ValidationMetadata[]) => {
    const pattern = source.find((rule) => rule.name === 'matches')?.constraints[0] as RegExp | undefined;
    const choices = source.find((rule) => rule.name === 'isIn')?.constraints[0] as unknown[] | undefined;
    if (pattern) return matching(pattern);
    if (choices) return fc.constantFrom(...choices);
    if (names.has('isInstant')) return INSTANTS;
    if (names.has('isISO31661Alpha2')) return fc.constantFrom('NL', 'DE', 'XX');
    if (names.has('isBoolean')) return query ? fc.constantFrom('true', 'false') : fc.boolean();
    if (names.has('isInt') || names.has('isNumber'))
      return fc
        .integer({ min, max: names.has('isInt') ? max : max - 1 })
        .map((n) => (names.has('isInt') ? n : n + 0.5))
        .map((n) => (query ? String(n) : n));
    const maxLength = constraintOf(source as ValidationMetadata[], 'maxLength') ?? 20;
    return fc.string({ minLength: names.has('isNotEmpty') ? 1 : 0, maxLength: Math.min(maxLength, 20) });
  };
  if (listed) {
    const item = scalar(new Set(each.map((rule) => rule.name)), each);
    return fc.array(item, { minLength: constraintOf(rules, 'arrayMinSize') ?? 0, maxLength: 4 });
  }
  if (names.has('isObject')) return fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }));
  if (names.size === 1 && names.has(undefined)) return fc.jsonValue({ maxDepth: 2 });
  return scalar(names, rules);
};

const bodies = new Map<Dto, fc.Arbitrary<Record<string, unknown>>>();

/**
 * Bodies of a DTO: most keys present with likely valid values (so many bodies pass), some with wild
 * values, some keys missing, sometimes an unknown key.
 */
function bodyOf(dto: Dto): fc.Arbitrary<Record<string, unknown>> {
  const known = bodies.get(dto);
  if (known) return known;
  const body = fc.constant(null).chain(() => {
    const rules = rulesOf(dto);
    const likely = Object.fromEntries(
      Object.entries(rules).map(([property, list]) => [property, likelyValid(dto, property, list)]),
    );
    const wild = dto.name.endsWith('QueryDto') ? WILD_QUERY : WILD;
    const mixed = Object.fromEntries(
      Object.entries(likely).map(([property, arbitrary]) => [
        property,
        fc.oneof({ weight: 6, arbitrary }, { weight: 1, arbitrary: wild }),
      ]),
    );
    const optional = Object.keys(rules).filter((property) =>
      rules[property].some((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION),
    );
    const required = Object.keys(rules).filter((property) => !optional.includes(property));
    return fc
      .tuple(
        fc.oneof(
          fc.record(likely, { requiredKeys: required }),
          fc.record(mixed, { requiredKeys: required }),
          fc.record(mixed, { requiredKeys: [] }),
        ),
        fc.oneof(
          { weight: 7, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), wild) },
        ),
      )
      .map(([values, extra]) => (extra ? { ...values, [extra[0]]: extra[1] } : values));
  });
  bodies.set(dto, body);
  return body;
}

const referencePipe = classValidatorPipe();
const compiledPipe = requestValidationPipe();

/** A query as Fastify's parser hands it on: an object without a prototype. */
const parsedQuery = (query: Record<string, unknown>): Record<string, unknown> =>
  Object.assign(Object.create(null) as Record<string, unknown>, structuredClone(query));

const outcomeOf = async (
  pipe: ValidationPipe,
  body: Record<string, unknown>,
  metatype: Dto,
  type: 'body' | 'query',
) => {
  const value = type === 'query' ? parsedQuery(body) : structuredClone(body);
  try {
    return { value: (await pipe.transform(value, { type, metatype })) as unknown };
  } catch (error) {
    return { error: error instanceof RequestValidationError ? error.fields : error };
  }
};

/** Both pipes hand on the same value, or refuse with the same field errors. */
const expectPipesToAgree = (dto: Dto, type: 'body' | 'query') =>
  fc.assert(
    fc.asyncProperty(bodyOf(dto), async (body) => {
      const [expected, actual] = [
        await outcomeOf(referencePipe, body, dto, type),
        await outcomeOf(compiledPipe, body, dto, type),
      ];
      expect(actual).toStrictEqual(expected);
    }),
    { numRuns: RUNS },
  );

describe('the compiled validation plan', () => {
  it('given the app module, when its DTOs are listed, then the validated ones are all there', () => {
    expect(DTOS.map((dto) => dto.name)).toEqual(
      expect.arrayContaining([
        'IssueCredentialDto',
        'RecordAssessmentDto',
        'StatusAtQueryDto',
        'CreatePrincipalDto',
      ]),
    );
  });

  describe.each(DTOS.map((dto) => [dto.name, dto] as const))('%s', (_name, dto) => {
    it('given the body generator, then some of its bodies pass, so the properties reach the fast path', () => {
      // On a fixed seed: whether a random run of RUNS bodies happens to hold a valid one is chance,
      // and a generator that cannot make one at all is what this guards against.
      const valid = fc
        .sample(bodyOf(dto), { numRuns: 1000, seed: 20261206 })
        .filter(
          (body) => validateSync(plainToInstance(dto, structuredClone(body)), VALIDATOR_OPTIONS).length === 0,
        );
      expect(valid.length).toBeGreaterThan(0);
    });

    it('given random and mutated bodies, when both decide, then the plan passes exactly the bodies class-validator passes', () => {
      fc.assert(
        fc.property(bodyOf(dto), (body) => {
          const instance = plainToInstance(dto, structuredClone(body));
          const errors = validateSync(instance, VALIDATOR_OPTIONS);
          expect(passesValidationPlan(instance)).toBe(errors.length === 0);
        }),
        { numRuns: RUNS },
      );
    });

    it('given random and mutated bodies, when both pipes run, then the value handed on or the field errors are the same', async () => {
      await expectPipesToAgree(dto, 'body');
    });

    if (dto.name.endsWith('QueryDto')) {
      it('given random and mutated queries, when both pipes run on them as queries, then the value handed on or the field errors are the same', async () => {
        await expectPipesToAgree(dto, 'query');
      });
    }
  });
});
