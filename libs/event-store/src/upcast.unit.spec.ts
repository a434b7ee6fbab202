import { chainLinks } from './chain';
import type { RecordedEvent } from './envelope';
import { metadataFor } from './testing/fixtures';
import { toDomainEvent, type Upcasters } from './upcast';

type Renamed = { type: 'Renamed'; data: { fullName: string; nickname: string | null } };

/** A stored event as an adapter hands it back, written in `schemaVersion`. */
const stored = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  ...chainLinks(
    's',
    [{ eventId: 'e0', type, schemaVersion, data, metadata: metadataFor('command-1') }],
    null,
  )[0],
  globalPosition: '1',
});

// v1 → v2 renames `name`; v2 → v3 adds `nickname`, unknown before.
const upcasters: Upcasters = {
  Renamed: {
    1: ({ name }: { name: string }) => ({ fullName: name }),
    2: (data: { fullName: string }) => ({ ...data, nickname: null }),
  },
};

describe('toDomainEvent', () => {
  it('given a v1 event and steps to v3, when mapped, then each step runs in order and the version says v3', () => {
    const event = toDomainEvent<Renamed>(stored('Renamed', 1, { name: 'Ada' }), upcasters);
    expect([event.schemaVersion, event.data]).toEqual([3, { fullName: 'Ada', nickname: null }]);
  });

  it('given a v2 event, when mapped, then only the steps from v2 run', () => {
    const event = toDomainEvent<Renamed>(stored('Renamed', 2, { fullName: 'Ada' }), upcasters);
    expect([event.schemaVersion, event.data]).toEqual([3, { fullName: 'Ada', nickname: null }]);
  });

  it('given a current event or a type without upcasters, when mapped, then it comes back as stored', () => {
    const current = stored('Renamed', 3, { fullName: 'Ada', nickname: 'A' });
    const other = stored('Other', 1, { n: 1 });
    expect(toDomainEvent(current, upcasters)).toBe(current);
    expect(toDomainEvent(other, upcasters)).toBe(other);
  });

  it('given an upcast event, when mapped, then its envelope (ids, position, hash) is untouched', () => {
    const original = stored('Renamed', 1, { name: 'Ada' });
    const { data: _d, schemaVersion: _v, ...envelope } = toDomainEvent<Renamed>(original, upcasters);
    const { data: _od, schemaVersion: _ov, ...originalEnvelope } = original;
    expect(envelope).toEqual(originalEnvelope);
  });
});
