import { hashLink, type RecordedEvent } from '@credence/event-store';
import { HEADERS, type FeedHeaders } from '../headers';

export type Verdict =
  | Readonly<{ kind: 'new'; event: RecordedEvent }>
  | Readonly<{ kind: 'duplicate'; event: RecordedEvent }>
  | Readonly<{ kind: 'broken'; event: RecordedEvent; reason: string }>;

type Head = { version: number; hash: string };

/**
 * A consumer's check of the ledger topic, one message at a time. Dedupes by event id, recomputes
 * each event's hash and follows each stream's chain. A stream first seen in its middle is trusted
 * from that event's prevHash on: the check proves nothing was changed or dropped since.
 */
export class FeedVerifier {
  private readonly seen = new Map<string, string>();
  private readonly heads = new Map<string, Head>();

  /** `key` and `headers` as they came from Kafka; both must agree with the hashed value. */
  accept(event: RecordedEvent, headers: FeedHeaders = {}, key?: string): Verdict {
    const broken = (reason: string): Verdict => ({ kind: 'broken', event, reason });
    if (key !== undefined && key !== event.streamId) return broken(`message key ${key} is not the stream id`);
    const mismatch = headerMismatch(event, headers);
    if (mismatch) return broken(mismatch);
    if (hashLink(event) !== event.hash) return broken('hash does not match the content');
    const earlier = this.seen.get(event.eventId);
    if (earlier !== undefined) {
      return earlier === event.hash
        ? { kind: 'duplicate', event }
        : broken('a different event with the same id was seen before');
    }
    const head = this.heads.get(event.streamId);
    if (head === undefined) {
      if (event.streamVersion === 0 && event.prevHash !== null)
        return broken('the first event of a stream links to a predecessor');
    } else {
      if (event.streamVersion !== head.version + 1) {
        return broken(`expected version ${head.version + 1}, found ${event.streamVersion}`);
      }
      if (event.prevHash !== head.hash)
        return broken(`prevHash does not match the hash of version ${head.version}`);
    }
    this.seen.set(event.eventId, event.hash);
    this.heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    return { kind: 'new', event };
  }
}

/** Headers are a convenience copy; one that disagrees with the hashed value is tampering too. */
const headerMismatch = (event: RecordedEvent, headers: FeedHeaders): string | undefined => {
  const expected: Record<string, string> = {
    [HEADERS.eventId]: event.eventId,
    [HEADERS.eventType]: event.type,
    [HEADERS.hash]: event.hash,
    [HEADERS.streamVersion]: String(event.streamVersion),
    [HEADERS.globalPosition]: event.globalPosition,
  };
  for (const [name, value] of Object.entries(expected)) {
    if (headers[name] !== undefined && headers[name] !== value)
      return `header ${name} disagrees with the value`;
  }
  return undefined;
};

/** Parses a ledger message value; throws on anything that is not an envelope. */
export const parseEnvelope = (value: string): RecordedEvent => {
  const parsed: unknown = JSON.parse(value);
  const e = parsed as Partial<Record<keyof RecordedEvent, unknown>>;
  const ok =
    typeof parsed === 'object' &&
    parsed !== null &&
    typeof e.eventId === 'string' &&
    typeof e.streamId === 'string' &&
    Number.isInteger(e.streamVersion) &&
    typeof e.globalPosition === 'string' &&
    typeof e.type === 'string' &&
    Number.isInteger(e.schemaVersion) &&
    typeof e.hash === 'string' &&
    (e.prevHash === null || typeof e.prevHash === 'string') &&
    typeof e.metadata === 'object' &&
    e.metadata !== null;
  if (!ok) throw new Error('not a ledger event envelope');
  return parsed as RecordedEvent;
};
