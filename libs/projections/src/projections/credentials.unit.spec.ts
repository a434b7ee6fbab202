import {
  credentialIssued,
  credentialReinstated,
  credentialRevoked,
  credentialSuspended,
} from '../testing/domain-events';
import { ProjectionSpecification } from '../testing/projection-spec';
import { credentialsProjection } from './credentials';

const given = ProjectionSpecification.for(credentialsProjection);

describe('credentials projection', () => {
  it('When issued › records the credential, the ruleset and accreditation at issuance, and an active history', () => {
    given([])
      .when([credentialIssued('cred-1')])
      .thenMatch('cred-1', {
        issuerId: 'uni-1',
        learnerId: 'lrn-1',
        status: 'active',
        reason: null,
        validUntil: '2031-01-10T00:00:00Z',
        ruleset: { id: 'eu-microcredentials', version: '2022', hash: 'a'.repeat(64) },
        accreditation: expect.objectContaining({ qaBody: 'NVAO' }),
        history: [
          expect.objectContaining({
            type: 'CredentialIssued',
            recordedAt: '2026-01-10T09:00:00Z',
            position: '1',
          }),
        ],
      });
  });

  it('When issued › indexes issuer, learner, ruleset and the validity period in milliseconds', () => {
    given([])
      .when([credentialIssued('cred-1', { validUntil: '2031-01-10T02:00:00+02:00' })])
      .thenColumns('cred-1', {
        issuer_id: 'uni-1',
        learner_id: 'lrn-1',
        ruleset: 'eu-microcredentials@2022',
        status: 'active',
        valid_from_ms: Date.parse('2026-01-10T00:00:00Z'),
        valid_until_ms: Date.parse('2031-01-10T00:00:00Z'),
      });
  });

  it('When suspended, reinstated and revoked › keeps each event with the time it was recorded', () => {
    given([credentialIssued('cred-1')])
      .when([
        credentialSuspended('cred-1', '2026-02-01T10:00:00Z'),
        credentialReinstated('cred-1', '2026-02-03T10:00:00Z'),
        credentialRevoked('cred-1', '2026-03-01T10:00:00Z', 'fraud'),
      ])
      .thenMatch('cred-1', {
        status: 'revoked',
        reason: 'fraud',
        history: [
          expect.objectContaining({ type: 'CredentialIssued', recordedAt: '2026-01-10T09:00:00Z' }),
          {
            type: 'CredentialSuspended',
            data: { credentialId: 'cred-1', issuerId: 'uni-1', reason: 'under-investigation' },
            recordedAt: '2026-02-01T10:00:00Z',
            position: '2',
          },
          {
            type: 'CredentialReinstated',
            data: { credentialId: 'cred-1', issuerId: 'uni-1' },
            recordedAt: '2026-02-03T10:00:00Z',
            position: '3',
          },
          {
            type: 'CredentialRevoked',
            data: { credentialId: 'cred-1', issuerId: 'uni-1', reason: 'fraud', note: 'see file' },
            recordedAt: '2026-03-01T10:00:00Z',
            position: '4',
          },
        ],
      });
  });

  it('When issued without a ruleset stamp or validUntil › groups under "-" and leaves the end open', () => {
    given([])
      .when([credentialIssued('cred-1', { validUntil: undefined }, { ruleset: undefined })])
      .thenColumns('cred-1', { ruleset: '-', valid_until_ms: null });
  });

  it('When a change arrives for an unknown credential › creates nothing (and never throws)', () => {
    given([])
      .when([credentialRevoked('ghost', '2026-03-01T10:00:00Z')])
      .thenDocuments({ ghost: null });
  });

  it('When issued twice with the same id › keeps the first issuance', () => {
    given([credentialIssued('cred-1')])
      .when([credentialIssued('cred-1', { learner: { id: 'someone-else' } })])
      .thenMatch('cred-1', { learnerId: 'lrn-1' });
  });
});
