import fc from 'fast-check';

/**
 * Hostile values. The big ones (1 MB strings, 10,000-deep nesting, 100,000-item arrays) travel as
 * markers and are spliced into the JSON text only when a case is sent, so sampling thousands of
 * cases stays cheap in memory.
 */
export const MARKERS = {
  megabyteString: '\u0000fuzz:1MB-string\u0000',
  deepNesting: '\u0000fuzz:10000-deep\u0000',
  hugeArray: '\u0000fuzz:100000-items\u0000',
} as const;

const SPLICED: Record<string, () => string> = {
  [MARKERS.megabyteString]: () => JSON.stringify('x'.repeat(1 << 20)),
  [MARKERS.deepNesting]: () => '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
  [MARKERS.hugeArray]: () =>
    '[' + Array.from({ length: 100_000 }, (_, i) => `"id-${i % 97}"`).join(',') + ']',
};

/** JSON text with the markers replaced by what they stand for. */
export const toJsonText = (value: unknown): string => {
  let text = JSON.stringify(value) ?? 'null';
  for (const [marker, make] of Object.entries(SPLICED)) {
    const quoted = JSON.stringify(marker);
    if (text.includes(quoted)) text = text.split(quoted).join(make());
  }
  return text;
};

export const RESERVED_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'prototype',
  'isPrototypeOf',
];

export const loneSurrogate = fc.constantFrom('\ud800', '\udfff', 'ok\ud83dtext', '\udc00\ud800', 'a\udbff');
export const oddDate = fc.constantFrom(
  '2026-W47',
  '2026-11-21T10:00:00',
  '2026-02-30T00:00:00Z',
  '2026-11-21',
  '0000-00-00T00:00:00Z',
  '99999-01-01T00:00:00Z',
  '2026-11-21T25:61:61Z',
  'yesterday',
  '',
);
export const oddNumber = fc.constantFrom(
  -1e308,
  1e308,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  -0,
  5e-324,
  0.1,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 63),
);

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  oddNumber,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  loneSurrogate,
  oddDate,
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constantFrom(MARKERS.megabyteString, MARKERS.deepNesting, MARKERS.hugeArray) },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  {
    weight: 2,
    arbitrary: fc.dictionary(
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...RESERVED_KEYS)),
      scalar,
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4 }) },
);

/** Path segments: plausible ids, junk, percent-encoded traps and over-long ones. */
export const hostileSegment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
  fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom(
    '%ED%A0%80',
    '%00',
    '..',
    '%2e%2e',
    '%2F',
    '%',
    '%ZZ',
    'a'.repeat(129),
    'x'.repeat(9000),
    '__proto__',
    'constructor',
    '%F0%9F%92%A9',
    ' ',
    '%20',
  ),
);

/** Query values as they arrive: always text, sometimes repeated. */
export const hostileQueryValue = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '1e309',
    '9007199254740993',
    'NaN',
    'Infinity',
    '',
    'true',
    '[]',
    '{}',
    '2026-W47',
    '2026-11-21T10:00:00',
    'a'.repeat(5000),
    '%ZZ',
    '%00',
  ),
  fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s)),
  fc.integer().map(String),
);

const visibleAscii = fc.stringMatching(/^[\x21-\x7e]{1,60}$/);

/** Headers a careless or hostile client sends; values stay ByteStrings, which is all HTTP carries. */
export const hostileHeaders = fc.record(
  {
    'idempotency-key': fc.oneof(visibleAscii, fc.constantFrom('', ' ', 'k'.repeat(300), 'é-latin1')),
    'if-match': fc.oneof(
      fc.constantFrom('"0"', '"-1"', 'W/"3"', '*', '"99999999999999999999"', '"abc"', ''),
      visibleAscii,
    ),
    'x-correlation-id': fc.oneof(visibleAscii, fc.constantFrom('', 'c'.repeat(300))),
    accept: fc.constantFrom(
      'text/csv',
      '*/*',
      'application/xml',
      'text/csv;q=0, application/json',
      'garbage',
      '',
    ),
    authorization: fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      'Bearer cred_guess',
      'bearer  x y',
      `Bearer ${'a'.repeat(4000)}`,
    ),
  },
  { requiredKeys: [] },
);
