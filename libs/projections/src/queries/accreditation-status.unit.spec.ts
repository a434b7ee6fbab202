import { erase } from '../projection';
import { type IssuerDoc, issuersProjection } from '../projections/issuers';
import { evolveDocuments } from '../projector/evolve-documents';
import { type GivenEvent, recorded } from '../testing/projection-spec';
import { accreditationStatusAt } from './accreditation-status';

const ms = (instant: string) => Date.parse(instant);
const given = (...events: GivenEvent[]) => {
  const docs = evolveDocuments(erase(issuersProjection), new Map(), recorded(events));
  return (docs.get('uni-1') as IssuerDoc).accreditations[0];
};
const ids = { issuerId: 'uni-1', accreditationId: 'acc-1' };

// Granted on 2 January 2026 (valid from 1 January); withdrawn on 1 June, effective 1 March.
const record = given(
  {
    type: 'IssuerRegistered',
    data: { issuerId: 'uni-1', legalName: 'HU', country: 'NL', registrationId: 'K' },
  },
  {
    type: 'IssuerAccredited',
    data: {
      ...ids,
      qaBodyId: 'nvao',
      qaBody: 'NVAO',
      scope: { eqfLevels: [6] },
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
    },
    metadata: { now: '2026-01-02T00:00:00Z' },
  },
  {
    type: 'AccreditationWithdrawn',
    data: { ...ids, note: 'fraud', effectiveAt: '2026-03-01T00:00:00Z' },
    metadata: { now: '2026-06-01T00:00:00Z' },
  },
);

describe('an accreditation from the issuers read model, at (at, asOf)', () => {
  it('keeps the effective date the withdrawal recorded', () =>
    expect(record.history[1]).toMatchObject({ change: 'withdrawn', effectiveAt: '2026-03-01T00:00:00Z' }));

  it('reads withdrawn on 15 March as known now', () =>
    expect(
      accreditationStatusAt(record, { atMs: ms('2026-03-15T00:00:00Z'), asOfMs: ms('2026-12-01T00:00:00Z') }),
    ).toEqual({
      accreditationId: 'acc-1',
      qaBody: 'NVAO',
      status: 'withdrawn',
      inForce: false,
      effectiveAt: '2026-03-01T00:00:00Z',
      recordedAt: '2026-06-01T00:00:00Z',
      note: 'fraud',
    }));

  it('reads in force on 15 March as known on 31 May, since the grant', () =>
    expect(
      accreditationStatusAt(record, { atMs: ms('2026-03-15T00:00:00Z'), asOfMs: ms('2026-05-31T00:00:00Z') }),
    ).toMatchObject({ status: 'active', inForce: true, recordedAt: '2026-01-02T00:00:00Z' }));

  it('reads absent as known before the grant was recorded', () =>
    expect(
      accreditationStatusAt(record, { atMs: ms('2026-01-01T12:00:00Z'), asOfMs: ms('2026-01-01T12:00:00Z') })
        .status,
    ).toBe('absent'));
});
