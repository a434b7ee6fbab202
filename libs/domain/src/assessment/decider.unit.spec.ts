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
});
