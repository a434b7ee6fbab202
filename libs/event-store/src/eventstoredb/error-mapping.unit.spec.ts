import {
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, EventStoreError, StoreUnavailableError } from '../errors';
import { mapErrors, toEventStoreError } from './error-mapping';

const appendTo = { operation: 'append', streamId: 'credential-1', expected: 3 } as const;

/** The shape @grpc/grpc-js rejects with when no server answers (status 14 = UNAVAILABLE). */
const GRPC_UNAVAILABLE = 14;
const grpcFailure = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details });

describe('EventStoreDB error mapping', () => {
  it('maps a wrong expected version to the port ConcurrencyError with the caller expectation', () => {
    const thrown = new WrongExpectedVersionError(undefined, {
      streamName: 'credential-1',
      expected: 3n,
      current: 5n,
    });
    const mapped = toEventStoreError(thrown, appendTo);
    expect(mapped).toBeInstanceOf(ConcurrencyError);
    expect(mapped).toMatchObject({ streamId: 'credential-1', expected: 3, actual: 5, retryable: false });
  });

  it('reports a stream that does not exist yet as actual no_stream', () => {
    const thrown = new WrongExpectedVersionError(undefined, {
      streamName: 'x',
      expected: 0n,
      current: 'no_stream',
    });
    expect(toEventStoreError(thrown, appendTo)).toMatchObject({ actual: 'no_stream' });
  });

  it.each([
    ['unavailable', new UnavailableError()],
    ['deadline exceeded', new DeadlineExceededError()],
    ['raw gRPC UNAVAILABLE', grpcFailure(GRPC_UNAVAILABLE, 'No connection established')],
    ['cluster discovery failure', new Error('Failed to discover after 10 attempts.')],
  ])('maps %s to a retryable StoreUnavailableError that says so', (_name, thrown) => {
    const mapped = toEventStoreError(thrown, appendTo);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ retryable: true, cause: expect.any(Error) });
    expect((mapped as Error).message).toMatch(
      /EventStoreDB is unreachable \(append on credential-1: .*\); retry/,
    );
  });

  it('treats a leader change as retryable', () => {
    // Its constructor needs the server's leader-endpoint metadata; the class is what matters here.
    const thrown = Object.create(NotLeaderError.prototype) as NotLeaderError;
    expect(toEventStoreError(thrown, appendTo)).toBeInstanceOf(StoreUnavailableError);
  });

  it('maps other server refusals to a non-retryable EventStoreError naming the stream', () => {
    const mapped = toEventStoreError(StreamDeletedError.fromStreamName('credential-1'), appendTo);
    expect(mapped).toBeInstanceOf(EventStoreError);
    expect(mapped).not.toBeInstanceOf(StoreUnavailableError);
    expect((mapped as Error).message).toContain('credential-1 was deleted');
  });

  it('lets port errors and non-client errors through unchanged', () => {
    const ours = new ConcurrencyError('s', 1, 2);
    const bug = new TypeError('x is undefined');
    expect(toEventStoreError(ours, appendTo)).toBe(ours);
    expect(toEventStoreError(bug, appendTo)).toBe(bug);
  });

  it('mapErrors rethrows the mapped error', async () => {
    await expect(mapErrors(appendTo, () => Promise.reject(new UnavailableError()))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(mapErrors(appendTo, () => Promise.resolve(7))).resolves.toBe(7);
  });
});
