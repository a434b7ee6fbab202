import { assessmentRecorded, credentialIssued } from '../testing/domain-events';
import { ProjectionSpecification } from '../testing/projection-spec';
import { leadTimesProjection } from './lead-times';

const given = ProjectionSpecification.for(leadTimesProjection);
const DAY = 86_400_000;

describe('assessment lead times projection', () => {
  it('When a passing assessment leads to a credential › measures assessedAt to issuedAt under the issuance ruleset', () => {
    given([assessmentRecorded('asmt-1', '2026-01-01T09:00:00Z')])
      .when([credentialIssued('cred-1', { assessmentIds: ['asmt-1'], issuedAt: '2026-01-03T09:00:00Z' })])
      .thenColumns('asmt-1', { issuer_id: 'uni-1', ruleset: 'eu-microcredentials@2022', lead_ms: 2 * DAY });
  });

  it('When a second credential cites the same assessment › keeps the first issuance', () => {
    given([
      assessmentRecorded('asmt-1', '2026-01-01T09:00:00Z'),
      credentialIssued('cred-1', { issuedAt: '2026-01-02T09:00:00Z' }),
    ])
      .when([credentialIssued('cred-2', { issuedAt: '2026-02-01T09:00:00Z' })])
      .thenColumns('asmt-1', { lead_ms: DAY });
  });

  it('When a credential cites a failed attempt next to a pass › only the pass has a lead time', () => {
    given([
      assessmentRecorded('asmt-fail', '2025-12-01T09:00:00Z', 'fail'),
      assessmentRecorded('asmt-pass', '2026-01-01T09:00:00Z'),
    ])
      .when([
        credentialIssued('cred-1', {
          assessmentIds: ['asmt-fail', 'asmt-pass'],
          issuedAt: '2026-01-01T21:00:00Z',
        }),
      ])
      .thenColumns('asmt-pass', { lead_ms: DAY / 2 });
    given([assessmentRecorded('asmt-fail', '2025-12-01T09:00:00Z', 'fail')])
      .when([credentialIssued('cred-1', { assessmentIds: ['asmt-fail'] })])
      .thenColumns('asmt-fail', { lead_ms: null });
  });

  it('When an assessment has no credential yet › has no lead time and no ruleset', () => {
    given([])
      .when([assessmentRecorded('asmt-1', '2026-01-01T09:00:00Z')])
      .thenColumns('asmt-1', { lead_ms: null, ruleset: null });
  });
});
