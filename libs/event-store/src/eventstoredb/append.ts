import { NO_STREAM, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import { chainLinks } from '../chain';
import type { AppendResult, ExpectedVersion, NewEvent, RecordedEvent } from '../envelope';
import { ConcurrencyError, EventStoreError } from '../errors';
import { planAppend, windowFor } from './append-plan';
import { fromRecordedEvent, toEventData } from './envelope-codec';
import { readLastEvent, readStreamEvents } from './reads';

/** Re-reads after a lost race; only `any` can then succeed, the others end in a ConcurrencyError. */
export const MAX_APPEND_ATTEMPTS = 5;

const readRecorded = async (
  client: EventStoreDBClient,
  streamId: string,
  fromVersion: number,
  maxCount?: number,
) =>
  (await readStreamEvents(client, streamId, { from: BigInt(fromVersion), maxCount })).map(fromRecordedEvent);

const conflict = async (client: EventStoreDBClient, streamId: string, expected: ExpectedVersion) => {
  const last = await readLastEvent(client, streamId);
  return new ConcurrencyError(streamId, expected, last ? Number(last.revision) : 'no_stream');
};

/** The batch as EventStoreDB events, each carrying its link in the stream's hash chain. */
export const chainBatch = (streamId: string, batch: readonly NewEvent[], tail: RecordedEvent | null) =>
  chainLinks(streamId, batch, tail).map((link) => toEventData(link, link.hash));

const result = (events: readonly RecordedEvent[]): AppendResult => {
  const last = events[events.length - 1];
  return { nextExpectedVersion: last.streamVersion, lastPosition: last.globalPosition, events };
};

/**
 * Appends with the hash chain computed here. The chain needs the stream's last event, so the append
 * always names that revision to the server, also when the caller said `any`; losing that race to
 * another writer re-reads and re-plans, a bounded number of times. The stored events are read back
 * because only they carry their `$all` positions.
 */
export const appendChained = async (
  client: EventStoreDBClient,
  streamId: string,
  batch: readonly NewEvent[],
  expected: ExpectedVersion,
): Promise<AppendResult> => {
  if (batch.length === 0) throw new EventStoreError(`Append to ${streamId} needs at least one event`);
  for (let attempt = 1; ; attempt++) {
    const { fromVersion, maxCount } = windowFor(expected, batch.length);
    const plan = planAppend(expected, batch, await readRecorded(client, streamId, fromVersion, maxCount));
    if (plan.kind === 'stored') return result(plan.events);
    if (plan.kind === 'conflict') throw await conflict(client, streamId, expected);
    try {
      await client.appendToStream(streamId, chainBatch(streamId, batch, plan.tail), {
        expectedRevision: plan.tail ? BigInt(plan.tail.streamVersion) : NO_STREAM,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && attempt < MAX_APPEND_ATTEMPTS) continue;
      throw error;
    }
    return result(
      await readRecorded(client, streamId, plan.tail ? plan.tail.streamVersion + 1 : 0, batch.length),
    );
  }
};
