import { hashLink } from '@credence/event-store';
import { ledgerHeaders } from '../headers';
import { chained, credentialIssued, credentialRevoked, credentialSuspended } from '../testing/events';
import { FeedVerifier } from './verifier';

const stream = chained('credential-c1', [
  credentialIssued('c1'),
  credentialSuspended('c1'),
  credentialRevoked('c1'),
]);

describe('FeedVerifier', () => {
  it('accepts an intact stream and reports a re-delivered event as a duplicate', () => {
    const verifier = new FeedVerifier();
    expect(stream.map((e) => verifier.accept(e, ledgerHeaders(e), e.streamId).kind)).toEqual([
      'new',
      'new',
      'new',
    ]);
    expect(verifier.accept(stream[1]).kind).toBe('duplicate');
  });

  it('flags an event whose content no longer matches its hash', () => {
    const tampered = { ...stream[1], data: { ...(stream[1].data as object), reason: 'issuer-request' } };
    expect(new FeedVerifier().accept(tampered)).toMatchObject({
      kind: 'broken',
      reason: 'hash does not match the content',
    });
  });

  it('flags a re-hashed forgery, because its prevHash no longer links', () => {
    const verifier = new FeedVerifier();
    verifier.accept(stream[0]);
    const forged = { ...stream[1], prevHash: 'a'.repeat(64) };
    const rehashed = { ...forged, hash: hashLink(forged) };
    expect(verifier.accept(rehashed)).toMatchObject({
      kind: 'broken',
      reason: 'prevHash does not match the hash of version 0',
    });
  });

  it('flags a gap in a stream', () => {
    const verifier = new FeedVerifier();
    verifier.accept(stream[0]);
    expect(verifier.accept(stream[2])).toMatchObject({
      kind: 'broken',
      reason: 'expected version 1, found 2',
    });
  });

  it('trusts a stream first seen in its middle from that event on', () => {
    const verifier = new FeedVerifier();
    expect(verifier.accept(stream[1]).kind).toBe('new');
    expect(verifier.accept(stream[2]).kind).toBe('new');
  });

  it('flags a different event re-using a seen id, and headers or keys that disagree with the value', () => {
    const verifier = new FeedVerifier();
    verifier.accept(stream[0]);
    const other = chained('credential-c2', [credentialIssued('c2')])[0];
    const sameId = { ...other, eventId: stream[0].eventId };
    expect(verifier.accept({ ...sameId, hash: hashLink(sameId) }).kind).toBe('broken');
    expect(
      new FeedVerifier().accept(stream[0], {
        ...ledgerHeaders(stream[0]),
        'event-type': 'CredentialRevoked',
      }),
    ).toMatchObject({
      kind: 'broken',
      reason: 'header event-type disagrees with the value',
    });
    expect(new FeedVerifier().accept(stream[0], {}, 'credential-other').kind).toBe('broken');
  });
});
