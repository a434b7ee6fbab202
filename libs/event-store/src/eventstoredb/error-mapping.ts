import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
  isCommandError,
} from '@eventstore/db-client';
import type { ExpectedVersion } from '../envelope';
import { ConcurrencyError, EventStoreError, StoreUnavailableError } from '../errors';

export type ErrorContext = Readonly<{ operation: string; streamId?: string; expected?: ExpectedVersion }>;

/** The client throws this plain Error when cluster discovery (gossip/DNS) finds no node. */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts/;

const isConnectionError = (error: Error): boolean =>
  error instanceof UnavailableError ||
  error instanceof DeadlineExceededError ||
  error instanceof TimeoutError ||
  error instanceof NotLeaderError ||
  error instanceof CancelledError ||
  DISCOVERY_FAILED.test(error.message);

/**
 * Translates whatever the client threw into the port's error family. Pure, so it is unit-tested
 * with the client's own error classes and no server. Errors that are not the client's (bugs,
 * our own EventStoreErrors) pass through unchanged.
 */
export const toEventStoreError = (thrown: unknown, context: ErrorContext): unknown => {
  if (!(thrown instanceof Error) || thrown instanceof EventStoreError) return thrown;
  const error = convertToCommandError(thrown);
  const where = context.streamId ? `${context.operation} on ${context.streamId}` : context.operation;
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === 'no_stream' ? 'no_stream' : Number(error.actualVersion);
    return new ConcurrencyError(context.streamId ?? error.streamName, context.expected ?? 'any', actual);
  }
  if (isConnectionError(error)) {
    return new StoreUnavailableError(
      `EventStoreDB is unreachable (${where}: ${error.message || error.constructor.name}); retry when it is back`,
      error,
    );
  }
  if (error instanceof StreamDeletedError) {
    return new EventStoreError(`EventStoreDB stream ${error.streamName} was deleted (${where})`);
  }
  if (isCommandError(error))
    return new EventStoreError(`EventStoreDB ${error.type} (${where}): ${error.message}`);
  return error;
};

/** Runs a client call and rethrows its failure as a port error. */
export const mapErrors = async <T>(context: ErrorContext, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw toEventStoreError(error, context);
  }
};
