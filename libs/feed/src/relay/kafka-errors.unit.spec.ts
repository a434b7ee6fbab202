import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { permanentRejection, rootMessage } from './kafka-errors';

const protocol = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ message: type, type, code: 1, retriable } as never);

describe('permanentRejection', () => {
  it('finds the broker refusing a message inside kafkajs retry wrappers', () => {
    // As kafkajs' retrier wraps it; its typings omit the second argument.
    const Wrapper = KafkaJSNonRetriableError as unknown as new (e: Error, o: { cause: Error }) => Error;
    const refusal = protocol('MESSAGE_TOO_LARGE', false);
    const wrapped = new Wrapper(refusal, { cause: refusal });
    expect(permanentRejection(wrapped)).toBe('MESSAGE_TOO_LARGE');
  });

  it('treats unreachable brokers, retriable refusals and producer-state errors as transient', () => {
    const down = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'),
      { retryCount: 4, retryTime: 100 },
    );
    expect(permanentRejection(down)).toBeUndefined();
    expect(rootMessage(down)).toBe('Connection error: connect ECONNREFUSED');
    expect(permanentRejection(protocol('NOT_LEADER_OR_FOLLOWER', true))).toBeUndefined();
    expect(permanentRejection(protocol('OUT_OF_ORDER_SEQUENCE_NUMBER', false))).toBeUndefined();
  });
});
