import {
  jsonEvent,
  type EventData,
  type JSONType,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata } from '@credence/domain';
import type { ChainLink } from '../chain';
import type { RecordedEvent } from '../envelope';
import { EventStoreError } from '../errors';
import { encodePosition } from './position-codec';

/**
 * What Credence keeps in an EventStoreDB event's metadata: the envelope fields the server has no
 * column for. `$correlationId`/`$causationId` are EventStoreDB's own conventions, copied so its
 * `$by_correlation_id` system projection works; they are not part of the hash.
 */
export type EnvelopeMetadata = Readonly<{
  schemaVersion: number;
  metadata: EventMetadata;
  prevHash: string | null;
  hash: string;
  $correlationId: string;
  $causationId: string;
}>;

/** The event to send: id and type pass through, so EventStoreDB's idempotent appends apply. */
export const toEventData = (link: ChainLink, hash: string): EventData => {
  const metadata: EnvelopeMetadata = {
    schemaVersion: link.schemaVersion,
    metadata: link.metadata,
    prevHash: link.prevHash,
    hash,
    $correlationId: link.metadata.correlationId,
    $causationId: link.metadata.causationId,
  };
  return jsonEvent({ id: link.eventId, type: link.type, data: link.data as JSONType, metadata });
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEnvelopeMetadata = (value: unknown): value is EnvelopeMetadata =>
  isObject(value) &&
  typeof value.schemaVersion === 'number' &&
  isObject(value.metadata) &&
  (value.prevHash === null || typeof value.prevHash === 'string') &&
  typeof value.hash === 'string';

const NO_POSITION = 2n ** 64n - 1n;

/**
 * Servers before 22.6 fill stream reads with u64-max (-1) positions, and an unset field decodes as
 * 0:0, where no user event can sit (the log starts with system records). Neither is a real position.
 */
const hasPosition = (position: EsdbRecordedEvent['position']): position is NonNullable<typeof position> =>
  !!position && position.commit !== NO_POSITION && !(position.commit === 0n && position.prepare === 0n);

/** Rebuilds the port's envelope; refuses events that were not written through this adapter. */
export const fromRecordedEvent = (event: EsdbRecordedEvent): RecordedEvent => {
  const where = `event ${event.id} (revision ${event.revision} of ${event.streamId})`;
  if (!event.isJson) throw new EventStoreError(`EventStoreDB ${where} is not JSON`);
  if (!isEnvelopeMetadata(event.metadata)) {
    throw new EventStoreError(`EventStoreDB ${where} lacks Credence envelope metadata`);
  }
  if (!hasPosition(event.position)) {
    throw new EventStoreError(
      `EventStoreDB returned no $all position for ${where}; Credence needs server 22.6 or later`,
    );
  }
  return {
    eventId: event.id,
    streamId: event.streamId,
    streamVersion: Number(event.revision),
    globalPosition: encodePosition(event.position),
    type: event.type,
    schemaVersion: event.metadata.schemaVersion,
    data: event.data,
    metadata: event.metadata.metadata,
    prevHash: event.metadata.prevHash,
    hash: event.metadata.hash,
  };
};
