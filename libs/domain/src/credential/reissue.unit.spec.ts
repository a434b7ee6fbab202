import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { assessmentDecider } from '../assessment/decider';
import { fold } from '../core';
import { issuerDecider } from '../issuer/decider';
import { specificationDecider } from '../specification/decider';
import {
  actingAs,
  assessmentRecorded,
  credentialIssued,
  issuerAccredited,
  issuerRegistered,
  OTHER_ISSUER,
  specificationPublished,
} from '../test-fixtures';
import type { IssueCredential } from './commands';
import { credentialDecider } from './decider';
import type { CredentialEvent } from './events';

const given = DeciderSpecification.for(credentialDecider);
const command = commandsFor<IssueCredential>(actingAs());
const issuer = fold(issuerDecider, [issuerRegistered(), issuerAccredited()]);
const published = fold(specificationDecider, [specificationPublished()]);
const retired = fold(specificationDecider, [
  specificationPublished(),
  { type: 'SpecificationRetired', data: { specificationId: 'spec-1', issuerId: 'uni-1' } },
]);
const passed = fold(assessmentDecider, [assessmentRecorded()]);

/** The credential being corrected: first awarded on 21 May, with a validity that was wrong. */
const original = credentialIssued({
  learner: assessmentRecorded().data.learner,
  awardedDate: '2025-05-21T00:00:00.000Z',
  validUntil: '2025-06-02T00:00:00Z',
});
const old = (...later: CredentialEvent[]) => fold(credentialDecider, [original, ...later]);

type Data = IssueCredential['data'];
const reissue = (change: Partial<Data> = {}, context: Partial<Data['context']> = {}) =>
  command('IssueCredential', {
    credentialId: 'cred-2',
    supersedes: 'cred-1',
    reissueNote: 'corrected validity',
    specificationId: 'spec-1',
    learnerId: 'learner-1',
    assessmentIds: ['asmt-1'],
    validFrom: '2025-05-21T00:00:00Z',
    validUntil: '2030-05-21T00:00:00Z',
    ...change,
    context: { specification: published, assessments: [passed], issuer, superseded: old(), ...context },
  });

const reissued = credentialIssued({
  credentialId: 'cred-2',
  learner: assessmentRecorded().data.learner,
  issuedAt: FIXED_NOW,
  validUntil: '2030-05-21T00:00:00Z',
  supersedes: 'cred-1',
  reissueNote: 'corrected validity',
  awardedDate: '2025-05-21T00:00:00.000Z',
  grade: 'A',
  specificationVersion: 1,
  accreditation: {
    accreditationId: 'acc-1',
    qaBodyId: 'nvao',
    qaBody: 'NVAO',
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
  },
});

describe('Credential decider: a re-issue (IssueCredential with supersedes)', () => {
  it('issues the correction, keeping the original awardedDate and naming what it supersedes', () =>
    given([]).when(reissue()).then([reissued]));

  it('takes the original issuance time as awardedDate when the original predates awardedDate', () => {
    const { awardedDate: _a, ...legacy } = original.data;
    given([])
      .when(reissue({}, { superseded: fold(credentialDecider, [{ ...original, data: legacy }]) }))
      .then([credentialIssued({ ...reissued.data, awardedDate: original.data.issuedAt })]);
  });

  it('corrects a suspended credential too', () =>
    given([])
      .when(
        reissue(
          {},
          {
            superseded: old({
              type: 'CredentialSuspended',
              data: { credentialId: 'cred-1', issuerId: 'uni-1', reason: 'under-investigation' },
            }),
          },
        ),
      )
      .then([reissued]));

  it('re-issues under a retired specification', () =>
    given([])
      .when(reissue({}, { specification: retired }))
      .then([reissued]));

  it('is a no-op when repeated on the same terms, and a conflict on other terms', () => {
    given([reissued]).when(reissue()).thenNothing();
    given([reissued])
      .when(reissue({ validUntil: '2031-01-01T00:00:00Z' }))
      .thenThrows('credential.already-issued', 'conflict');
  });

  it('refuses to supersede a revoked credential: revocation is final', () =>
    given([])
      .when(
        reissue(
          {},
          {
            superseded: old({
              type: 'CredentialRevoked',
              data: { credentialId: 'cred-1', issuerId: 'uni-1', reason: 'fraud' },
            }),
          },
        ),
      )
      .thenThrows('credential.revoked', 'conflict'));

  it('refuses an unknown credential to supersede', () =>
    given([])
      .when(reissue({}, { superseded: { status: 'absent' } }))
      .thenThrows('credential.not-found', 'not-found'));

  it('keeps learner, specification and assessments: anything else is another credential', () =>
    given([])
      .when(reissue({ learnerId: 'learner-2' }))
      .thenThrows('credential.reissue-mismatch', 'conflict', { supersedes: 'cred-1' }));

  it("forbids re-issuing another issuer's credential", () =>
    given([])
      .when(
        reissue({}, { superseded: fold(credentialDecider, [credentialIssued({ issuerId: OTHER_ISSUER })]) }),
      )
      .thenThrows('issuer.not-owner', 'forbidden'));
});

describe('Credential decider: revocation by a re-issue', () => {
  const revoke =
    commandsFor<Extract<Parameters<typeof credentialDecider.decide>[0], { type: 'RevokeCredential' }>>(
      actingAs(),
    );
  const context = { issuer };
  it('records the replacement on the revocation', () =>
    given([original])
      .when(
        revoke('RevokeCredential', {
          credentialId: 'cred-1',
          reason: 'superseded',
          supersededBy: 'cred-2',
          context,
        }),
      )
      .then([
        {
          type: 'CredentialRevoked',
          data: {
            credentialId: 'cred-1',
            issuerId: 'uni-1',
            reason: 'superseded',
            supersededBy: 'cred-2',
            // A correction supersedes from the time it is recorded.
            effectiveAt: FIXED_NOW,
          },
        },
      ]));
  it('names a replacement only for reason superseded', () =>
    given([original])
      .when(
        revoke('RevokeCredential', {
          credentialId: 'cred-1',
          reason: 'fraud',
          supersededBy: 'cred-2',
          context,
        }),
      )
      .thenThrows('credential.superseded-reason', 'invalid'));
});
