/**
 * Sorting kafkajs failures into "try again" and "this message will never be accepted".
 * kafkajs wraps the broker's answer (a KafkaJSProtocolError) in retry errors via `cause`.
 */
type KafkaLikeError = Error & { type?: unknown; retriable?: unknown; cause?: unknown; errors?: unknown };

/** Non-retriable for kafkajs, but cured by a new producer: sequence/epoch state got out of step. */
const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'DUPLICATE_SEQUENCE_NUMBER',
  'INVALID_PRODUCER_EPOCH',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_ID_MAPPING',
  'PRODUCER_FENCED',
]);

const causes = (error: unknown): KafkaLikeError[] => {
  const found: KafkaLikeError[] = [];
  const visit = (e: unknown, depth: number) => {
    if (!(e instanceof Error) || depth > 8) return;
    const k = e as KafkaLikeError;
    found.push(k);
    if (k.cause !== e) visit(k.cause, depth + 1);
    if (Array.isArray(k.errors)) for (const inner of k.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return found;
};

/** The broker's protocol error type (e.g. MESSAGE_TOO_LARGE) that makes `error` permanent, if any. */
export const permanentRejection = (error: unknown): string | undefined => {
  for (const e of causes(error)) {
    if (e.name !== 'KafkaJSProtocolError' || e.retriable !== false || typeof e.type !== 'string') continue;
    if (!PRODUCER_STATE_ERRORS.has(e.type)) return e.type;
  }
  return undefined;
};

/** The innermost message: "Connection error: connect ECONNREFUSED" beats "retries exceeded". */
export const rootMessage = (error: unknown): string => {
  const chain = causes(error);
  return chain.length > 0 ? chain[chain.length - 1].message : String(error);
};
