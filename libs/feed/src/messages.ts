import type { RecordedEvent } from '@credence/event-store';
import type { CredentialStatusRecord } from './credential-status';
import { HEADERS, RECORD_TYPES, ledgerHeaders, type FeedHeaders } from './headers';

/** A message as the relay hands it to the producer: key, JSON value, string headers. */
export type FeedMessage = Readonly<{ key: string; value: string; headers: FeedHeaders }>;

/** Keyed by stream id, so one stream's events share a partition and stay in order. */
export const ledgerMessage = (event: RecordedEvent): FeedMessage => ({
  key: event.streamId,
  value: JSON.stringify(event),
  headers: ledgerHeaders(event),
});

/** Keyed by credential id: compaction keeps the latest record of each credential. */
export const statusMessage = (record: CredentialStatusRecord): FeedMessage => ({
  key: record.credentialId,
  value: JSON.stringify(record),
  headers: {
    [HEADERS.recordType]: RECORD_TYPES.credentialStatus,
    [HEADERS.contentType]: 'application/json',
    [HEADERS.eventId]: record.eventId,
    [HEADERS.eventType]: record.eventType,
    [HEADERS.globalPosition]: record.globalPosition,
    [HEADERS.streamVersion]: String(record.streamVersion),
  },
});
