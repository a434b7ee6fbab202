import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RecordedEvent } from './envelope';

/** The hashed part of an envelope: everything but `hash` and the store-assigned global position. */
export type ChainLink = Omit<RecordedEvent, 'hash' | 'globalPosition'>;

/** SHA-256 over the RFC 8785 canonical JSON of the link, which includes the previous hash. */
export const hashLink = (link: ChainLink): string => {
  const canonical = canonicalize({
    eventId: link.eventId,
    streamId: link.streamId,
    streamVersion: link.streamVersion,
    type: link.type,
    schemaVersion: link.schemaVersion,
    data: link.data,
    metadata: link.metadata,
    prevHash: link.prevHash,
  });
  if (canonical === undefined) throw new Error('envelope is not JSON-serialisable');
  return createHash('sha256').update(canonical).digest('hex');
};

export type ChainVerdict =
  | { ok: true; streamId: string; events: number; lastHash: string | null }
  | { ok: false; streamId: string; events: number; brokenAt: number; reason: string };

/** Re-checks a stream's chain from its first event: versions contiguous, links and hashes intact. */
export const verifyChain = (streamId: string, events: readonly RecordedEvent[]): ChainVerdict => {
  let prev: string | null = null;
  for (const [index, event] of events.entries()) {
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      streamId,
      events: events.length,
      brokenAt: event.streamVersion,
      reason,
    });
    if (event.streamId !== streamId) return fail(`event belongs to ${event.streamId}`);
    if (event.streamVersion !== index) return fail(`expected version ${index}, found ${event.streamVersion}`);
    if (event.prevHash !== prev) return fail('prevHash does not match the previous event');
    if (hashLink(event) !== event.hash) return fail('hash does not match the content');
    prev = event.hash;
  }
  return { ok: true, streamId, events: events.length, lastHash: prev };
};
