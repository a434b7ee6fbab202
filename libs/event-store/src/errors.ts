import type { ExpectedVersion } from './envelope';

/** The event store's one error family. */
export class EventStoreError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected version ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An event id already stored, but not as an exact retry of this append. */
export class DuplicateEventError extends EventStoreError {
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is already stored elsewhere; a retry must resend the same events`);
  }
}

export class StoreUnavailableError extends EventStoreError {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message, true);
  }
}

export class InvalidPositionError extends EventStoreError {
  constructor(readonly position: string) {
    super(`Not a log position: ${JSON.stringify(position)}`);
  }
}

export class BrokenChainError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    reason: string,
  ) {
    super(`Hash chain of ${streamId} breaks at version ${streamVersion}: ${reason}`);
  }
}
