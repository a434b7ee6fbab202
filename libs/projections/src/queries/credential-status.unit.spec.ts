import { credentialsProjection, type CredentialDoc } from '../projections/credentials';
import { erase } from '../projection';
import { evolveDocuments } from '../projector/evolve-documents';
import {
  credentialIssued,
  credentialReinstated,
  credentialRevoked,
  credentialSuspended,
} from '../testing/domain-events';
import { type GivenEvent, recorded } from '../testing/projection-spec';
import { currentStatus, statusAt } from './credential-status';

const fold = (events: GivenEvent[]): CredentialDoc =>
  evolveDocuments(erase(credentialsProjection), new Map(), recorded(events)).get('cred-1') as CredentialDoc;
const at = (instant: string) => Date.parse(instant);

// Issued 2026-01-10T09:00 (valid 2026-01-10 → 2031-01-10), suspended 02-01, reinstated 02-03, revoked 03-01.
const history = fold([
  credentialIssued('cred-1'),
  credentialSuspended('cred-1', '2026-02-01T10:00:00Z'),
  credentialReinstated('cred-1', '2026-02-03T10:00:00Z'),
  credentialRevoked('cred-1', '2026-03-01T10:00:00Z', 'fraud'),
]);

describe('status at an instant', () => {
  it.each([
    ['before the issuance', '2026-01-10T08:59:59Z', { status: 'not-yet-valid', reason: null, since: null }],
    [
      'right at the issuance',
      '2026-01-10T09:00:00Z',
      { status: 'active', reason: null, since: '2026-01-10T09:00:00Z' },
    ],
    [
      'while suspended',
      '2026-02-02T00:00:00Z',
      { status: 'suspended', reason: 'under-investigation', since: '2026-02-01T10:00:00Z' },
    ],
    [
      'after reinstatement',
      '2026-02-10T00:00:00Z',
      { status: 'active', reason: null, since: '2026-02-03T10:00:00Z' },
    ],
    [
      'after revocation, even past validUntil',
      '2040-01-01T00:00:00Z',
      { status: 'revoked', reason: 'fraud', since: '2026-03-01T10:00:00Z' },
    ],
  ])('%s', (_, instant, expected) => {
    expect(statusAt(history, at(instant))).toEqual(expected);
  });

  it('judges the validity period half-open: expired from validUntil on, not yet valid before validFrom', () => {
    const future = fold([
      credentialIssued('cred-1', { validFrom: '2026-06-01T00:00:00Z', validUntil: '2027-06-01T00:00:00Z' }),
    ]);
    expect(statusAt(future, at('2026-03-01T00:00:00Z')).status).toBe('not-yet-valid');
    expect(statusAt(future, at('2026-06-01T00:00:00Z'))).toEqual({
      status: 'active',
      reason: null,
      since: '2026-06-01T00:00:00Z',
    });
    expect(statusAt(future, at('2027-05-31T23:59:59Z')).status).toBe('active');
    expect(statusAt(future, at('2027-06-01T00:00:00Z'))).toEqual({
      status: 'expired',
      reason: null,
      since: '2027-06-01T00:00:00Z',
    });
  });
});

describe('status now', () => {
  it('is the stored status, with expiry judged at the instant given rather than stored', () => {
    const active = fold([credentialIssued('cred-1', { validUntil: '2027-01-01T00:00:00Z' })]);
    expect(currentStatus(active, at('2026-12-31T00:00:00Z')).status).toBe('active');
    expect(currentStatus(active, at('2027-01-01T00:00:00Z')).status).toBe('expired');
    expect(currentStatus(history, at('2026-01-11T00:00:00Z'))).toMatchObject({
      status: 'revoked',
      reason: 'fraud',
    });
  });
});
