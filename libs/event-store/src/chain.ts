import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { NewEvent, RecordedEvent } from './envelope';

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
  // The one-shot hash: a Hash object per link cost more than the digest of ~1 KB itself.
  return hash('sha256', canonical, 'hex');
};

/** Where a stream's chain ends: its last version and hash; null for a stream not yet written. */
export type ChainTail = Readonly<{ streamVersion: number; hash: string }> | null;

export type HashedLink = ChainLink & Readonly<{ hash: string }>;

/** What the store will hand back: hashing this, not the caller's objects, keeps verifyChain exact. */
const asStoredJson = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

/**
 * A batch as the next links of its stream's chain after `tail`: versions, prevHash and hash. Every
 * adapter appends through this, and test helpers that fake a stored stream build it here too.
 */
export const chainLinks = (streamId: string, batch: readonly NewEvent[], tail: ChainTail): HashedLink[] => {
  const first = tail ? tail.streamVersion + 1 : 0;
  let prevHash = tail?.hash ?? null;
  return batch.map((event, i) => {
    const link: ChainLink = {
      eventId: event.eventId,
      streamId,
      streamVersion: first + i,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: asStoredJson(event.data),
      metadata: asStoredJson(event.metadata),
      prevHash,
    };
    prevHash = hashLink(link);
    return { ...link, hash: prevHash };
  });
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
