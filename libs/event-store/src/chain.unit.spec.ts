import { chainLinks, hashLink, verifyChain, type ChainLink } from './chain';
import type { RecordedEvent } from './envelope';
import { metadataFor } from './testing/fixtures';

const metadata = metadataFor('command-1');

/** A correctly chained stream, built the way every adapter builds it. */
const chainOf = (streamId: string, datas: unknown[]): RecordedEvent[] =>
  chainLinks(
    streamId,
    datas.map((data, i) => ({
      eventId: `${streamId}-e${i}`,
      type: 'Tested',
      schemaVersion: 1,
      data,
      metadata,
    })),
    null,
  ).map((link, i) => ({ ...link, globalPosition: String(i + 1) }));

describe('chainLinks', () => {
  const [first, second] = chainOf('s', [{ n: 0 }, { n: 1 }]);

  it('starts a new stream at version 0 with a null prevHash, and links each event to the one before', () => {
    expect([first.streamVersion, first.prevHash, second.streamVersion, second.prevHash]).toEqual([
      0,
      null,
      1,
      first.hash,
    ]);
    expect([first.hash, second.hash]).toEqual([hashLink(first), hashLink(second)]);
  });

  it('continues a stored stream after its tail', () => {
    const [next] = chainLinks('s', [{ ...first, eventId: 's-e2', data: { n: 2 } }], second);
    expect(next).toMatchObject({ streamVersion: 2, prevHash: second.hash });
    expect(verifyChain('s', [first, second, { ...next, globalPosition: '3' }]).ok).toBe(true);
  });

  it('hashes the JSON a store hands back, so undefined fields do not break a later verification', () => {
    const [link] = chainLinks('s', [{ ...first, data: { kept: 1, dropped: undefined } }], null);
    expect(link.data).toEqual({ kept: 1 });
    expect(Object.keys(link.data as object)).toEqual(['kept']);
    expect(link.hash).toBe(hashLink({ ...link, data: { kept: 1 } }));
  });
});

describe('hashLink', () => {
  const link = chainOf('s', [{ a: 1, b: [1, 2] }])[0];

  it('depends on content, not on key order (canonical JSON)', () => {
    expect(hashLink({ ...link, data: { b: [1, 2], a: 1 } })).toBe(link.hash);
  });

  it('ignores the store-assigned position and the hash itself', () => {
    expect(hashLink({ ...link, globalPosition: '999', hash: 'x' } as ChainLink)).toBe(link.hash);
  });

  it.each<[string, Partial<ChainLink>]>([
    ['eventId', { eventId: 'other' }],
    ['streamId', { streamId: 'other' }],
    ['streamVersion', { streamVersion: 7 }],
    ['type', { type: 'Other' }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['data', { data: { a: 2, b: [1, 2] } }],
    ['metadata', { metadata: { ...metadata, now: '2030-01-01T00:00:00.000Z' } }],
    ['prevHash', { prevHash: 'f'.repeat(64) }],
  ])('changes when %s changes', (_, change) => {
    expect(hashLink({ ...link, ...change })).not.toBe(link.hash);
  });
});

describe('verifyChain', () => {
  const events = chainOf('s', [{ n: 0 }, { n: 1 }, { n: 2 }]);

  it('accepts an intact stream and reports its last hash', () => {
    expect(verifyChain('s', events)).toEqual({
      ok: true,
      streamId: 's',
      events: 3,
      lastHash: events[2].hash,
    });
  });

  it('accepts an empty stream', () => {
    expect(verifyChain('s', [])).toEqual({ ok: true, streamId: 's', events: 0, lastHash: null });
  });

  it.each<[string, (e: RecordedEvent[]) => RecordedEvent[], number, RegExp]>([
    ['edited data', (e) => [e[0], { ...e[1], data: { n: 99 } }, e[2]], 1, /hash does not match/],
    ['a removed event', (e) => [e[0], e[2]], 2, /expected version 1/],
    ['a re-linked event', (e) => [e[0], e[1], { ...e[2], prevHash: e[0].hash }], 2, /prevHash/],
    ['an event of another stream', (e) => [e[0], { ...e[1], streamId: 'x' }, e[2]], 1, /belongs to x/],
    ['a first event with a predecessor', (e) => [{ ...e[0], prevHash: e[1].hash }], 0, /prevHash/],
  ])('rejects %s at the right version', (_, tamper, brokenAt, reason) => {
    const verdict = verifyChain('s', tamper(events));
    expect(verdict).toMatchObject({ ok: false, brokenAt });
    expect(verdict.ok === false && verdict.reason).toMatch(reason);
  });
});
