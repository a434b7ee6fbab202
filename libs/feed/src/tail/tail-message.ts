import { RECORD_TYPES, HEADERS, type FeedHeaders } from '../headers';
import { FeedVerifier, parseEnvelope } from './verifier';

export type ConsumedMessage = Readonly<{
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: FeedHeaders;
}>;

/** Where a chain broke, with enough to find the message again (topic/partition/offset). */
export type BrokenLink = Readonly<{
  topic: string;
  partition: number;
  offset: string;
  reason: string;
  eventId?: string;
  streamId?: string;
  streamVersion?: number;
}>;

export type TailOutcome =
  | Readonly<{ kind: 'line'; line: string }>
  | Readonly<{ kind: 'duplicate' }>
  | Readonly<{ kind: 'broken'; broken: BrokenLink; line: string }>;

/**
 * What `feed tail` makes of one message. Ledger events: the envelope as one NDJSON line, after
 * dedupe and the chain check. Status records: the record, deduped by credential and event. A
 * broken event becomes a flagged line `{"chainBroken": {...}, "value": ...}`.
 */
export class TailHandler {
  private readonly verifier = new FeedVerifier();
  private readonly statusSeen = new Set<string>();

  handle(message: ConsumedMessage): TailOutcome {
    if (message.headers[HEADERS.recordType] === RECORD_TYPES.credentialStatus) return this.status(message);
    const where = { topic: message.topic, partition: message.partition, offset: message.offset };
    let verdict;
    try {
      verdict = this.verifier.accept(parseEnvelope(message.value ?? ''), message.headers, message.key);
    } catch (error) {
      const reason = `unreadable message: ${error instanceof Error ? error.message : String(error)}`;
      return flagged({ ...where, reason }, message.value);
    }
    if (verdict.kind === 'duplicate') return { kind: 'duplicate' };
    if (verdict.kind === 'new') return { kind: 'line', line: JSON.stringify(verdict.event) };
    const { eventId, streamId, streamVersion } = verdict.event;
    return flagged({ ...where, reason: verdict.reason, eventId, streamId, streamVersion }, message.value);
  }

  private status(message: ConsumedMessage): TailOutcome {
    const id = `${message.key}\u0000${message.headers[HEADERS.eventId]}`;
    if (this.statusSeen.has(id)) return { kind: 'duplicate' };
    this.statusSeen.add(id);
    return { kind: 'line', line: message.value ?? 'null' };
  }
}

const flagged = (broken: BrokenLink, value: string | undefined): TailOutcome => {
  let parsed: unknown = value ?? null;
  try {
    parsed = JSON.parse(value ?? 'null');
  } catch {
    // keep the raw text: the regulator needs to see what arrived
  }
  return { kind: 'broken', broken, line: JSON.stringify({ chainBroken: broken, value: parsed }) };
};
