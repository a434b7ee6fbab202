import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@credence/domain';
import type { NewEvent, RecordedEvent } from '../envelope';
import type { EventSchemaVersions, EventStore } from '../event-store';

/** Shared servers hold other tests' streams too, so every test writes to streams of its own. */
export const uniqueStream = (label = 'contract'): string => `${label}-${randomUUID()}`;

export const metadataFor = (commandId: string = randomUUID()): EventMetadata => ({
  commandId,
  principal: { id: 'contract-suite', role: 'admin' },
  now: '2025-01-01T00:00:00.000Z',
  correlationId: commandId,
  causationId: commandId,
});

/** Every event type the suite writes: adapters that filter the log by type must let these through. */
export const CONTRACT_EVENT_TYPES = ['ContractTested', 'Added', 'Claimed'] as const;

/** The suite's types as a caller hands them to a store: all written in schema version 1. */
export const CONTRACT_SCHEMA_VERSIONS: EventSchemaVersions = Object.fromEntries(
  CONTRACT_EVENT_TYPES.map((type) => [type, 1]),
);

/** Event ids are UUIDs because EventStoreDB insists on them. */
export const newEvent = (
  data: Record<string, unknown> = {},
  type: string = CONTRACT_EVENT_TYPES[0],
): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { ...data, nested: { list: [1, 'two', null], flag: true } },
  metadata: metadataFor(),
});

export const newEvents = (count: number, label = 'e'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent({ label, i }));

/** The events of the given streams, in the order the log holds them. */
export const ofStreams = (events: readonly RecordedEvent[], ...streams: string[]): RecordedEvent[] =>
  events.filter((e) => streams.includes(e.streamId));

export const ids = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);

/** What a test needs from the suite: the store under test, replaceable by a restart. */
export type ContractContext = Readonly<{
  store: () => EventStore;
  /** Closes the store and opens the same storage again; undefined when the adapter cannot. */
  reopen: (() => Promise<EventStore>) | undefined;
  tamper: ((event: RecordedEvent) => Promise<void>) | undefined;
}>;

/** Settles every promise, then counts: the shape of "exactly one of N racers won". */
export const settleAll = async <T>(promises: readonly Promise<T>[]) => {
  const settled = await Promise.allSettled(promises);
  const won = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const lost = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  return { won, lost };
};

/** The error a promise rejects with; fails the test when it fulfils instead. */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it fulfilled');
};
