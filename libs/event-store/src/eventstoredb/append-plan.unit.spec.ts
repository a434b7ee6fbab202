import type { NewEvent, RecordedEvent } from '../envelope';
import { DuplicateEventError } from '../errors';
import { metadataFor } from '../testing/fixtures';
import { planAppend, windowFor } from './append-plan';

const metadata = metadataFor('c');
const newEvent = (eventId: string): NewEvent => ({
  eventId,
  type: 'IssuerRegistered',
  schemaVersion: 1,
  data: {},
  metadata,
});
const stored = (eventId: string, streamVersion: number): RecordedEvent => ({
  ...newEvent(eventId),
  streamId: 's',
  streamVersion,
  globalPosition: `${streamVersion}:${streamVersion}`,
  prevHash: null,
  hash: `h${streamVersion}`,
});

/** A stream holding the given ids at versions 0..n-1. */
const stream = (...ids: string[]) => ids.map(stored);
const batch = [newEvent('a'), newEvent('b')];

describe('append plan', () => {
  it('reads the expected tail plus the batch places, or the whole stream for any', () => {
    expect(windowFor(4, 2)).toEqual({ fromVersion: 4, maxCount: 3 });
    expect(windowFor('no_stream', 2)).toEqual({ fromVersion: 0, maxCount: 2 });
    expect(windowFor('any', 2)).toEqual({ fromVersion: 0 });
  });

  describe('with an exact expected version', () => {
    it('appends after the tail when the stream ends there', () => {
      expect(planAppend(1, batch, stream('x', 'y').slice(1))).toEqual({
        kind: 'append',
        tail: stored('y', 1),
      });
    });

    it('returns the stored batch when an earlier attempt already put it there (after a restart too)', () => {
      const window = stream('x', 'a', 'b').slice(0);
      expect(planAppend(0, batch, window)).toEqual({ kind: 'stored', events: window.slice(1) });
    });

    it('conflicts when another writer got there first', () => {
      expect(planAppend(0, batch, stream('x', 'other'))).toEqual({ kind: 'conflict' });
    });

    it('conflicts when the stream is shorter than expected', () => {
      expect(planAppend(3, batch, [])).toEqual({ kind: 'conflict' });
    });
  });

  describe('with no_stream', () => {
    it('appends when the stream does not exist', () => {
      expect(planAppend('no_stream', batch, [])).toEqual({ kind: 'append', tail: null });
    });

    it('returns the stored batch on a retry, and conflicts on a foreign stream', () => {
      expect(planAppend('no_stream', batch, stream('a', 'b'))).toMatchObject({ kind: 'stored' });
      expect(planAppend('no_stream', batch, stream('x'))).toEqual({ kind: 'conflict' });
    });
  });

  describe('with any', () => {
    it('appends after whatever the stream ends with', () => {
      expect(planAppend('any', batch, [])).toEqual({ kind: 'append', tail: null });
      expect(planAppend('any', batch, stream('x', 'y'))).toEqual({ kind: 'append', tail: stored('y', 1) });
    });

    it('finds the stored batch anywhere in the stream', () => {
      const events = stream('x', 'a', 'b', 'later');
      expect(planAppend('any', batch, events)).toEqual({ kind: 'stored', events: events.slice(1, 3) });
    });
  });

  it('refuses a "retry" whose events differ from the stored batch', () => {
    expect(() => planAppend(0, batch, stream('x', 'a', 'c'))).toThrow(DuplicateEventError);
    expect(() => planAppend('any', batch, stream('a'))).toThrow(DuplicateEventError);
  });
});
