import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { fold } from '../core';
import { issuerDecider } from '../issuer/decider';
import { actingAs, credentialIssued, issuerAccredited, issuerRegistered } from '../test-fixtures';
import type { CredentialCommand } from './commands';
import { credentialDecider } from './decider';
import type { CredentialSuspended } from './events';

const given = DeciderSpecification.for(credentialDecider);
const command = commandsFor<CredentialCommand>(actingAs());
const ref = {
  credentialId: 'cred-1',
  context: { issuer: fold(issuerDecider, [issuerRegistered(), issuerAccredited()]) },
};
const ids = { credentialId: 'cred-1', issuerId: 'uni-1' };
// Valid from 2025-05-21; the commands are accepted at FIXED_NOW, 2025-06-01T12:00Z.
const issued = credentialIssued();
const suspendedOn = (effectiveAt: string): CredentialSuspended => ({
  type: 'CredentialSuspended',
  data: { ...ids, reason: 'under-investigation', effectiveAt },
});
const revokeAt = (effectiveAt: string, reason: 'fraud' | 'issuer-request' = 'fraud') =>
  command('RevokeCredential', { ...ref, reason, effectiveAt });

describe('Credential decider: effective dates', () => {
  it('records the recording time as effectiveAt when none is given', () =>
    given([issued])
      .when(command('RevokeCredential', { ...ref, reason: 'issuer-request' }))
      .then([
        { type: 'CredentialRevoked', data: { ...ids, reason: 'issuer-request', effectiveAt: FIXED_NOW } },
      ]));

  it('records an earlier effectiveAt as given', () =>
    given([issued])
      .when(revokeAt('2025-05-25T00:00:00Z'))
      .then([
        { type: 'CredentialRevoked', data: { ...ids, reason: 'fraud', effectiveAt: '2025-05-25T00:00:00Z' } },
      ]));

  it('resolves ab-initio to validFrom and flags it', () =>
    given([issued])
      .when(revokeAt('ab-initio'))
      .then([
        {
          type: 'CredentialRevoked',
          data: { ...ids, reason: 'fraud', effectiveAt: '2025-05-21T00:00:00Z', abInitio: true },
        },
      ]));

  it.each(['issued-in-error', 'assessment-annulled'] as const)('allows ab-initio for %s', (reason) =>
    given([issued])
      .when(command('RevokeCredential', { ...ref, reason, effectiveAt: 'ab-initio' }))
      .then([
        {
          type: 'CredentialRevoked',
          data: { ...ids, reason, effectiveAt: issued.data.validFrom, abInitio: true },
        },
      ]),
  );

  it('refuses ab-initio for a reason that does not allow it, naming the field', () =>
    given([issued])
      .when(revokeAt('ab-initio', 'issuer-request'))
      .thenThrows('credential.ab-initio-not-allowed', 'invalid'));

  it('refuses ab-initio on a suspension', () =>
    given([issued])
      .when(command('SuspendCredential', { ...ref, reason: 'under-investigation', effectiveAt: 'ab-initio' }))
      .thenThrows('credential.ab-initio-not-allowed', 'invalid'));

  it('refuses an effectiveAt in the future', () =>
    given([issued])
      .when(revokeAt('2025-06-01T12:00:01Z'))
      .thenThrows('credential.effective-in-future', 'invalid'));

  it("refuses an effectiveAt before the credential's validFrom", () =>
    given([issued])
      .when(revokeAt('2025-05-20T23:59:59Z'))
      .thenThrows('credential.effective-before-valid-from', 'invalid'));

  it('refuses an effectiveAt that is not an RFC 3339 instant', () =>
    given([issued]).when(revokeAt('2025-05-32')).thenThrows('time.invalid-instant', 'invalid'));

  it('records a backdated suspension', () =>
    given([issued])
      .when(
        command('SuspendCredential', {
          ...ref,
          reason: 'under-investigation',
          effectiveAt: '2025-05-22T00:00:00Z',
        }),
      )
      .then([suspendedOn('2025-05-22T00:00:00Z')]));

  it('ends a suspension at the reinstatement’s own effectiveAt', () =>
    given([issued, suspendedOn('2025-05-22T00:00:00Z')])
      .when(command('ReinstateCredential', { ...ref, effectiveAt: '2025-05-30T00:00:00Z' }))
      .then([{ type: 'CredentialReinstated', data: { ...ids, effectiveAt: '2025-05-30T00:00:00Z' } }]));

  it('refuses a reinstatement effective before its suspension', () =>
    given([issued, suspendedOn('2025-05-22T00:00:00Z')])
      .when(command('ReinstateCredential', { ...ref, effectiveAt: '2025-05-21T12:00:00Z' }))
      .thenThrows('credential.reinstated-before-suspended', 'invalid'));

  it('keeps a repeat a no-op, whatever its effectiveAt', () =>
    given([issued, suspendedOn('2025-05-22T00:00:00Z')])
      .when(
        command('SuspendCredential', {
          ...ref,
          reason: 'under-investigation',
          effectiveAt: '2025-05-23T00:00:00Z',
        }),
      )
      .thenNothing());
});
