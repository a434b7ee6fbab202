import type { EventMetadata } from '@credence/domain';

/**
 * A position in the global log, opaque to the domain. SQLite uses a gapless integer ("42");
 * EventStoreDB uses its commit/prepare pair ("C:P"). Both survive being stored as text.
 */
export type Position = string & { readonly __brand?: 'Position' };

export type NewEvent = Readonly<{
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}>;

export type RecordedEvent = Readonly<{
  eventId: string;
  streamId: string;
  /** 0-based revision of the event within its stream. */
  streamVersion: number;
  globalPosition: Position;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  prevHash: string | null;
  hash: string;
}>;

/** `no_stream`: the stream must not exist; a number: the stream's last revision must equal it. */
export type ExpectedVersion = 'any' | 'no_stream' | number;

export type AppendResult = Readonly<{
  /** The stream's last revision after the append (use as the next expectedVersion / ETag). */
  nextExpectedVersion: number;
  /** The global position of the last event of this append. */
  lastPosition: Position;
  /** The events as stored (on an idempotent retry: the ones stored the first time). */
  events: readonly RecordedEvent[];
}>;
