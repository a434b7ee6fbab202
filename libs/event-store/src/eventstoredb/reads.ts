import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamRecordedEvent,
  type EventStoreDBClient,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';

/** Thin, promise-returning reads over the client's streaming API; no envelope logic here. */

type Resolved<E> = { event?: E };

const drain = async <E>(read: AsyncIterable<Resolved<E>>): Promise<E[]> => {
  const events: E[] = [];
  for await (const resolved of read) if (resolved.event) events.push(resolved.event);
  return events;
};

export type StreamRead = Readonly<{
  from?: bigint | typeof START | typeof END;
  maxCount?: number;
  backwards?: boolean;
}>;

/** A stream's events; [] when the stream does not exist. */
export const readStreamEvents = async (
  client: EventStoreDBClient,
  streamId: string,
  { from = START, maxCount, backwards = false }: StreamRead = {},
): Promise<EsdbRecordedEvent[]> => {
  try {
    return await drain(
      client.readStream(streamId, {
        fromRevision: from,
        maxCount,
        direction: backwards ? BACKWARDS : FORWARDS,
      }),
    );
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
};

/** The stream's last event, or null when the stream does not exist. */
export const readLastEvent = async (
  client: EventStoreDBClient,
  streamId: string,
): Promise<EsdbRecordedEvent | null> =>
  (await readStreamEvents(client, streamId, { from: END, maxCount: 1, backwards: true }))[0] ?? null;

export type AllRead = Readonly<{
  from: EsdbPosition | typeof START | typeof END;
  maxCount: number;
  backwards?: boolean;
}>;

/** One page of `$all`, unfiltered: this client version has no server-side filter for reads. */
export const readAllPage = (client: EventStoreDBClient, { from, maxCount, backwards = false }: AllRead) =>
  drain<AllStreamRecordedEvent>(
    client.readAll({ fromPosition: from, maxCount, direction: backwards ? BACKWARDS : FORWARDS }),
  );
