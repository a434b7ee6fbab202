import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalJson } from './canonical-json';
import type { NewEvent, RecordedEvent } from './envelope';

/** The hashed part of an envelope: everything but `hash` and the store-assigned global position. */
export type ChainLink = Omit<RecordedEvent, 'hash' | 'globalPosition'>;

const text = JSON.stringify;

/**
 * The link's RFC 8785 canonical JSON, assembled around its data's and metadata's canonical texts
 * (canonicalJson: a sorted copy and one native stringify, where canonicalize allocated ~12 KB an
 * event, a fifth of a bulk row's allocation). The envelope's keys in RFC 8785 order are data,
 * eventId, metadata, prevHash, schemaVersion, streamId, streamVersion, type. Undefined where the
 * assembly would not be canonicalize's text: canonicalize then decides, and refuses, as before.
 */
const assembledCanonical = (link: ChainLink): string | undefined => {
  const { eventId, type, schemaVersion, streamId, streamVersion, prevHash } = link;
  if (typeof eventId !== 'string' || typeof type !== 'string' || typeof streamId !== 'string')
    return undefined;
  if (!Number.isFinite(schemaVersion) || !Number.isFinite(streamVersion)) return undefined;
  if (prevHash !== null && typeof prevHash !== 'string') return undefined;
  // An undefined field is left out of canonicalize's text: leave such a link to it.
  const data = link.data === undefined ? undefined : canonicalJson(link.data);
  const metadata = link.metadata === undefined ? undefined : canonicalJson(link.metadata);
  if (data === undefined || metadata === undefined) return undefined;
  const canonical =
    `{"data":${data},"eventId":${text(eventId)},"metadata":${metadata},"prevHash":${text(prevHash)},` +
    `"schemaVersion":${text(schemaVersion)},"streamId":${text(streamId)},` +
    `"streamVersion":${text(streamVersion)},"type":${text(type)}}`;
  // An id or type with a lone surrogate: JSON.stringify escapes it, canonicalize refuses it.
  return canonical.includes('\\ud') ? undefined : canonical;
};

/** The link's canonical JSON by `canonicalize`: the definition the assembled text must equal. */
export const canonicalizedLink = (link: ChainLink): string | undefined =>
  canonicalize({
    eventId: link.eventId,
    streamId: link.streamId,
    streamVersion: link.streamVersion,
    type: link.type,
    schemaVersion: link.schemaVersion,
    data: link.data,
    metadata: link.metadata,
    prevHash: link.prevHash,
  });

/** SHA-256 over the RFC 8785 canonical JSON of the link, which includes the previous hash. */
export const hashLink = (link: ChainLink): string => {
  const canonical = assembledCanonical(link) ?? canonicalizedLink(link);
  if (canonical === undefined) throw new Error('envelope is not JSON-serialisable');
  // The one-shot hash: a Hash object per link cost more than the digest of ~1 KB itself.
  return hash('sha256', canonical, 'hex');
};

/** Where a stream's chain ends: its last version and hash; null for a stream not yet written. */
export type ChainTail = Readonly<{ streamVersion: number; hash: string }> | null;

export type HashedLink = ChainLink & Readonly<{ hash: string }>;

/** A link with its data and metadata as the JSON texts they were read back from: what a store writes. */
export type StoredLink = Readonly<{ link: HashedLink; dataJson: string; metadataJson: string }>;

/**
 * A batch as the next links of its stream's chain after `tail`: versions, prevHash and hash, and
 * the JSON texts to store. The link holds what the store will hand back (its texts parsed), so
 * hashing it, not the caller's objects, keeps verifyChain exact.
 */
export const storedLinks = (streamId: string, batch: readonly NewEvent[], tail: ChainTail): StoredLink[] => {
  const first = tail ? tail.streamVersion + 1 : 0;
  let prevHash = tail?.hash ?? null;
  return batch.map((event, i) => {
    const dataJson = JSON.stringify(event.data ?? null);
    const metadataJson = JSON.stringify(event.metadata ?? null);
    const link: ChainLink = {
      eventId: event.eventId,
      streamId,
      streamVersion: first + i,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(dataJson) as unknown,
      metadata: JSON.parse(metadataJson) as ChainLink['metadata'],
      prevHash,
    };
    prevHash = hashLink(link);
    return { link: { ...link, hash: prevHash }, dataJson, metadataJson };
  });
};

/** The links alone: every adapter appends through these, and test helpers fake stored streams here. */
export const chainLinks = (streamId: string, batch: readonly NewEvent[], tail: ChainTail): HashedLink[] =>
  storedLinks(streamId, batch, tail).map((stored) => stored.link);

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
