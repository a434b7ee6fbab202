import { deterministicEventId } from './handle-command';
import { uuidFromSeed } from './ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicEventId', () => {
  it('is UUID-shaped (version 5 nibble, RFC variant) so EventStoreDB accepts it', () => {
    for (let i = 0; i < 50; i++) expect(deterministicEventId(`command-${i}`, 'stream', i)).toMatch(UUID);
  });

  it('gives a retried command the same ids', () => {
    expect(deterministicEventId('c', 's', 0)).toBe(deterministicEventId('c', 's', 0));
  });

  it('gives the ids earlier versions derived (stored events and retries across an upgrade depend on them)', () => {
    expect([
      deterministicEventId('c', 's', 0),
      uuidFromSeed('issuance-1\u0000reserve:ä€😀'),
      uuidFromSeed(''),
    ]).toEqual([
      '06c3d96d-998e-525f-b062-c991e39a017e',
      '5631cde2-1707-5278-ba8a-391ac52a0f84',
      'e3b0c442-98fc-5c14-9afb-f4c8996fb924',
    ]);
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
