import { START, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { Position, RecordedEvent } from '../envelope';
import type { BatchHandler, SubscribeOptions, Subscription } from '../event-store';
import { comparePositions } from '../position';
import { pumpInBatches } from './batch-pump';
import { fromRecordedEvent } from './envelope-codec';
import { toEventStoreError } from './error-mapping';
import { eventTypesFilter, credenceEventPredicate } from './event-filter';
import { decodePosition } from './position-codec';

export const DEFAULT_BATCH_SIZE = 100;

/**
 * A catch-up `$all` subscription from a stored position, filtered on the server to the given event
 * types. The server starts after `after`; the cursor check below also drops anything at or before
 * it, so a resume never redelivers. It does not reconnect: a dropped connection rejects `done` with
 * a retryable StoreUnavailableError and the caller resumes from its checkpoint.
 */
export const subscribeToCredenceEvents = (
  client: EventStoreDBClient,
  eventTypes: readonly string[],
  { after, batchSize = DEFAULT_BATCH_SIZE, types }: SubscribeOptions,
  handler: BatchHandler,
  onEnd: () => void = () => undefined,
): Subscription => {
  const source = client.subscribeToAll({
    fromPosition: after ? decodePosition(after) : START,
    filter: eventTypesFilter(eventTypes),
  });
  const isCredence = credenceEventPredicate(eventTypes);
  let cursor: Position | null = after;
  let stopped = false;

  const deliver = async (batch: AllStreamResolvedEvent[]) => {
    const events: RecordedEvent[] = [];
    for (const { event } of batch) {
      if (!event || !isCredence(event) || (types && !types.has(event.type))) continue;
      const recorded = fromRecordedEvent(event);
      if (comparePositions(recorded.globalPosition, cursor) <= 0) continue;
      events.push(recorded);
      cursor = recorded.globalPosition;
    }
    if (events.length > 0 && !stopped) await handler(events, events[events.length - 1].globalPosition);
  };

  let closing: Promise<void> | undefined;
  // Cancelling the gRPC call may not end the readable, so it is destroyed too: that wakes the pump.
  const close = () =>
    (closing ??= source.unsubscribe().then(() => {
      source.destroy();
      onEnd();
    }));

  const done = pumpInBatches(source, batchSize, deliver, () => stopped).then(
    close,
    async (error: unknown) => {
      await close();
      throw toEventStoreError(error, { operation: 'subscribe to $all' });
    },
  );
  const stop = async () => {
    stopped = true;
    await close();
    await done.catch(() => undefined);
  };
  return { stop, done };
};
