import { deterministicEventId } from './handle-command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicEventId', () => {
  it('is UUID-shaped (version 5 nibble, RFC variant) so EventStoreDB accepts it', () => {
    for (let i = 0; i < 50; i++) expect(deterministicEventId(`command-${i}`, 'stream', i)).toMatch(UUID);
  });

  it('gives a retried command the same ids', () => {
    expect(deterministicEventId('c', 's', 0)).toBe(deterministicEventId('c', 's', 0));
  });

  it('differs by command, stream and index', () => {
    const ids = new Set([
      deterministicEventId('c', 's', 0),
      deterministicEventId('d', 's', 0),
      deterministicEventId('c', 't', 0),
      deterministicEventId('c', 's', 1),
      // The separator keeps ("ab", "c") apart from ("a", "bc").
      deterministicEventId('ab', 'c', 0),
      deterministicEventId('a', 'bc', 0),
    ]);
    expect(ids.size).toBe(6);
  });
});
