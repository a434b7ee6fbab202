import type { RecordedEvent } from '@credence/event-store';

/**
 * Header names on feed messages. Consumers can route and check order without parsing the value;
 * the value stays the source of truth (the hash covers it, not the headers).
 */
export const HEADERS = {
  recordType: 'record-type',
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  globalPosition: 'global-position',
  streamVersion: 'stream-version',
  hash: 'hash',
  prevHash: 'prev-hash',
  rulesetId: 'ruleset-id',
  rulesetVersion: 'ruleset-version',
  rulesetHash: 'ruleset-hash',
  contentType: 'content-type',
  treeSize: 'tree-size',
  listVersion: 'list-version',
} as const;

export const RECORD_TYPES = {
  ledgerEvent: 'ledger-event',
  credentialStatus: 'credential-status',
  checkpoint: 'checkpoint',
  statusList: 'status-list',
} as const;
export type RecordType = (typeof RECORD_TYPES)[keyof typeof RECORD_TYPES];

export type FeedHeaders = Record<string, string>;

/** prev-hash and the ruleset headers are left out when the event has none. */
export const ledgerHeaders = (event: RecordedEvent): FeedHeaders => {
  const ruleset = event.metadata.ruleset;
  const headers: FeedHeaders = {
    [HEADERS.recordType]: RECORD_TYPES.ledgerEvent,
    [HEADERS.contentType]: 'application/json',
    [HEADERS.eventId]: event.eventId,
    [HEADERS.eventType]: event.type,
    [HEADERS.schemaVersion]: String(event.schemaVersion),
    [HEADERS.globalPosition]: event.globalPosition,
    [HEADERS.streamVersion]: String(event.streamVersion),
    [HEADERS.hash]: event.hash,
  };
  if (event.prevHash !== null) headers[HEADERS.prevHash] = event.prevHash;
  if (ruleset) {
    headers[HEADERS.rulesetId] = ruleset.id;
    headers[HEADERS.rulesetVersion] = ruleset.version;
    headers[HEADERS.rulesetHash] = ruleset.hash;
  }
  return headers;
};

/** kafkajs hands headers over as Buffers (or arrays of them when repeated); the first one counts. */
export const decodeHeaders = (raw: Record<string, unknown> | undefined): FeedHeaders => {
  const headers: FeedHeaders = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== null)
      headers[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return headers;
};
