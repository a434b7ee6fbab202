import { commandsFor, DeciderSpecification, FIXED_NOW } from '@credence/testing';
import { assessmentDecider } from '../assessment/decider';
import type { AssessmentEvent } from '../assessment/events';
import { fold } from '../core';
import { issuerDecider } from '../issuer/decider';
import { specificationDecider } from '../specification/decider';
import type { SpecificationEvent } from '../specification/events';
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

const given = DeciderSpecification.for(credentialDecider);
const command = commandsFor<IssueCredential>(actingAs());
const issuer = fold(issuerDecider, [issuerRegistered(), issuerAccredited()]);
const spec = (...events: SpecificationEvent[]) => fold(specificationDecider, events);
const assessment = (...events: AssessmentEvent[]) => fold(assessmentDecider, events);
const passed = assessment(assessmentRecorded());
const annulment = {
  type: 'AssessmentAnnulled',
  data: { assessmentId: 'asmt-1', issuerId: 'uni-1' },
} as const;

type Data = IssueCredential['data'];
type Context = Data['context'];
const issueWith = (
  change: Partial<Omit<Data, 'context'>> = {},
  context: Partial<Context> = {},
  metadata = {},
) =>
  command(
    'IssueCredential',
    {
      credentialId: 'cred-1',
      specificationId: 'spec-1',
      learnerId: 'learner-1',
      assessmentIds: ['asmt-1'],
      validFrom: '2025-06-01T00:00:00Z',
      ...change,
      context: {
        specification: spec(specificationPublished()),
        assessments: [passed],
        issuer,
        superseded: { status: 'absent' },
        ...context,
      },
    },
    metadata,
  );
const issued = credentialIssued({
  learner: assessmentRecorded().data.learner,
  issuedAt: FIXED_NOW,
  validFrom: '2025-06-01T00:00:00Z',
  awardedDate: FIXED_NOW,
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

describe('Credential decider: IssueCredential', () => {
  it('issues from a passed assessment, copying learner, ECTS, EQF level and the covering accreditation', () =>
    given([]).when(issueWith()).then([issued]));
  it('derives validUntil from the spec credentialValidity', () =>
    given([])
      .when(issueWith({}, { specification: spec(specificationPublished({ credentialValidity: 'P6M' })) }))
      .then([credentialIssued({ ...issued.data, validUntil: '2025-12-01T00:00:00.000Z' })]));
  it('keeps an explicit validUntil over the spec validity', () =>
    given([])
      .when(
        issueWith(
          { validUntil: '2026-01-01T00:00:00Z' },
          { specification: spec(specificationPublished({ credentialValidity: 'P5Y' })) },
        ),
      )
      .then([credentialIssued({ ...issued.data, validUntil: '2026-01-01T00:00:00Z' })]));
  it('issues without accreditation when none covers the level (requiring one is a rules question)', () => {
    const { accreditation: _a, ...rest } = issued.data;
    given([])
      .when(issueWith({}, { issuer: fold(issuerDecider, [issuerRegistered()]) }))
      .then([{ type: 'CredentialIssued', data: rest }]);
  });
  it('records an all-levels accreditation (eqfLevels omitted) for a specification without EQF level (finding 7)', () => {
    const { eqfLevel: _l, ...noLevel } = specificationPublished().data;
    const allLevels = fold(issuerDecider, [
      issuerRegistered(),
      issuerAccredited(),
      issuerAccredited({ accreditationId: 'acc-all', scope: {} }),
    ]);
    const { eqfLevel: _e, ...rest } = issued.data;
    given([])
      .when(
        issueWith(
          {},
          { specification: spec({ type: 'SpecificationPublished', data: noLevel }), issuer: allLevels },
        ),
      )
      .then([
        {
          type: 'CredentialIssued',
          data: { ...rest, accreditation: { ...issued.data.accreditation!, accreditationId: 'acc-all' } },
        },
      ]);
  });
  it('a level-scoped accreditation does not cover a specification without EQF level (finding 7)', () => {
    const { eqfLevel: _l, ...noLevel } = specificationPublished().data;
    const { eqfLevel: _e, accreditation: _a, ...rest } = issued.data;
    given([])
      .when(issueWith({}, { specification: spec({ type: 'SpecificationPublished', data: noLevel }) }))
      .then([{ type: 'CredentialIssued', data: rest }]);
  });
  it('issues from several assessments when every one is a pass of this learner and specification', () =>
    given([])
      .when(
        issueWith(
          { assessmentIds: ['asmt-0', 'asmt-1'] },
          { assessments: [assessment(assessmentRecorded({ assessmentId: 'asmt-0' })), passed] },
        ),
      )
      .then([credentialIssued({ ...issued.data, assessmentIds: ['asmt-0', 'asmt-1'] })]));
  it("refuses a credential that also cites another learner's passed assessment (finding 2)", () =>
    given([])
      .when(
        issueWith(
          { assessmentIds: ['asmt-1', 'asmt-2'] },
          {
            assessments: [
              passed,
              assessment(assessmentRecorded({ assessmentId: 'asmt-2', learner: { id: 'learner-2' } })),
            ],
          },
        ),
      )
      .thenThrows('credential.assessment-mismatch', 'conflict', {
        assessmentIds: ['asmt-2'],
        assessments: [{ assessmentId: 'asmt-2', reasons: ['learner-mismatch'] }],
      }));
  it('is a no-op when already issued on the same terms', () =>
    given([issued])
      .when(issueWith({}, {}, { now: '2025-06-02T00:00:00Z' }))
      .thenNothing());
  it('refuses other terms for an issued credential', () =>
    given([issued])
      .when(issueWith({ learnerId: 'learner-2' }))
      .thenThrows('credential.already-issued', 'conflict'));
  it('issues under a retired spec: its assessments all predate the retirement; the grace period is the rules’', () =>
    given([])
      .when(
        issueWith(
          {},
          {
            specification: spec(specificationPublished(), {
              type: 'SpecificationRetired',
              data: { specificationId: 'spec-1', issuerId: 'uni-1', retiredAt: '2025-05-30T00:00:00Z' },
            }),
          },
        ),
      )
      .then([issued]));
  it('refuses an unknown spec', () =>
    given([])
      .when(issueWith({}, { specification: spec() }))
      .thenThrows('specification.not-found', 'not-found'));
  it("forbids issuing from another issuer's spec", () =>
    given([])
      .when(issueWith({}, { specification: spec(specificationPublished({ issuerId: OTHER_ISSUER })) }))
      .thenThrows('issuer.not-owner', 'forbidden'));
  it('refuses an unregistered issuer', () =>
    given([])
      .when(issueWith({}, { issuer: { status: 'unregistered' } }))
      .thenThrows('issuer.not-found', 'not-found'));
  it('refuses an unknown assessment, naming it', () =>
    given([])
      .when(issueWith({ assessmentIds: ['asmt-1', 'asmt-9'] }))
      .thenThrows('assessment.not-found', 'not-found', { assessmentIds: ['asmt-9'] }));
  it('refuses an empty assessment list', () =>
    given([])
      .when(issueWith({ assessmentIds: [] }))
      .thenThrows('credential.assessments-required', 'invalid'));
  it('refuses when any cited assessment does not qualify, naming each and saying why', () =>
    given([])
      .when(
        issueWith(
          { assessmentIds: ['asmt-1', 'asmt-2', 'asmt-3', 'asmt-4'] },
          {
            assessments: [
              assessment(assessmentRecorded(), annulment),
              assessment(assessmentRecorded({ assessmentId: 'asmt-2', result: { outcome: 'fail' } })),
              assessment(assessmentRecorded({ assessmentId: 'asmt-3', learner: { id: 'learner-2' } })),
              assessment(assessmentRecorded({ assessmentId: 'asmt-4', specificationId: 'spec-2' })),
            ],
          },
        ),
      )
      .thenThrows('credential.assessment-mismatch', 'conflict', {
        assessmentIds: ['asmt-1', 'asmt-2', 'asmt-3', 'asmt-4'],
        assessments: [
          { assessmentId: 'asmt-1', reasons: ['annulled'] },
          { assessmentId: 'asmt-2', reasons: ['not-passed'] },
          { assessmentId: 'asmt-3', reasons: ['learner-mismatch'] },
          { assessmentId: 'asmt-4', reasons: ['specification-mismatch'] },
        ],
      }));
  it.each([
    ['before', '2025-05-01T00:00:00Z'],
    ['at', '2025-06-01T00:00:00Z'],
  ])('refuses a validUntil %s validFrom', (_, validUntil) =>
    given([]).when(issueWith({ validUntil })).thenThrows('credential.validity-period-invalid', 'invalid'),
  );
  it('refuses a zero spec validity', () =>
    given([])
      .when(issueWith({}, { specification: spec(specificationPublished({ credentialValidity: 'P0D' })) }))
      .thenThrows('credential.validity-period-invalid', 'invalid'));
});
