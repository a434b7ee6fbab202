import { decodeHeaders } from './headers';
import { ledgerMessage } from './messages';
import { chained, credentialIssued, credentialRevoked } from './testing/events';

describe('ledgerMessage', () => {
  const [issued, revoked] = chained('credential-c1', [credentialIssued('c1'), credentialRevoked('c1')], 41);

  it('keys by stream id and carries the envelope as the value', () => {
    const message = ledgerMessage(revoked);
    expect(message.key).toBe('credential-c1');
    expect(JSON.parse(message.value)).toEqual(JSON.parse(JSON.stringify(revoked)));
  });

  it('carries the documented headers, with prev-hash only after the first event', () => {
    expect(ledgerMessage(revoked).headers).toEqual({
      'record-type': 'ledger-event',
      'content-type': 'application/json',
      'event-id': revoked.eventId,
      'event-type': 'CredentialRevoked',
      'schema-version': '1',
      'global-position': '42',
      'stream-version': '1',
      hash: revoked.hash,
      'prev-hash': issued.hash,
      'ruleset-id': 'eu-microcredentials',
      'ruleset-version': '2022',
      'ruleset-hash': 'f'.repeat(64),
    });
    expect(ledgerMessage(issued).headers).not.toHaveProperty('prev-hash');
  });

  it('reads headers back from the Buffers kafkajs delivers', () => {
    expect(
      decodeHeaders({
        hash: Buffer.from('abc'),
        many: [Buffer.from('1'), Buffer.from('2')],
        none: undefined,
      }),
    ).toEqual({
      hash: 'abc',
      many: '1',
    });
  });
});
