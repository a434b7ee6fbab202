import { fold } from '../core';
import { credentialIssued } from '../test-fixtures';
import { credentialDecider } from './decider';
import type { CredentialEvent } from './events';
import { credentialStatusAt, type IssuedCredentialState } from './state';

const ref = { credentialId: 'cred-1', issuerId: 'uni-1' };
const stateOf = (...events: CredentialEvent[]) => fold(credentialDecider, events) as IssuedCredentialState;
// Valid from 2025-01-01 (inclusive) until 2026-01-01 (exclusive).
const issued = credentialIssued({ validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' });
const suspended: CredentialEvent = {
  type: 'CredentialSuspended',
  data: { ...ref, reason: 'issuer-request' },
};
const revoked: CredentialEvent = { type: 'CredentialRevoked', data: { ...ref, reason: 'issued-in-error' } };
const reinstated: CredentialEvent = { type: 'CredentialReinstated', data: ref };

describe('credentialStatusAt', () => {
  it.each([
    ['active inside the period', '2025-06-01T00:00:00Z', 'active'],
    ['active at the first instant', '2025-01-01T00:00:00Z', 'active'],
    ['not yet valid before validFrom', '2024-12-31T23:59:59Z', 'not-yet-valid'],
    ['expired at validUntil', '2026-01-01T00:00:00Z', 'expired'],
    ['expired after validUntil', '2027-01-01T00:00:00Z', 'expired'],
  ])('is %s', (_, instant, status) => {
    expect(credentialStatusAt(stateOf(issued), instant)).toEqual({ status });
  });
  it('never expires without validUntil', () => {
    const { validUntil: _v, ...open } = issued.data;
    expect(
      credentialStatusAt(stateOf({ type: 'CredentialIssued', data: open }), '2099-01-01T00:00:00Z'),
    ).toEqual({
      status: 'active',
    });
  });
  it('is suspended with its reason', () => {
    expect(credentialStatusAt(stateOf(issued, suspended), '2025-06-01T00:00:00Z')).toEqual({
      status: 'suspended',
      reason: 'issuer-request',
    });
  });
  it('is revoked with its reason, even after it would have expired', () => {
    expect(credentialStatusAt(stateOf(issued, suspended, revoked), '2027-01-01T00:00:00Z')).toEqual({
      status: 'revoked',
      reason: 'issued-in-error',
    });
  });
  it('is active again once reinstated, with the suspension forgotten', () => {
    const state = stateOf(issued, suspended, reinstated);
    expect(credentialStatusAt(state, '2025-06-01T00:00:00Z')).toEqual({ status: 'active' });
    expect(state).not.toHaveProperty('reason');
  });
});
