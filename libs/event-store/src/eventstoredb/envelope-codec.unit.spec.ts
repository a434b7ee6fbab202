import type { EventData, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata } from '@credence/domain';
import { verifyChain } from '../chain';
import type { NewEvent } from '../envelope';
import { EventStoreError } from '../errors';
import { chainBatch } from './append';
import { fromRecordedEvent, type EnvelopeMetadata } from './envelope-codec';

const metadata: EventMetadata = {
  commandId: 'cmd-1',
  principal: { id: 'admin-1', role: 'admin' },
  now: '2026-01-05T10:00:00Z',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  findings: [{ ruleId: 'eu.ects', severity: 'warn', message: 'ECTS missing' }],
};

const batch: NewEvent[] = [
  {
    eventId: '6f1c2f5e-0000-4000-8000-000000000001',
    type: 'IssuerRegistered',
    schemaVersion: 1,
    data: { issuerId: 'i-1', name: 'Uni' },
    metadata,
  },
  {
    eventId: '6f1c2f5e-0000-4000-8000-000000000002',
    type: 'IssuerAccredited',
    schemaVersion: 1,
    data: { issuerId: 'i-1' },
    metadata,
  },
];

/** What the server hands back for an event it stored: the JSON bytes parsed again, plus its place. */
const asStored = (sent: EventData, streamId: string, revision: number): EsdbRecordedEvent => ({
  streamId,
  id: sent.id,
  isJson: true,
  revision: BigInt(revision),
  type: sent.type,
  created: new Date(0),
  data: JSON.parse(JSON.stringify(sent.data)),
  metadata: JSON.parse(JSON.stringify(sent.metadata)),
  position: { commit: 1000n + BigInt(revision), prepare: 1000n + BigInt(revision) },
});

describe('EventStoreDB envelope (de)serialisation', () => {
  const sent = chainBatch('issuer-i-1', batch, null);
  const stored = sent.map((event, revision) => fromRecordedEvent(asStored(event, 'issuer-i-1', revision)));

  it('sends ids, types and JSON data through unchanged', () => {
    expect(sent.map((e) => [e.id, e.type, e.contentType])).toEqual(
      batch.map((e) => [e.eventId, e.type, 'application/json']),
    );
    expect(sent[0].data).toEqual(batch[0].data);
  });

  it('keeps the envelope in event metadata, with EventStoreDB correlation conventions', () => {
    const meta = sent[1].metadata as EnvelopeMetadata;
    expect(meta).toMatchObject({
      schemaVersion: 1,
      metadata,
      $correlationId: 'corr-1',
      $causationId: 'cmd-1',
    });
    expect(meta.prevHash).toBe((sent[0].metadata as EnvelopeMetadata).hash);
  });

  it('reads back the same envelope, with a verifiable hash chain and encoded positions', () => {
    expect(stored.map((e) => [e.eventId, e.streamVersion, e.globalPosition])).toEqual([
      [batch[0].eventId, 0, '1000:1000'],
      [batch[1].eventId, 1, '1001:1001'],
    ]);
    expect(stored[1]).toMatchObject({
      type: 'IssuerAccredited',
      schemaVersion: 1,
      data: batch[1].data,
      metadata,
    });
    expect(verifyChain('issuer-i-1', stored)).toMatchObject({ ok: true, events: 2 });
  });

  it('continues a chain from the stream tail', () => {
    const next = chainBatch(
      'issuer-i-1',
      [{ ...batch[0], eventId: '6f1c2f5e-0000-4000-8000-000000000003' }],
      stored[1],
    );
    const tail = fromRecordedEvent(asStored(next[0], 'issuer-i-1', 2));
    expect(tail.prevHash).toBe(stored[1].hash);
    expect(verifyChain('issuer-i-1', [...stored, tail]).ok).toBe(true);
  });

  it('hashes what the server will hand back, so values JSON drops or rewrites still verify', () => {
    const loose = {
      ...batch[0],
      data: { issuerId: 'i-1', note: undefined, at: new Date('2026-01-05T10:00:00Z') },
    };
    const [event] = chainBatch('issuer-i-1', [loose], null);
    const back = fromRecordedEvent(asStored(event, 'issuer-i-1', 0));
    expect(back.data).toEqual({ issuerId: 'i-1', at: '2026-01-05T10:00:00.000Z' });
    expect(verifyChain('issuer-i-1', [back]).ok).toBe(true);
  });

  it('refuses events written without the Credence envelope, or without a position', () => {
    const foreign = { ...asStored(sent[0], 'issuer-i-1', 0), metadata: { $correlationId: 'x' } };
    expect(() => fromRecordedEvent(foreign)).toThrow(/lacks Credence envelope metadata/);
    const positions = [
      undefined,
      { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n },
      { commit: 0n, prepare: 0n },
    ];
    for (const position of positions) {
      const old = { ...asStored(sent[0], 'issuer-i-1', 0), position };
      expect(() => fromRecordedEvent(old)).toThrow(EventStoreError);
    }
  });
});
