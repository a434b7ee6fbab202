import { commandsFor, DeciderSpecification } from '@credence/testing';
import { actingAs, credentialIssued, OTHER_ISSUER, qaBodyPrincipal } from '../test-fixtures';
import type { CredentialCommand } from './commands';
import { credentialDecider } from './decider';
import type { CredentialReinstated, CredentialRevoked, CredentialSuspended } from './events';

const given = DeciderSpecification.for(credentialDecider);
const command = commandsFor<CredentialCommand>(actingAs());
const ref = { credentialId: 'cred-1' };
const issued = credentialIssued();
const suspend = command('SuspendCredential', { ...ref, reason: 'under-investigation', note: 'complaint' });
const reinstate = command('ReinstateCredential', { ...ref, note: 'cleared' });
const revoke = command('RevokeCredential', { ...ref, reason: 'fraud' });
const suspended: CredentialSuspended = {
  type: 'CredentialSuspended',
  data: { ...ref, issuerId: 'uni-1', reason: 'under-investigation', note: 'complaint' },
};
const reinstated: CredentialReinstated = {
  type: 'CredentialReinstated',
  data: { ...ref, issuerId: 'uni-1', note: 'cleared' },
};
const revoked: CredentialRevoked = {
  type: 'CredentialRevoked',
  data: { ...ref, issuerId: 'uni-1', reason: 'fraud' },
};

describe('Credential decider: lifecycle', () => {
  describe('SuspendCredential', () => {
    it('suspends an active credential', () => given([issued]).when(suspend).then([suspended]));
    it('is a no-op when already suspended', () => given([issued, suspended]).when(suspend).thenNothing());
    it('refuses a revoked credential', () =>
      given([issued, revoked]).when(suspend).thenThrows('credential.revoked', 'conflict'));
    it('refuses an unknown credential', () =>
      given([]).when(suspend).thenThrows('credential.not-found', 'not-found'));
    it('refuses an unknown reason', () =>
      given([issued])
        .when(command('SuspendCredential', { ...ref, reason: 'fraud' as 'issuer-request' }))
        .thenThrows('credential.reason-unknown', 'invalid'));
    it("forbids an issuer suspending another issuer's credential", () =>
      given([issued])
        .when(command('SuspendCredential', { ...ref, reason: 'issuer-request' }, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
    it("lets a QA body suspend any issuer's credential", () =>
      given([issued])
        .when(
          command(
            'SuspendCredential',
            { ...ref, reason: 'under-investigation', note: 'complaint' },
            { principal: qaBodyPrincipal, issuerId: undefined },
          ),
        )
        .then([suspended]));
  });

  describe('ReinstateCredential', () => {
    it('reinstates a suspended credential', () =>
      given([issued, suspended]).when(reinstate).then([reinstated]));
    it('is a no-op when active', () => given([issued]).when(reinstate).thenNothing());
    it('is a no-op when active again after reinstatement', () =>
      given([issued, suspended, reinstated]).when(reinstate).thenNothing());
    it('refuses a revoked credential', () =>
      given([issued, suspended, revoked]).when(reinstate).thenThrows('credential.revoked', 'conflict'));
    it('refuses an unknown credential', () =>
      given([]).when(reinstate).thenThrows('credential.not-found', 'not-found'));
  });

  describe('RevokeCredential', () => {
    it('revokes an active credential', () => given([issued]).when(revoke).then([revoked]));
    it('revokes a suspended credential', () => given([issued, suspended]).when(revoke).then([revoked]));
    it('is a no-op when already revoked', () => given([issued, revoked]).when(revoke).thenNothing());
    it('refuses an unknown reason', () =>
      given([issued])
        .when(command('RevokeCredential', { ...ref, reason: 'under-investigation' as 'fraud' }))
        .thenThrows('credential.reason-unknown', 'invalid'));
    it('refuses an unknown credential', () =>
      given([]).when(revoke).thenThrows('credential.not-found', 'not-found'));
    it("forbids an issuer revoking another issuer's credential", () =>
      given([issued])
        .when(command('RevokeCredential', { ...ref, reason: 'fraud' }, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
    it("lets a QA body revoke any issuer's credential", () =>
      given([issued])
        .when(command('RevokeCredential', { ...ref, reason: 'fraud' }, { principal: qaBodyPrincipal }))
        .then([revoked]));
  });
});
