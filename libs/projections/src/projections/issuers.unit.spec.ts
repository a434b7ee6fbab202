import type { GivenEvent } from '../testing/projection-spec';
import { ProjectionSpecification } from '../testing/projection-spec';
import { issuersProjection } from './issuers';

const given = ProjectionSpecification.for(issuersProjection);

const registered: GivenEvent = {
  type: 'IssuerRegistered',
  data: { issuerId: 'uni-1', legalName: 'Hogeschool Utrecht', country: 'NL', registrationId: 'KVK-30220914' },
  metadata: { now: '2026-01-01T08:00:00Z' },
};
const accredited = (accreditationId: string, now: string): GivenEvent => ({
  type: 'IssuerAccredited',
  data: {
    issuerId: 'uni-1',
    accreditationId,
    qaBodyId: null,
    qaBody: 'NVAO',
    scope: { eqfLevels: [5, 6] },
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2030-12-31T23:59:59Z',
  },
  metadata: { now },
});

describe('issuers projection (accreditation history)', () => {
  it('When registered › names the issuer', () => {
    given([])
      .when([registered])
      .thenDocuments({
        'uni-1': {
          issuerId: 'uni-1',
          legalName: 'Hogeschool Utrecht',
          country: 'NL',
          registrationId: 'KVK-30220914',
          accreditations: [],
        },
      });
  });

  it('When accredited, suspended and withdrawn › keeps each accreditation with its history', () => {
    given([
      registered,
      accredited('acc-1', '2026-01-02T08:00:00Z'),
      accredited('acc-2', '2026-02-01T08:00:00Z'),
    ])
      .when([
        {
          type: 'AccreditationSuspended',
          data: { issuerId: 'uni-1', accreditationId: 'acc-1', note: 'audit' },
          metadata: { now: '2026-03-01T08:00:00Z' },
        },
        {
          type: 'AccreditationWithdrawn',
          data: { issuerId: 'uni-1', accreditationId: 'acc-1' },
          metadata: { now: '2026-04-01T08:00:00Z' },
        },
      ])
      .thenMatch('uni-1', {
        accreditations: [
          expect.objectContaining({
            accreditationId: 'acc-1',
            status: 'withdrawn',
            history: [
              { change: 'granted', at: '2026-01-02T08:00:00Z', note: null },
              { change: 'suspended', at: '2026-03-01T08:00:00Z', note: 'audit', effectiveAt: null },
              { change: 'withdrawn', at: '2026-04-01T08:00:00Z', note: null, effectiveAt: null },
            ],
          }),
          expect.objectContaining({
            accreditationId: 'acc-2',
            status: 'active',
            scope: { eqfLevels: [5, 6] },
          }),
        ],
      });
  });

  it('When a suspension is lifted › shows the granting QA body by id and name, active again, with the reinstatement in its history', () => {
    const byNvao: GivenEvent = {
      type: 'IssuerAccredited',
      data: {
        issuerId: 'uni-1',
        accreditationId: 'acc-1',
        qaBodyId: 'nvao',
        qaBody: 'NVAO',
        scope: { eqfLevels: [5, 6] },
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2030-12-31T23:59:59Z',
      },
      metadata: { now: '2026-01-02T08:00:00Z' },
    };
    given([registered, byNvao])
      .when([
        {
          type: 'AccreditationSuspended',
          data: { issuerId: 'uni-1', accreditationId: 'acc-1' },
          metadata: { now: '2026-03-01T08:00:00Z' },
        },
        {
          type: 'AccreditationReinstated',
          data: { issuerId: 'uni-1', accreditationId: 'acc-1', note: 'resolved' },
          metadata: { now: '2026-03-02T08:00:00Z' },
        },
      ])
      .thenMatch('uni-1', {
        accreditations: [
          expect.objectContaining({
            qaBodyId: 'nvao',
            qaBody: 'NVAO',
            status: 'active',
            history: [
              expect.objectContaining({ change: 'granted' }),
              expect.objectContaining({ change: 'suspended' }),
              { change: 'reinstated', at: '2026-03-02T08:00:00Z', note: 'resolved', effectiveAt: null },
            ],
          }),
        ],
      });
  });

  it('When the same accreditation is granted twice › keeps one', () => {
    given([registered, accredited('acc-1', '2026-01-02T08:00:00Z')])
      .when([accredited('acc-1', '2026-01-03T08:00:00Z')])
      .thenMatch('uni-1', { accreditations: [expect.objectContaining({ accreditationId: 'acc-1' })] });
  });

  it('When a suspension names no known issuer › creates nothing', () => {
    given([])
      .when([{ type: 'AccreditationSuspended', data: { issuerId: 'ghost', accreditationId: 'acc-9' } }])
      .thenDocuments({ ghost: null });
  });
});
