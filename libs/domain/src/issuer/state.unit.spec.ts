import { fold } from '../core';
import { issuerAccredited, issuerRegistered } from '../test-fixtures';
import type { IssuerEvent } from './events';
import { accreditationCovering, evolveIssuer, initialIssuerState } from './state';

const stateOf = (...events: IssuerEvent[]) =>
  fold({ evolve: evolveIssuer, initialState: initialIssuerState }, events);
const ref = { issuerId: 'uni-1', accreditationId: 'acc-1' };
// acc-1 covers EQF 5 and 6 from 2024-01-01 (inclusive) to 2030-01-01 (exclusive).
const accredited = stateOf(issuerRegistered(), issuerAccredited());

describe('accreditationCovering', () => {
  it('finds the active accreditation whose scope and period cover the level and instant', () => {
    expect(accreditationCovering(accredited, 6, '2025-06-01T00:00:00Z')?.accreditationId).toBe('acc-1');
  });
  it('includes the first instant of the period', () => {
    expect(accreditationCovering(accredited, 5, '2024-01-01T00:00:00Z')?.accreditationId).toBe('acc-1');
  });
  it('excludes the end instant of the period', () => {
    expect(accreditationCovering(accredited, 5, '2030-01-01T00:00:00Z')).toBeUndefined();
  });
  it('excludes an instant before the period', () => {
    expect(accreditationCovering(accredited, 5, '2023-12-31T23:59:59Z')).toBeUndefined();
  });
  it('excludes a level outside the scope', () => {
    expect(accreditationCovering(accredited, 7, '2025-06-01T00:00:00Z')).toBeUndefined();
  });
  it.each([
    ['suspended', { type: 'AccreditationSuspended', data: ref }],
    ['withdrawn', { type: 'AccreditationWithdrawn', data: ref }],
  ] as const)('excludes a %s accreditation', (_, event) => {
    expect(
      accreditationCovering(
        stateOf(issuerRegistered(), issuerAccredited(), event),
        6,
        '2025-06-01T00:00:00Z',
      ),
    ).toBeUndefined();
  });
  it('falls through to another accreditation that still covers', () => {
    const state = stateOf(
      issuerRegistered(),
      issuerAccredited(),
      issuerAccredited({ accreditationId: 'acc-2', scope: { eqfLevels: [6, 7] } }),
      { type: 'AccreditationWithdrawn', data: ref },
    );
    expect(accreditationCovering(state, 6, '2025-06-01T00:00:00Z')?.accreditationId).toBe('acc-2');
  });
  it('finds nothing for an unregistered issuer', () => {
    expect(accreditationCovering(initialIssuerState(), 6, '2025-06-01T00:00:00Z')).toBeUndefined();
  });
});
