import { storedLinks } from '../chain';
import type { AppendResult, ExpectedVersion, NewEvent, RecordedEvent } from '../envelope';
import { ConcurrencyError, DuplicateEventError } from '../errors';
import { sequencePosition } from '../position';
import { isUniqueViolation } from './sqlite-errors';
import { toRecordedEvent, type Statements } from './statements';

export type AppendRequest = Readonly<{
  streamId: string;
  events: readonly NewEvent[];
  expectedVersion: ExpectedVersion;
}>;

const resultOf = (events: readonly RecordedEvent[]): AppendResult => {
  const last = events[events.length - 1];
  return { nextExpectedVersion: last.streamVersion, lastPosition: last.globalPosition, events };
};

/** Where a batch with this expectation must have started; undefined for 'any'. */
const expectedStart = (expected: ExpectedVersion): number | undefined =>
  expected === 'any' ? undefined : expected === 'no_stream' ? 0 : expected + 1;

/**
 * The stored result when this append already happened (its first event id is stored in this stream,
 * where the expectation puts it, followed by exactly the batch's ids); undefined when it is new.
 */
const storedRetry = (s: Statements, { streamId, events, expectedVersion }: AppendRequest) => {
  const first = s.findEvent.get(events[0].eventId);
  if (!first) return undefined;
  const start = expectedStart(expectedVersion);
  const stored =
    first.stream_id === streamId && (start === undefined || start === first.stream_version)
      ? s.readStreamPage.all(streamId, first.stream_version, events.length).map(toRecordedEvent)
      : [];
  const exact = stored.length === events.length && stored.every((e, i) => e.eventId === events[i].eventId);
  if (!exact) throw new DuplicateEventError(events[0].eventId);
  return resultOf(stored);
};

const meetsExpected = (expected: ExpectedVersion, last: number | undefined): boolean =>
  expected === 'any' || expected === (last ?? 'no_stream');

/**
 * One append inside the group's open transaction. Throws a typed error to refuse; the caller's
 * savepoint then undoes whatever this append wrote. A retry (its first event id is already stored)
 * is recognised where a new append would fail, by the expectation or by the event id's UNIQUE
 * index, rather than by a lookup before every append (one index probe per append saved).
 */
export const applyAppend = (s: Statements, request: AppendRequest): AppendResult => {
  const { streamId, events, expectedVersion } = request;
  const head = s.streamHead.get(streamId);
  if (!meetsExpected(expectedVersion, head?.last_version)) {
    const retried = storedRetry(s, request);
    if (retried) return retried;
    throw new ConcurrencyError(streamId, expectedVersion, head?.last_version ?? 'no_stream');
  }
  const tail = head ? { streamVersion: head.last_version, hash: head.last_hash } : null;
  const recorded: RecordedEvent[] = [];
  for (const { link, dataJson, metadataJson } of storedLinks(streamId, events, tail)) {
    let position: number | bigint;
    try {
      position = s.insertEvent.run(
        link.eventId,
        streamId,
        link.streamVersion,
        link.type,
        link.schemaVersion,
        dataJson,
        metadataJson,
        link.prevHash,
        link.hash,
      ).lastInsertRowid;
    } catch (error) {
      if (!isUniqueViolation(error, 'events.event_id')) throw error;
      // The first event already stored, nothing of this batch written yet: a retry, or a clash.
      const retried = recorded.length === 0 ? storedRetry(s, request) : undefined;
      if (retried) return retried;
      throw new DuplicateEventError(link.eventId);
    }
    recorded.push({ ...link, globalPosition: sequencePosition(position) });
  }
  return resultOf(recorded);
};
