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
const ms = (instant: string) => Date.parse(instant);
const NOW = ms('2026-12-31T00:00:00Z');
const at = (instant: string, asOf = NOW) => ({ atMs: ms(instant), asOfMs: asOf });

// Valid from 2026-01-10T00:00 (recorded 09:00) until 2031-01-10; suspended 02-01, reinstated 02-03,
// revoked 03-01: recorded before effective dates existed, so each takes effect when recorded.
const history = fold([
  credentialIssued('cred-1'),
  credentialSuspended('cred-1', '2026-02-01T10:00:00Z'),
  credentialReinstated('cred-1', '2026-02-03T10:00:00Z'),
  credentialRevoked('cred-1', '2026-03-01T10:00:00Z', 'fraud'),
]);

describe('status at an instant, from the projected history', () => {
  it.each([
    [
      'before validFrom',
      '2026-01-09T23:59:59Z',
      { status: 'not-yet-valid', reason: null, effectiveAt: null },
    ],
    [
      'before the issuance was recorded, but inside the validity period',
      '2026-01-10T08:59:59Z',
      {
        status: 'active',
        reason: null,
        effectiveAt: '2026-01-10T00:00:00Z',
        recordedAt: '2026-01-10T09:00:00Z',
      },
    ],
    [
      'while suspended',
      '2026-02-02T00:00:00Z',
      { status: 'suspended', reason: 'under-investigation', effectiveAt: '2026-02-01T10:00:00Z' },
    ],
    [
      'after reinstatement',
      '2026-02-10T00:00:00Z',
      { status: 'active', reason: null, effectiveAt: '2026-02-03T10:00:00Z' },
    ],
    [
      'after revocation, even past validUntil',
      '2040-01-01T00:00:00Z',
      { status: 'revoked', reason: 'fraud', note: 'see file', effectiveAt: '2026-03-01T10:00:00Z' },
    ],
  ])('%s', (_, instant, expected) => {
    expect(statusAt(history, at(instant))).toMatchObject(expected);
  });

  it('is absent as known before the issuance was recorded', () =>
    expect(statusAt(history, at('2026-02-02T00:00:00Z', ms('2026-01-10T08:59:59Z'))).status).toBe('absent'));

  it('is suspended, not revoked, as known before the revocation was recorded', () =>
    expect(statusAt(history, at('2026-04-01T00:00:00Z', ms('2026-02-02T00:00:00Z'))).status).toBe(
      'suspended',
    ));

  it('keeps the effective date and the ab-initio flag a revocation recorded', () => {
    const fraud = fold([
      credentialIssued('cred-1'),
      {
        type: 'CredentialRevoked',
        data: {
          credentialId: 'cred-1',
          issuerId: 'uni-1',
          reason: 'fraud',
          effectiveAt: '2026-01-10T00:00:00Z',
          abInitio: true,
        },
        metadata: { now: '2026-06-01T00:00:00Z' },
      },
    ]);
    expect(statusAt(fraud, at('2026-03-01T00:00:00Z'))).toMatchObject({ status: 'revoked', abInitio: true });
    expect(statusAt(fraud, at('2026-03-01T00:00:00Z', ms('2026-05-31T00:00:00Z'))).status).toBe('active');
  });
});

describe('status now', () => {
  it('is the latest status, with expiry judged at the instant given rather than stored', () => {
    const active = fold([credentialIssued('cred-1', { validUntil: '2027-01-01T00:00:00Z' })]);
    expect(currentStatus(active, ms('2026-12-31T00:00:00Z')).status).toBe('active');
    expect(currentStatus(active, ms('2027-01-01T00:00:00Z')).status).toBe('expired');
    expect(currentStatus(history, ms('2026-03-02T00:00:00Z'))).toMatchObject({
      status: 'revoked',
      reason: 'fraud',
    });
  });
});
