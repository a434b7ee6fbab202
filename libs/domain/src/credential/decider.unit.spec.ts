import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { fold } from '../core';
import { issuerDecider } from '../issuer/decider';
import {
  actingAs,
  actingForQaBody,
  credentialIssued,
  issuerAccredited,
  issuerRegistered,
  OTHER_ISSUER,
  OTHER_QA_BODY,
} from '../test-fixtures';
import type { CredentialCommand } from './commands';
import { credentialDecider } from './decider';
import type { CredentialReinstated, CredentialRevoked, CredentialSuspended } from './events';

const given = DeciderSpecification.for(credentialDecider);
const command = commandsFor<CredentialCommand>(actingAs());
const accreditedIssuer = fold(issuerDecider, [issuerRegistered(), issuerAccredited()]);
/** The credential's issuer, as the catalogue resolves it from the credential's state. */
const ref = { credentialId: 'cred-1', context: { issuer: accreditedIssuer } };
const issued = credentialIssued();
const suspend = command('SuspendCredential', { ...ref, reason: 'under-investigation', note: 'complaint' });
const reinstate = command('ReinstateCredential', { ...ref, note: 'cleared' });
const revoke = command('RevokeCredential', { ...ref, reason: 'fraud' });
const suspended: CredentialSuspended = {
  type: 'CredentialSuspended',
  data: {
    credentialId: 'cred-1',
    issuerId: 'uni-1',
    reason: 'under-investigation',
    note: 'complaint',
    effectiveAt: FIXED_NOW,
  },
};
const reinstated: CredentialReinstated = {
  type: 'CredentialReinstated',
  data: { credentialId: 'cred-1', issuerId: 'uni-1', note: 'cleared', effectiveAt: FIXED_NOW },
};
const revoked: CredentialRevoked = {
  type: 'CredentialRevoked',
  data: { credentialId: 'cred-1', issuerId: 'uni-1', reason: 'fraud', effectiveAt: FIXED_NOW },
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
    const qaSuspend = (metadata = actingForQaBody()) =>
      command('SuspendCredential', { ...ref, reason: 'under-investigation', note: 'complaint' }, metadata);
    it('lets a QA body suspend a credential of an issuer it accredits', () =>
      given([issued]).when(qaSuspend()).then([suspended]));
    it('lets a QA body suspend when its accreditation of the issuer was withdrawn (it has accredited)', () => {
      const withdrawn = fold(issuerDecider, [
        issuerRegistered(),
        issuerAccredited(),
        { type: 'AccreditationWithdrawn', data: { issuerId: 'uni-1', accreditationId: 'acc-1' } },
      ]);
      given([issued])
        .when(
          command(
            'SuspendCredential',
            { ...ref, context: { issuer: withdrawn }, reason: 'under-investigation', note: 'complaint' },
            actingForQaBody(),
          ),
        )
        .then([suspended]);
    });
    it('forbids a QA body that never accredited the issuer (finding 5)', () =>
      given([issued])
        .when(qaSuspend(actingForQaBody(OTHER_QA_BODY)))
        .thenThrows('qa-body.not-accrediting', 'forbidden'));
    it('refuses an issuer context for another issuer (a wiring fault)', () =>
      given([issued])
        .when(
          command('SuspendCredential', {
            ...ref,
            context: { issuer: fold(issuerDecider, [issuerRegistered(OTHER_ISSUER)]) },
            reason: 'issuer-request',
          }),
        )
        .thenThrows('command.context-mismatch', 'invalid'));
  });

  describe('ReinstateCredential', () => {
    it('lets a QA body reinstate a credential of an issuer it accredits', () =>
      given([issued, suspended])
        .when(command('ReinstateCredential', { ...ref, note: 'cleared' }, actingForQaBody()))
        .then([reinstated]));
    it('forbids a QA body that never accredited the issuer', () =>
      given([issued, suspended])
        .when(command('ReinstateCredential', ref, actingForQaBody(OTHER_QA_BODY)))
        .thenThrows('qa-body.not-accrediting', 'forbidden'));
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
    it("forbids a QA body revoking, even for an issuer it accredits: revocation is the awarding body's act (finding 5)", () =>
      given([issued])
        .when(command('RevokeCredential', { ...ref, reason: 'fraud' }, actingForQaBody()))
        .thenThrows('credential.revocation-by-awarding-body', 'forbidden'));
    it('lets the system revoke (the annulment cascade)', () =>
      given([issued])
        .when(
          command(
            'RevokeCredential',
            { ...ref, reason: 'fraud' },
            { principal: { id: 'system:x', role: 'admin' }, issuerId: undefined },
          ),
        )
        .then([revoked]));
  });
});
