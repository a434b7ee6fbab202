import { EVENT_SCHEMA_VERSIONS, type CredenceEventType } from '@credence/domain';
import { HEADERS } from '../headers';
import { CHECKPOINTS_TOPIC, CREDENTIAL_STATUS_TOPIC, LEDGER_TOPIC, STATUS_LISTS_TOPIC } from '../topics';
import { EVENT_SUMMARIES } from './event-summaries';
import type { FeedSchemas } from './event-schemas';
import type { JsonSchema } from './schema-from-types';

const KAFKA_BINDING = '0.5.0';

const HEADER_DESCRIPTIONS: Readonly<Record<keyof typeof HEADERS, string>> = {
  recordType: '`ledger-event`, `credential-status`, `checkpoint` or `status-list`.',
  contentType:
    '`application/json`; `text/plain; charset=utf-8` for a checkpoint; `application/ld+json` for a status list.',
  eventId: 'Event id (UUID). Consumers deduplicate by it: a relay crash may re-send its last batch.',
  eventType: 'Event type, e.g. `CredentialIssued`.',
  schemaVersion: 'Schema version of the event type (decimal).',
  globalPosition: 'Position in the global log: "42" (SQLite) or "C:P" (EventStoreDB).',
  streamVersion: '0-based version of the event within its stream (decimal).',
  hash: 'SHA-256 (hex) over the RFC 8785 canonical JSON of the event and prevHash.',
  prevHash: "Hash of the stream's previous event; absent on version 0.",
  rulesetId: 'Ruleset the decision ran under, when the event carries one.',
  rulesetVersion: 'Version of that ruleset.',
  rulesetHash: 'Content hash of that ruleset.',
  treeSize: 'Tree size of the signed checkpoint (decimal).',
  listVersion:
    "The status list's version, its ETag at GET /status-lists/...: it changes with the list's bits.",
};

const header = (key: keyof typeof HEADERS): [string, JsonSchema] => [
  HEADERS[key],
  { type: 'string', description: HEADER_DESCRIPTIONS[key] },
];

const headersSchema = (keys: (keyof typeof HEADERS)[], required: (keyof typeof HEADERS)[]): JsonSchema => ({
  type: 'object',
  properties: Object.fromEntries(keys.map(header)),
  required: required.map((k) => HEADERS[k]),
});

const LEDGER_HEADER_KEYS = (Object.keys(HEADERS) as (keyof typeof HEADERS)[]).filter(
  (k) => k !== 'treeSize' && k !== 'listVersion',
);
const CHECKPOINT_HEADER_KEYS: (keyof typeof HEADERS)[] = ['recordType', 'contentType', 'treeSize'];
const STATUS_LIST_HEADER_KEYS: (keyof typeof HEADERS)[] = ['recordType', 'contentType', 'listVersion'];
const STATUS_HEADER_KEYS: (keyof typeof HEADERS)[] = [
  'recordType',
  'contentType',
  'eventId',
  'eventType',
  'globalPosition',
  'streamVersion',
];

/** The envelope of one event type: the generic envelope with its type, version and data pinned. */
const envelopeOf = (envelope: JsonSchema, type: CredenceEventType): JsonSchema => {
  const properties = envelope.properties as Record<string, JsonSchema>;
  return {
    ...envelope,
    properties: {
      ...properties,
      type: { type: 'string', const: type },
      schemaVersion: { type: 'integer', const: EVENT_SCHEMA_VERSIONS[type] },
      streamVersion: { ...properties.streamVersion, type: 'integer', minimum: 0 },
      prevHash: {
        ...properties.prevHash,
        description: 'Hash of the previous event of the stream; null on version 0.',
      },
      data: { $ref: `#/components/schemas/${type}Data` },
      metadata: { $ref: '#/components/schemas/EventMetadata' },
    },
  };
};

const ref = (path: string) => ({ $ref: path });

/** AsyncAPI 3.0 for the feed, from the schemas read out of the source types. */
export const buildAsyncApiDocument = (schemas: FeedSchemas): Record<string, unknown> => {
  const types = schemas.events.map((e) => e.type as CredenceEventType);
  const eventMessages = Object.fromEntries(
    schemas.events.map((e) => {
      const type = e.type as CredenceEventType;
      const message = {
        name: type,
        title: type,
        summary: EVENT_SUMMARIES[type],
        ...(e.description ? { description: e.description } : {}),
        contentType: 'application/json',
        headers: ref('#/components/schemas/LedgerHeaders'),
        payload: envelopeOf(schemas.envelope, type),
        bindings: {
          kafka: {
            key: {
              type: 'string',
              description: 'Stream id, e.g. `credential-<id>`: one stream, one partition, in order.',
            },
            bindingVersion: KAFKA_BINDING,
          },
        },
      };
      return [type, message];
    }),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Credence regulator feed',
      version: '1.0.0',
      description: [
        "Every event recorded by the Credence ledger, published by the feed relay from the event store's global log.",
        '',
        '- Delivery is at least once: after a relay crash the last unacknowledged batch may arrive twice. Deduplicate by the `event-id` header (or `eventId`).',
        '- Order is kept per stream (the message key), not across streams; `globalPosition` gives the ledger-wide order.',
        '- Each event carries `hash` and `prevHash`: recompute the hash (SHA-256 over RFC 8785 canonical JSON of eventId, streamId, streamVersion, type, schemaVersion, data, metadata, prevHash) and follow the chain per stream. `credence feed tail` does this.',
        '- Topic names are versioned; an installation may prefix them.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'Single-node broker from scripts/kafka-local.sh.',
      },
    },
    channels: {
      ledger: {
        address: LEDGER_TOPIC,
        title: 'Ledger events',
        description:
          'All events, keyed by stream id; the value is the JSON envelope. Kept forever (retention.ms = -1). Partitions: KAFKA_TOPIC_PARTITIONS.',
        messages: Object.fromEntries(types.map((t) => [t, ref(`#/components/messages/${t}`)])),
        bindings: {
          kafka: {
            topic: LEDGER_TOPIC,
            topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': -1 },
            bindingVersion: KAFKA_BINDING,
          },
        },
      },
      credentialStatus: {
        address: CREDENTIAL_STATUS_TOPIC,
        title: 'Credential status register',
        description:
          'The latest status of each credential, keyed by credential id; compacted, so reading it from the start yields the current register.',
        messages: { CredentialStatus: ref('#/components/messages/CredentialStatus') },
        bindings: {
          kafka: {
            topic: CREDENTIAL_STATUS_TOPIC,
            topicConfiguration: { 'cleanup.policy': ['compact'] },
            bindingVersion: KAFKA_BINDING,
          },
        },
      },
      checkpoints: {
        address: CHECKPOINTS_TOPIC,
        title: 'Signed checkpoints of the transparency log',
        description:
          'Every checkpoint the ledger signs over its Merkle tree, oldest first, on one partition; kept forever. A witness verifies each note against the pinned log key and asks GET /v1/log/proofs/consistency?from=<previous size>&to=<this size> for the proof that the log only grew.',
        messages: { Checkpoint: ref('#/components/messages/Checkpoint') },
        bindings: {
          kafka: {
            topic: CHECKPOINTS_TOPIC,
            partitions: 1,
            topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': -1 },
            bindingVersion: KAFKA_BINDING,
          },
        },
      },
      statusLists: {
        address: STATUS_LISTS_TOPIC,
        title: 'Signed Bitstring Status Lists',
        description:
          "Each issuer's revocation and suspension lists, signed, whenever a list changes; compacted, so a reader converges to the newest version of every list. The same documents GET /status-lists/{issuerId}/{purpose}/{n} serves.",
        messages: { StatusList: ref('#/components/messages/StatusList') },
        bindings: {
          kafka: {
            topic: STATUS_LISTS_TOPIC,
            partitions: 1,
            topicConfiguration: { 'cleanup.policy': ['compact'] },
            bindingVersion: KAFKA_BINDING,
          },
        },
      },
    },
    operations: {
      publishLedgerEvents: {
        action: 'send',
        channel: ref('#/channels/ledger'),
        summary: 'The relay publishes each recorded event once its batch is read from the global log.',
        messages: types.map((t) => ref(`#/channels/ledger/messages/${t}`)),
      },
      publishCredentialStatus: {
        action: 'send',
        channel: ref('#/channels/credentialStatus'),
        summary: 'The relay publishes the new status record with every credential event.',
        messages: [ref('#/channels/credentialStatus/messages/CredentialStatus')],
      },
      publishCheckpoints: {
        action: 'send',
        channel: ref('#/channels/checkpoints'),
        summary:
          'The relay publishes each signed checkpoint once the ledger has signed it (at most about once a second).',
        messages: [ref('#/channels/checkpoints/messages/Checkpoint')],
      },
      publishStatusLists: {
        action: 'send',
        channel: ref('#/channels/statusLists'),
        summary:
          'ledger-api publishes a status list whenever its version changes (polled about once a second).',
        messages: [ref('#/channels/statusLists/messages/StatusList')],
      },
    },
    components: {
      schemas: {
        EventMetadata: schemas.metadata,
        CredentialStatusRecord: schemas.credentialStatus,
        LedgerHeaders: headersSchema(LEDGER_HEADER_KEYS, [
          'recordType',
          'contentType',
          'eventId',
          'eventType',
          'schemaVersion',
          'globalPosition',
          'streamVersion',
          'hash',
        ]),
        CredentialStatusHeaders: headersSchema(STATUS_HEADER_KEYS, STATUS_HEADER_KEYS),
        CheckpointHeaders: headersSchema(CHECKPOINT_HEADER_KEYS, CHECKPOINT_HEADER_KEYS),
        StatusListHeaders: headersSchema(STATUS_LIST_HEADER_KEYS, STATUS_LIST_HEADER_KEYS),
        ...Object.fromEntries(schemas.events.map((e) => [`${e.type}Data`, e.data])),
      },
      messages: {
        ...eventMessages,
        CredentialStatus: {
          name: 'CredentialStatus',
          title: 'Credential status',
          summary: 'The status of one credential after its latest event.',
          contentType: 'application/json',
          headers: ref('#/components/schemas/CredentialStatusHeaders'),
          payload: ref('#/components/schemas/CredentialStatusRecord'),
          bindings: {
            kafka: { key: { type: 'string', description: 'Credential id.' }, bindingVersion: KAFKA_BINDING },
          },
        },
        Checkpoint: {
          name: 'Checkpoint',
          title: 'Signed checkpoint',
          summary:
            "A C2SP tlog-checkpoint (origin, tree size, base64 RFC 9162 root) signed as a C2SP signed-note with the log's Ed25519 key.",
          contentType: 'text/plain',
          headers: ref('#/components/schemas/CheckpointHeaders'),
          payload: {
            type: 'string',
            description:
              'The note byte for byte as GET /v1/log/checkpoint serves it: `<origin>\\n<size>\\n<base64 root>\\n\\n— <origin> <base64(key hash ‖ signature)>\\n`.',
          },
          bindings: {
            kafka: {
              key: { type: 'string', description: 'The log origin (the first line of the note).' },
              bindingVersion: KAFKA_BINDING,
            },
          },
        },
        StatusList: {
          name: 'StatusList',
          title: 'Signed status list',
          summary:
            "A BitstringStatusListCredential (VC 2.0) signed with the issuer's Ed25519 key (Data Integrity eddsa-rdfc-2022).",
          contentType: 'application/ld+json',
          headers: ref('#/components/schemas/StatusListHeaders'),
          payload: {
            type: 'object',
            description:
              'The list credential as GET /status-lists/{issuerId}/{purpose}/{n} serves it; `credentialSubject.encodedList` is the multibase base64url GZIP bitstring.',
          },
          bindings: {
            kafka: {
              key: { type: 'string', description: 'The list URL (the credential id).' },
              bindingVersion: KAFKA_BINDING,
            },
          },
        },
      },
    },
  };
};
