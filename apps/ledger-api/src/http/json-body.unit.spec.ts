import fc from 'fast-check';
import { BODY_LIMITS, parseJsonBody } from './json-body';
import { RequestValidationError } from './problem';

const refusal = (text: string) => {
  try {
    parseJsonBody(text);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('parseJsonBody', () => {
  it('given any JSON text, returns the parsed object or throws a RequestValidationError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const error = refusal(text);
          expect(error === undefined || error instanceof RequestValidationError).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('given an object within the limits and with well-formed strings, returns it unchanged', () => {
    const safeKey = fc
      .string({ unit: 'grapheme', maxLength: 10 })
      .filter((k) => !(k in Object.prototype) && k !== '__proto__');
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'grapheme' }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 5 }),
        fc.dictionary(safeKey, tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(safeKey, value, { maxKeys: 5 }), (body) => {
        expect(parseJsonBody(JSON.stringify(body))).toEqual(body);
      }),
    );
  });

  it('when nesting passes the cap, names the field where it does', () => {
    const text = '{"a":'.repeat(BODY_LIMITS.maxDepth + 1) + '1' + '}'.repeat(BODY_LIMITS.maxDepth + 1);
    const error = refusal(text) as RequestValidationError;
    expect(error.fields[0].field).toBe(Array(BODY_LIMITS.maxDepth).fill('a').join('.'));
  });

  it.each([
    ['null', 'null', 'body'],
    ['an array', '[1]', 'body'],
    ['a string', '"text"', 'body'],
    ['an empty body', '', 'body'],
    ['a nested reserved key', '{"a":{"constructor":1}}', 'a.constructor'],
    ['__proto__', '{"__proto__":{"x":1}}', '__proto__'],
    ['a lone surrogate in an array', '{"a":["ok","\\ud800"]}', 'a.1'],
    ['a lone surrogate in a key', '{"\\udfff":1}', '\udfff'],
    [
      'an array over the cap',
      `{"a":[${Array(BODY_LIMITS.maxArrayItems + 1)
        .fill(0)
        .join(',')}]}`,
      'a',
    ],
  ])('refuses %s, naming the field', (_what, text, field) => {
    expect((refusal(text) as RequestValidationError).fields[0].field).toBe(field);
  });
});
