import type { GivenEvent } from '../testing/projection-spec';
import { ProjectionSpecification } from '../testing/projection-spec';
import { statusEntriesProjection } from './status-entries';

const claimed = (purpose: 'revocation' | 'suspension', index: number, list = 0): GivenEvent => ({
  type: 'StatusIndexClaimed',
  data: { issuerId: 'uni-1', credentialId: 'cred-1', purpose, list, index },
});
const change = (type: 'CredentialRevoked' | 'CredentialSuspended' | 'CredentialReinstated') =>
  ({ type, data: { credentialId: 'cred-1', issuerId: 'uni-1', reason: 'issuer-request' } }) as GivenEvent;
const claims = [claimed('revocation', 7), claimed('suspension', 94_567)];
const positions = [
  { purpose: 'revocation', list: 0, index: 7 },
  { purpose: 'suspension', list: 0, index: 94_567 },
];

describe('status entries projection', () => {
  const given = ProjectionSpecification.for(statusEntriesProjection);

  it('When both indexes are claimed › holds them, no bit set', () => {
    given([]).when(claims).thenMatch('cred-1', { positions, revoked: false, suspended: false });
    given([]).when(claims).thenColumns('cred-1', { issuer_id: 'uni-1', revoked: 0, suspended: 0 });
  });

  it('When one index is claimed in both lists at once › holds it in each, and a replay adds nothing', () => {
    const joint: GivenEvent = {
      type: 'StatusIndexesClaimed',
      data: {
        issuerId: 'uni-1',
        credentialId: 'cred-1',
        list: 2,
        index: 41,
        purposes: ['revocation', 'suspension'],
      },
    };
    const both = [
      { purpose: 'revocation', list: 2, index: 41 },
      { purpose: 'suspension', list: 2, index: 41 },
    ];
    given([]).when([joint]).thenMatch('cred-1', { positions: both, revoked: false, suspended: false });
    given([joint]).when([joint]).thenMatch('cred-1', { positions: both });
    given([joint])
      .when([change('CredentialSuspended')])
      .thenColumns('cred-1', { issuer_id: 'uni-1', revoked: 0, suspended: 1 });
  });

  it('When a claim is replayed › holds it once', () =>
    given(claims)
      .when([claimed('revocation', 7)])
      .thenMatch('cred-1', { positions }));

  it('When suspended, then reinstated › the suspension bit is set, then cleared', () => {
    given(claims)
      .when([change('CredentialSuspended')])
      .thenColumns('cred-1', {
        issuer_id: 'uni-1',
        revoked: 0,
        suspended: 1,
      });
    given(claims)
      .when([change('CredentialSuspended'), change('CredentialReinstated')])
      .thenColumns('cred-1', { issuer_id: 'uni-1', revoked: 0, suspended: 0 });
  });

  it('When revoked › the revocation bit is set and stays set', () =>
    given(claims)
      .when([change('CredentialRevoked'), change('CredentialReinstated')])
      .thenColumns('cred-1', { issuer_id: 'uni-1', revoked: 1, suspended: 0 }));

  it('When a credential without entries is revoked › there is no row to change', () =>
    given([])
      .when([change('CredentialRevoked')])
      .thenIds([]));
});
