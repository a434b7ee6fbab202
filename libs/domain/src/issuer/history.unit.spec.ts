import { instantMs } from '../time';
import { type AccreditationHistory, accreditationStatusFrom } from './history';

/*
 * Given an accreditation granted on 1 January 2026 for 2026-2030, when asked whether the issuer was
 * accredited on a date as known then and as known now, then the lifecycle rules answer.
 */
const day = (mmdd: string) => `2026-${mmdd}T00:00:00Z`;
const granted: AccreditationHistory = {
  validFrom: day('01-01'),
  validUntil: '2030-01-01T00:00:00Z',
  grantedAt: day('01-01'),
  changes: [],
};
const given = (changes: AccreditationHistory['changes']) => ({
  at: (at: string, asOf = day('12-31')) =>
    accreditationStatusFrom({ ...granted, changes }, { atMs: instantMs(at), asOfMs: instantMs(asOf) }),
});

describe('accreditationStatusFrom: accredited on that date, as known then and as known now', () => {
  it('is in force inside its period, since validFrom', () =>
    expect(given([]).at(day('03-01'))).toEqual({
      status: 'active',
      inForce: true,
      effectiveAt: day('01-01'),
      recordedAt: day('01-01'),
    }));

  it('is expired after validUntil, and absent as known before the grant was recorded', () => {
    expect(given([]).at('2030-01-01T00:00:00Z', '2030-06-01T00:00:00Z').status).toBe('expired');
    expect(given([]).at(day('03-01'), '2025-12-31T00:00:00Z').status).toBe('absent');
  });

  describe('a withdrawal recorded on 1 June, effective 1 March', () => {
    const late = given([
      { change: 'withdrawn', recordedAt: day('06-01'), effectiveAt: day('03-01'), note: 'fraud' },
    ]);
    it('reads withdrawn on 15 March as known now', () =>
      expect(late.at(day('03-15'))).toMatchObject({
        status: 'withdrawn',
        inForce: false,
        effectiveAt: day('03-01'),
        recordedAt: day('06-01'),
        note: 'fraud',
      }));
    it('reads in force on 15 March as known on 31 May', () =>
      expect(late.at(day('03-15'), day('05-31'))).toMatchObject({ status: 'active', inForce: true }));
    it('reads in force before its effective date', () => expect(late.at(day('02-15')).inForce).toBe(true));
  });

  it('reads a suspension and its reinstatement as a window, legacy changes effective when recorded', () => {
    const window = given([
      { change: 'suspended', recordedAt: day('04-01') },
      { change: 'reinstated', recordedAt: day('04-10'), effectiveAt: null },
    ]);
    expect(window.at(day('04-05'))).toMatchObject({ status: 'suspended', inForce: false });
    expect(window.at(day('04-10'))).toMatchObject({ status: 'active', effectiveAt: day('04-10') });
  });
});
