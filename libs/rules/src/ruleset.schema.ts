/**
 * JSON Schema (draft-07, checked by ajv) of a ruleset file after YAML parsing. Unknown fields are
 * refused everywhere, so a misspelt key (`assertt:`) cannot silently drop a check.
 */
const nonBlank = { type: 'string', minLength: 1, pattern: '\\S' } as const;

const parameterScalar = { type: ['string', 'number', 'boolean'] } as const;

const rule = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'appliesTo', 'severity', 'assert', 'message', 'reference'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+([.-][a-z0-9]+)*$' },
    title: nonBlank,
    appliesTo: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
    severity: { enum: ['block', 'warn'] },
    when: nonBlank,
    assert: nonBlank,
    message: nonBlank,
    reference: nonBlank,
  },
} as const;

export const RULESET_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Credence quality-benchmark ruleset',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'title', 'source', 'rules'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    /** `2022` and `"2022"` both name version "2022". */
    version: { type: ['string', 'integer'], pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
    title: nonBlank,
    source: nonBlank,
    parameters: {
      type: 'object',
      propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]*$' },
      additionalProperties: { anyOf: [parameterScalar, { type: 'array', items: parameterScalar }] },
    },
    rules: { type: 'array', minItems: 1, items: rule },
  },
} as const;
