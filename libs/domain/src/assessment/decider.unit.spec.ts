import { commandsFor, DeciderSpecification } from '@credence/testing';
import { fold } from '../core';
import { specificationDecider } from '../specification/decider';
import type { SpecificationEvent } from '../specification/events';
import { actingAs, assessmentRecorded, OTHER_ISSUER, specificationPublished } from '../test-fixtures';
import type { AssessmentCommand } from './commands';
import { assessmentDecider } from './decider';

const given = DeciderSpecification.for(assessmentDecider);
const command = commandsFor<AssessmentCommand>(actingAs());
const specification = (...events: SpecificationEvent[]) => fold(specificationDecider, events);
const published = specification(specificationPublished());
const recorded = assessmentRecorded();
const { issuerId: _issuerId, ...facts } = recorded.data;
const recordAgainst = (spec = published, change: Partial<typeof facts> = {}, metadata = {}) =>
  command('RecordAssessment', { ...facts, ...change, context: { specification: spec } }, metadata);
const annul = command('AnnulAssessment', { assessmentId: 'asmt-1', note: 'proctor misconduct' });
const annulled = {
  type: 'AssessmentAnnulled',
  data: { assessmentId: 'asmt-1', issuerId: 'uni-1', note: 'proctor misconduct' },
} as const;

describe('Assessment decider', () => {
  describe('RecordAssessment', () => {
    it('records against a published spec of the acting issuer', () =>
      given([]).when(recordAgainst()).then([recorded]));
    it('is a no-op when recorded again with the same facts', () =>
      given([recorded]).when(recordAgainst()).thenNothing());
    it('refuses other facts for a recorded assessment', () =>
      given([recorded])
        .when(recordAgainst(published, { result: { outcome: 'fail' } }))
        .thenThrows('assessment.already-recorded', 'conflict'));
    it('refuses to re-record an annulled assessment', () =>
      given([recorded, annulled]).when(recordAgainst()).thenThrows('assessment.annulled', 'conflict'));
    it('refuses an unknown spec', () =>
      given([]).when(recordAgainst(specification())).thenThrows('specification.not-found', 'not-found'));
    it('refuses a retired spec', () =>
      given([])
        .when(
          recordAgainst(
            specification(specificationPublished(), {
              type: 'SpecificationRetired',
              data: { specificationId: 'spec-1', issuerId: 'uni-1' },
            }),
          ),
        )
        .thenThrows('specification.retired', 'conflict'));
    it("forbids assessing against another issuer's spec", () =>
      given([])
        .when(recordAgainst(specification(specificationPublished({ issuerId: OTHER_ISSUER }))))
        .thenThrows('issuer.not-owner', 'forbidden'));
    it('refuses a spec context for another spec', () =>
      given([])
        .when(recordAgainst(published, { specificationId: 'spec-9' }))
        .thenThrows('command.context-mismatch', 'invalid'));
    it.each([
      ['no learner id', { learner: { id: '' } }, 'assessment.learner-required'],
      ['an unknown outcome', { result: { outcome: 'merit' as 'pass' } }, 'assessment.outcome-invalid'],
      ['a malformed assessedAt', { assessedAt: 'last Tuesday' }, 'time.invalid-instant'],
    ])('refuses %s', (_, change, code) =>
      given([]).when(recordAgainst(published, change)).thenThrows(code, 'invalid'),
    );
  });

  describe('AnnulAssessment', () => {
    it('annuls a recorded assessment', () => given([recorded]).when(annul).then([annulled]));
    it('is a no-op when already annulled', () => given([recorded, annulled]).when(annul).thenNothing());
    it('refuses an unknown assessment', () =>
      given([]).when(annul).thenThrows('assessment.not-found', 'not-found'));
    it("forbids annulling another issuer's assessment", () =>
      given([recorded])
        .when(command('AnnulAssessment', { assessmentId: 'asmt-1' }, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden'));
    it('lets a QA body annul', () =>
      given([recorded])
        .when(
          command(
            'AnnulAssessment',
            { assessmentId: 'asmt-1', note: 'proctor misconduct' },
            {
              principal: { id: 'qa-1', role: 'qa-body' },
            },
          ),
        )
        .then([annulled]));
  });

  describe('CredentialAssessment: one assessment, one credential (finding 1)', () => {
    const issuance = {
      commandId: 'cmd-1',
      specificationId: 'spec-1',
      learnerId: 'learner-1',
      assessmentIds: ['asmt-1'],
      validFrom: '2025-06-01T00:00:00Z',
    };
    const reserve = (credentialId: string) =>
      command('CredentialAssessment', { assessmentId: 'asmt-1', credentialId, issuance });
    const credentialed = (credentialId: string) =>
      ({
        type: 'AssessmentCredentialed',
        data: { assessmentId: 'asmt-1', issuerId: 'uni-1', credentialId, issuance },
      }) as const;
    const released = (credentialId: string) =>
      ({
        type: 'AssessmentCredentialReleased',
        data: { assessmentId: 'asmt-1', issuerId: 'uni-1', credentialId },
      }) as const;

    it('reserves a recorded assessment for a credential', () =>
      given([recorded])
        .when(reserve('cred-1'))
        .then([credentialed('cred-1')]));
    it('is a no-op when reserved for the same credential (a retry)', () =>
      given([recorded, credentialed('cred-1')])
        .when(reserve('cred-1'))
        .thenNothing());
    it('refuses a second credential, naming the one it backs', () =>
      given([recorded, credentialed('cred-1')])
        .when(reserve('cred-2'))
        .thenThrows('assessment.already-credentialed', 'conflict', {
          assessmentId: 'asmt-1',
          credentialId: 'cred-1',
        }));
    it('reserves again once the reservation is released', () =>
      given([recorded, credentialed('cred-1'), released('cred-1')])
        .when(reserve('cred-2'))
        .then([credentialed('cred-2')]));
    it('hands the reservation over to a re-issue of the credential it backs, and to no other', () => {
      const reissue = { ...issuance, commandId: 'cmd-2', supersedes: 'cred-1' };
      const takeOver = (credentialId: string) =>
        command('CredentialAssessment', { assessmentId: 'asmt-1', credentialId, issuance: reissue });
      given([recorded, credentialed('cred-1')])
        .when(takeOver('cred-2'))
        .then([
          {
            type: 'AssessmentCredentialed',
            data: { assessmentId: 'asmt-1', issuerId: 'uni-1', credentialId: 'cred-2', issuance: reissue },
          },
        ]);
      given([recorded, credentialed('cred-3')])
        .when(takeOver('cred-2'))
        .thenThrows('assessment.already-credentialed', 'conflict', { credentialId: 'cred-3' });
    });
    it('refuses an annulled assessment', () =>
      given([recorded, annulled]).when(reserve('cred-1')).thenThrows('assessment.annulled', 'conflict'));
    it('refuses an unknown assessment', () =>
      given([]).when(reserve('cred-1')).thenThrows('assessment.not-found', 'not-found'));
    it("forbids reserving another issuer's assessment", () =>
      given([recorded])
        .when(
          command(
            'CredentialAssessment',
            { assessmentId: 'asmt-1', credentialId: 'c', issuance },
            actingAs(OTHER_ISSUER),
          ),
        )
        .thenThrows('issuer.not-owner', 'forbidden'));
    it('releases only its own reservation', () => {
      given([recorded, credentialed('cred-1')])
        .when(command('ReleaseAssessment', { assessmentId: 'asmt-1', credentialId: 'cred-1' }))
        .then([released('cred-1')]);
      given([recorded, credentialed('cred-1')])
        .when(command('ReleaseAssessment', { assessmentId: 'asmt-1', credentialId: 'cred-2' }))
        .thenNothing();
    });
    it('still re-records the same facts after the assessment was credentialed', () =>
      given([recorded, credentialed('cred-1')])
        .when(recordAgainst())
        .thenNothing());
  });
});
