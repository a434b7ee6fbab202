import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { canonicalizedLink, type ChainLink, hashLink, storedLinks } from './chain';
import type { NewEvent } from './envelope';

const outcome = <T>(run: () => T): { ok: true; value: T } | { ok: false } => {
  try {
    return { ok: true, value: run() };
  } catch {
    return { ok: false };
  }
};

/** Values as odd as a caller could hand over: class instances, -0, NaN, holes, lone surrogates. */
const anything = fc.anything({
  stringUnit: 'binary',
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withObjectString: true,
  values: [
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(-0, Number.NaN, Infinity, null, undefined),
    fc.string({ unit: 'binary' }),
  ],
  key: fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom('0', '10', '2', '1a', '__proto__', 'toJSON', 'constructor'),
  ),
});

/**
 * Near JSON, where the assembled text is mostly taken: -0, undefined fields and array items, keys V8
 * reorders ('10' before '2'), '__proto__', non-ASCII and lone surrogates, now and then.
 */
const nearJson = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom(-0, 0, 1.5, -7, 1e21, null, undefined, true, false, '', 'é', 'a\uD800', '\\ud83d'),
    fc.integer(),
    fc.string(),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('0', '10', '2', '1a', '__proto__', 'toJSON', 'a', 'B', 'é')),
      tie('node'),
      { maxKeys: 5 },
    ),
  ),
})).node;

/** Plain JSON whose keys V8 keeps in insertion order: what deciders write. */
const plainJson = fc
  .jsonValue({ maxDepth: 4 })
  .filter((v) => !/"[0-9]|"__proto__"|\\ud/.test(JSON.stringify(v) ?? ''));

const hexHash = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });

/** hashLink before the assembled text: SHA-256 of canonicalize over the whole envelope. */
const canonicalizeHash = (link: ChainLink) => {
  const canonical = canonicalizedLink(link);
  if (canonical === undefined) throw new Error('not serialisable');
  return hash('sha256', canonical, 'hex');
};

describe('canonicalJson', () => {
  it('given plain JSON, when written, then it is canonicalize’s text', () =>
    fc.assert(fc.property(plainJson, (value) => expect(canonicalJson(value)).toBe(canonicalize(value)))));

  it('given what it would not write as canonicalize does (lone surrogates, non-finite numbers, dates, index keys, cycles), then it leaves them to canonicalize', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [
      { s: 'a\uD800b' },
      { n: Number.NaN },
      [Infinity],
      new Date(0),
      { 10: 'x', 2: 'y' },
      cyclic,
    ])
      expect(canonicalJson(value)).toBeUndefined();
    expect(canonicalJson({ b: -0, a: [undefined, () => 1] })).toBe('{"a":[null,null],"b":0}');
  });
});

describe('hashLink', () => {
  it('given any link, when hashed, then the hash is that of canonicalize over the envelope, or both refuse', () =>
    fc.assert(
      fc.property(
        fc.oneof(nearJson, anything),
        fc.oneof(nearJson, anything),
        fc.record({
          eventId: fc.oneof(fc.uuid(), fc.string({ unit: 'binary' })),
          streamId: fc.oneof(fc.constant('credential-1'), fc.string({ unit: 'binary' })),
          streamVersion: fc.nat(),
          type: fc.constantFrom('CredentialIssued', 'Tested', 'a\uD800'),
          schemaVersion: fc.constantFrom(1, 2, Number.NaN),
          prevHash: fc.option(hexHash),
        }),
        (data, metadata, envelope) => {
          const link = { ...envelope, data, metadata } as ChainLink;
          const actual = outcome(() => hashLink(link));
          const expected = outcome(() => canonicalizeHash(link));
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    ));
});

/** The first link of a new stream as the store hands it back, from the texts it stored. */
const readBack = ([dataJson, metadataJson]: readonly string[]): ChainLink =>
  ({
    eventId: 'e-1',
    streamId: 's-1',
    streamVersion: 0,
    type: 'Tested',
    schemaVersion: 1,
    data: JSON.parse(dataJson),
    metadata: JSON.parse(metadataJson),
    prevHash: null,
  }) as ChainLink;

describe('storedLinks', () => {
  it('given any data and metadata, when linked, then it stores their JSON texts and hashes them as read back, or refuses as canonicalize does', () =>
    fc.assert(
      fc.property(fc.oneof(nearJson, anything), fc.oneof(nearJson, anything), (data, metadata) => {
        const event = { eventId: 'e-1', type: 'Tested', schemaVersion: 1, data, metadata } as NewEvent;
        const stored = outcome(() => storedLinks('s-1', [event], null)[0]);
        const texts = outcome(() => [JSON.stringify(data ?? null), JSON.stringify(metadata ?? null)]);
        const expected = texts.ok ? outcome(() => canonicalizeHash(readBack(texts.value))) : texts;

        expect(stored.ok).toBe(expected.ok);
        if (!stored.ok || !texts.ok || !expected.ok) return;
        expect([stored.value.dataJson, stored.value.metadataJson]).toEqual(texts.value);
        expect(stored.value.link).toEqual({ ...readBack(texts.value), hash: expected.value });
      }),
      { numRuns: 500 },
    ));
});
