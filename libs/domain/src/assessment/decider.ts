import { conflict, invalid, notFound, type Decider } from '../core';
import { sameValue, withoutStatus } from '../equality';
import {
  actingIssuerId,
  assertContextFor,
  assertMayActOn,
  exhaustive,
  forbidden,
  requireText,
} from '../guards';
import type { SpecificationState } from '../specification/state';
import { instantMs } from '../time';
import type {
  AnnulAssessment,
  AssessmentCommand,
  CredentialAssessment,
  RecordAssessment,
  ReleaseAssessment,
} from './commands';
import type { AssessmentEvent, AssessmentRecorded } from './events';
import { evolveAssessment, initialAssessmentState, type AssessmentState } from './state';

/** The specification assessed against must be live and the acting issuer's own. */
const assertAssessable = (specificationId: string, specification: SpecificationState, issuerId: string) => {
  if (specification.status === 'absent') {
    throw notFound('specification.not-found', `Specification ${specificationId} is unknown`);
  }
  assertContextFor('specification', specificationId, specification.specificationId);
  if (specification.status === 'retired') {
    throw conflict('specification.retired', `Specification ${specificationId} is retired`);
  }
  if (specification.issuerId !== issuerId) {
    throw forbidden('issuer.not-owner', `Specification ${specificationId} belongs to another issuer`, {
      ownerIssuerId: specification.issuerId,
      actingIssuerId: issuerId,
    });
  }
};

const validateRecord = ({ learner, result, assessedAt }: RecordAssessment['data']) => {
  requireText(learner?.id, 'assessment.learner-required', 'learner.id');
  if (result?.outcome !== 'pass' && result?.outcome !== 'fail') {
    throw invalid('assessment.outcome-invalid', 'result.outcome must be pass or fail', {
      outcome: result?.outcome,
    });
  }
  instantMs(assessedAt, 'assessedAt');
};

const record = ({ data, metadata }: RecordAssessment, state: AssessmentState): AssessmentRecorded[] => {
  const { assessmentId, specificationId, learner, result, assessor, method, assessedAt, evidence } = data;
  const facts = { assessmentId, specificationId, learner, result, assessor, method, assessedAt, evidence };
  if (state.status !== 'absent') {
    assertMayActOn(metadata, 'assessment', assessmentId, {
      id: state.assessmentId,
      issuerId: state.issuerId,
    });
    if (state.status === 'annulled')
      throw conflict('assessment.annulled', `Assessment ${assessmentId} was annulled`);
    const { credentialId: _backs, ...recorded } = withoutStatus(state);
    if (sameValue(recorded, { ...facts, issuerId: state.issuerId })) return [];
    throw conflict('assessment.already-recorded', `Assessment ${assessmentId} was recorded with other facts`);
  }
  const issuerId = actingIssuerId(metadata);
  assertAssessable(specificationId, data.context.specification, issuerId);
  validateRecord(data);
  return [{ type: 'AssessmentRecorded', data: { ...facts, issuerId } }];
};

const annul = ({ data, metadata }: AnnulAssessment, state: AssessmentState): AssessmentEvent[] => {
  const { assessmentId, note } = data;
  if (state.status === 'absent')
    throw notFound('assessment.not-found', `Assessment ${assessmentId} is unknown`);
  assertMayActOn(metadata, 'assessment', assessmentId, { id: state.assessmentId, issuerId: state.issuerId });
  if (state.status === 'annulled') return [];
  return [{ type: 'AssessmentAnnulled', data: { assessmentId, issuerId: state.issuerId, note } }];
};

/**
 * One assessment, one credential: the reservation is decided here, on the assessment's own stream,
 * so two issuances racing for it meet at this stream's expected version (libs/domain/README.md).
 */
const credential = ({ data, metadata }: CredentialAssessment, state: AssessmentState): AssessmentEvent[] => {
  const { assessmentId, credentialId, issuance } = data;
  if (state.status === 'absent')
    throw notFound('assessment.not-found', `Assessment ${assessmentId} is unknown`);
  assertMayActOn(metadata, 'assessment', assessmentId, { id: state.assessmentId, issuerId: state.issuerId });
  if (state.credentialId === credentialId) return [];
  // A re-issue takes the reservation over from the credential it corrects: the one way an
  // assessment comes to back a second credential.
  if (state.credentialId !== undefined && state.credentialId !== issuance.supersedes) {
    throw conflict(
      'assessment.already-credentialed',
      `Assessment ${assessmentId} already backs credential ${state.credentialId}`,
      { assessmentId, credentialId: state.credentialId },
    );
  }
  if (state.status === 'annulled')
    throw conflict('assessment.annulled', `Assessment ${assessmentId} was annulled`, { assessmentId });
  const { issuerId } = state;
  return [{ type: 'AssessmentCredentialed', data: { assessmentId, issuerId, credentialId, issuance } }];
};

/** Lifts the reservation of `credentialId`; anything else (no reservation, another's) is left alone. */
const release = ({ data, metadata }: ReleaseAssessment, state: AssessmentState): AssessmentEvent[] => {
  const { assessmentId, credentialId } = data;
  if (state.status === 'absent' || state.credentialId !== credentialId) return [];
  assertMayActOn(metadata, 'assessment', assessmentId, { id: state.assessmentId, issuerId: state.issuerId });
  return [
    { type: 'AssessmentCredentialReleased', data: { assessmentId, issuerId: state.issuerId, credentialId } },
  ];
};

export const decideAssessment = (command: AssessmentCommand, state: AssessmentState): AssessmentEvent[] => {
  switch (command.type) {
    case 'RecordAssessment':
      return record(command, state);
    case 'AnnulAssessment':
      return annul(command, state);
    case 'CredentialAssessment':
      return credential(command, state);
    case 'ReleaseAssessment':
      return release(command, state);
    default:
      return exhaustive(command);
  }
};

export const assessmentDecider: Decider<AssessmentState, AssessmentCommand, AssessmentEvent> = {
  decide: decideAssessment,
  evolve: evolveAssessment,
  initialState: initialAssessmentState,
};
