import type { Position } from '@credence/event-store';

/**
 * Where a relay remembers the last position Kafka acknowledged. Positions are opaque strings
 * ("42" for SQLite, "C:P" for EventStoreDB); a store never moves a checkpoint backwards.
 */
export abstract class CheckpointStore {
  /** null when the relay has never published: start from the beginning of the log. */
  abstract load(name: string): Promise<Position | null>;

  /** Durable when the promise resolves. */
  abstract save(name: string, position: Position): Promise<void>;

  abstract close(): Promise<void>;
}
