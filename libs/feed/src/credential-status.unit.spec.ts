import { evolveStatus, type CredentialStatusRecord } from './credential-status';
import {
  chained,
  credentialIssued,
  credentialReinstated,
  credentialRevoked,
  credentialSuspended,
} from './testing/events';

const fold = (events: ReturnType<typeof chained>) =>
  events.reduce<CredentialStatusRecord | null>((record, e) => evolveStatus(record, e) ?? record, null);

describe('evolveStatus', () => {
  it('starts active with the validity dates a consumer needs to derive expiry', () => {
    const [issued] = chained('credential-c1', [credentialIssued('c1', '2030-01-01T00:00:00.000Z')]);
    expect(evolveStatus(null, issued)).toMatchObject({
      credentialId: 'c1',
      issuerId: 'uni-1',
      status: 'active',
      validFrom: '2025-03-01T00:00:00.000Z',
      validUntil: '2030-01-01T00:00:00.000Z',
      eventId: issued.eventId,
      globalPosition: issued.globalPosition,
    });
  });

  it('keeps the dates through suspension and reinstatement, and drops the reason once active again', () => {
    const events = chained('credential-c1', [
      credentialIssued('c1', '2030-01-01T00:00:00.000Z'),
      credentialSuspended('c1'),
    ]);
    expect(fold(events)).toMatchObject({
      status: 'suspended',
      reason: 'under-investigation',
      validUntil: '2030-01-01T00:00:00.000Z',
    });
    const reinstated = chained('credential-c1', [
      credentialIssued('c1'),
      credentialSuspended('c1'),
      credentialReinstated('c1'),
    ]);
    const record = fold(reinstated)!;
    expect(record.status).toBe('active');
    expect(record).not.toHaveProperty('reason');
    expect(record.streamVersion).toBe(2);
  });

  it('ends revoked with the reason, and ignores events of other kinds or unknown credentials', () => {
    const events = chained('credential-c1', [credentialIssued('c1'), credentialRevoked('c1')]);
    expect(fold(events)).toMatchObject({ status: 'revoked', reason: 'fraud', note: 'diploma mill' });
    expect(evolveStatus(null, events[1])).toBeNull();
    const other = chained('issuer-uni-1', [{ type: 'IssuerRegistered', data: { issuerId: 'uni-1' } }]);
    expect(evolveStatus(null, other[0])).toBeNull();
  });
  it('links a re-issue both ways: the correction names what it supersedes, the corrected one what superseded it', () => {
    const { data } = credentialIssued('c2');
    const [reissued] = chained('credential-c2', [
      { type: 'CredentialIssued', data: { ...(data as object), supersedes: 'c1' } },
    ]);
    expect(evolveStatus(null, reissued)).toMatchObject({ credentialId: 'c2', supersedes: 'c1' });
    const superseded = chained('credential-c1', [
      credentialIssued('c1'),
      {
        type: 'CredentialRevoked',
        data: { credentialId: 'c1', issuerId: 'uni-1', reason: 'superseded', supersededBy: 'c2' },
      },
    ]);
    expect(fold(superseded)).toMatchObject({ status: 'revoked', reason: 'superseded', supersededBy: 'c2' });
    expect(
      fold(chained('credential-c1', [credentialIssued('c1'), credentialRevoked('c1')])),
    ).not.toHaveProperty('supersededBy');
  });

  it('carries when a change took effect, and an ab initio revocation, and forgets them when active again', () => {
    const effective = '2025-03-01T00:00:00.000Z';
    const revoked = {
      ...credentialRevoked('c1'),
      data: { ...credentialRevoked('c1').data, effectiveAt: effective, abInitio: true },
    };
    expect(fold(chained('credential-c1', [credentialIssued('c1'), revoked]))).toMatchObject({
      status: 'revoked',
      effectiveAt: effective,
      abInitio: true,
    });
    const suspended = {
      ...credentialSuspended('c1'),
      data: { ...credentialSuspended('c1').data, effectiveAt: effective },
    };
    const record = fold(
      chained('credential-c1', [credentialIssued('c1'), suspended, credentialReinstated('c1')]),
    )!;
    expect(record.status).toBe('active');
    expect(record).not.toHaveProperty('effectiveAt');
  });
});
