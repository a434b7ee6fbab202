import type { AssessmentState } from '../assessment/state';
import { conflict, DomainError, invalid, notFound, type CommandMetadata } from '../core';
import { definedOnly, sameValue } from '../equality';
import { actingIssuerId, assertContextFor, assertMayActOn, forbidden, requireText } from '../guards';
import { accreditationCovering, type IssuerState } from '../issuer/state';
import type { SpecificationState } from '../specification/state';
import { addDuration, instantMs } from '../time';
import type { IssueCredential } from './commands';
import type { CredentialIssued } from './events';
import type { CredentialState } from './state';

type Published = Exclude<SpecificationState, { status: 'absent' }>;
type Recorded = Exclude<AssessmentState, { status: 'absent' }>;

/**
 * A retired specification still issues to learners assessed before its retirement, and re-issues.
 * No assessment is recorded against a retired specification (the assessment decider refuses it), so
 * every assessment a credential can cite predates the retirement; how long after it issuance stays
 * open is the ruleset's grace period (`issuance.retired-specification`, rules/README.md).
 */
const issuableSpecification = (
  specificationId: string,
  spec: SpecificationState,
  issuerId: string,
): Published => {
  if (spec.status === 'absent')
    throw notFound('specification.not-found', `Specification ${specificationId} is unknown`);
  assertContextFor('specification', specificationId, spec.specificationId);
  if (spec.issuerId !== issuerId) {
    throw forbidden('issuer.not-owner', `Specification ${specificationId} belongs to another issuer`, {
      ownerIssuerId: spec.issuerId,
      actingIssuerId: issuerId,
    });
  }
  return spec;
};

const registeredIssuer = (issuerId: string, issuer: IssuerState) => {
  if (issuer.status !== 'registered')
    throw notFound('issuer.not-found', `Issuer ${issuerId} is not registered`);
  assertContextFor('issuer', issuerId, issuer.issuerId);
  return issuer;
};

/** Why an assessment cannot back this credential; empty when it can. */
const disqualifications = (a: Recorded, learnerId: string, specificationId: string): string[] =>
  [
    a.status === 'annulled' && 'annulled',
    a.result.outcome !== 'pass' && 'not-passed',
    a.learner.id !== learnerId && 'learner-mismatch',
    a.specificationId !== specificationId && 'specification-mismatch',
  ].filter((reason): reason is string => reason !== false);

/**
 * Every cited assessment must back this credential: a recorded pass of this learner against this
 * specification, not annulled. One stray assessment (another learner's, a fail) refuses the whole.
 */
const citedAssessments = (data: IssueCredential['data']): Recorded[] => {
  const { assessmentIds, learnerId, specificationId } = data;
  if (assessmentIds.length === 0)
    throw invalid('credential.assessments-required', 'List at least one assessment');
  const recorded = data.context.assessments.filter((a): a is Recorded => a.status !== 'absent');
  const listed = assessmentIds.map((id) => recorded.find((a) => a.assessmentId === id));
  const missing = assessmentIds.filter((_, i) => listed[i] === undefined);
  if (missing.length > 0) {
    throw new DomainError('not-found', 'assessment.not-found', `Unknown assessments: ${missing.join(', ')}`, {
      assessmentIds: missing,
    });
  }
  const cited = listed as Recorded[];
  const offending = cited
    .map((a) => ({ assessmentId: a.assessmentId, reasons: disqualifications(a, learnerId, specificationId) }))
    .filter((v) => v.reasons.length > 0);
  if (offending.length === 0) return cited;
  throw conflict(
    'credential.assessment-mismatch',
    `Assessments ${offending.map((o) => o.assessmentId).join(', ')} cannot back this credential`,
    { assessmentIds: offending.map((o) => o.assessmentId), assessments: offending },
  );
};

/** validUntil as given, else derived from the spec's credentialValidity; the period must not be empty. */
const validUntilFor = (validFrom: string, validUntil: string | undefined, validity: string | undefined) => {
  const until = validUntil ?? (validity === undefined ? undefined : addDuration(validFrom, validity));
  if (until !== undefined && instantMs(until, 'validUntil') <= instantMs(validFrom, 'validFrom')) {
    throw invalid('credential.validity-period-invalid', 'validUntil must be after validFrom', {
      validFrom,
      validUntil: until,
    });
  }
  return until;
};

const accreditationAt = (issuer: IssuerState, eqfLevel: number | undefined, now: string) => {
  const held = accreditationCovering(issuer, eqfLevel, now);
  return (
    held &&
    definedOnly({
      accreditationId: held.accreditationId,
      qaBodyId: held.qaBodyId ?? undefined,
      qaBody: held.qaBody,
      validFrom: held.validFrom,
      validUntil: held.validUntil,
    })
  );
};

/**
 * A re-issue corrects `supersedes`: the same issuer's, not revoked, for the same learner,
 * specification and assessments (only the validity may change). Returns it, or undefined for a first
 * issuance.
 */
const supersededCredential = (data: IssueCredential['data'], metadata: CommandMetadata) => {
  const { supersedes, context } = data;
  if (supersedes === undefined) return undefined;
  const old = context.superseded;
  if (old.status === 'absent') throw notFound('credential.not-found', `Credential ${supersedes} is unknown`);
  assertMayActOn(metadata, 'credential', supersedes, { id: old.credentialId, issuerId: old.issuerId });
  if (old.status === 'revoked')
    throw conflict('credential.revoked', `Credential ${supersedes} is revoked; revocation is final`);
  const same = sameValue(
    [data.specificationId, data.learnerId, data.assessmentIds],
    [old.specificationId, old.learner.id, old.assessmentIds],
  );
  if (!same) {
    throw conflict(
      'credential.reissue-mismatch',
      `A re-issue of ${supersedes} keeps its learner, specification and assessments`,
      { supersedes },
    );
  }
  return old;
};

/** The same request as the one already issued: a retry, answered with nothing new. */
const isSameIssuance = (
  data: IssueCredential['data'],
  issued: Exclude<CredentialState, { status: 'absent' }>,
) =>
  sameValue(
    [
      data.specificationId,
      data.learnerId,
      data.assessmentIds,
      data.validFrom,
      data.validUntil ?? issued.validUntil,
      data.supersedes,
    ],
    [
      issued.specificationId,
      issued.learner.id,
      issued.assessmentIds,
      issued.validFrom,
      issued.validUntil,
      issued.supersedes,
    ],
  );

const issuedData = (data: IssueCredential['data'], metadata: CommandMetadata): CredentialIssued['data'] => {
  const { credentialId, specificationId, learnerId, assessmentIds, validFrom, context } = data;
  const issuerId = actingIssuerId(metadata);
  const superseded = supersededCredential(data, metadata);
  const spec = issuableSpecification(specificationId, context.specification, issuerId);
  const issuer = registeredIssuer(issuerId, context.issuer);
  requireText(learnerId, 'credential.learner-required', 'learnerId');
  const cited = citedAssessments(data);
  const [{ learner }] = cited;
  return definedOnly({
    credentialId,
    issuerId,
    specificationId,
    learner,
    assessmentIds,
    issuedAt: metadata.now,
    validFrom,
    validUntil: validUntilFor(validFrom, data.validUntil, spec.credentialValidity),
    ects: spec.notionalWorkload?.ects,
    eqfLevel: spec.eqfLevel,
    accreditation: accreditationAt(issuer, spec.eqfLevel, metadata.now),
    supersedes: superseded?.credentialId,
    reissueNote: superseded && data.reissueNote,
    awardedDate: superseded ? (superseded.awardedDate ?? superseded.issuedAt) : metadata.now,
    grade: cited.find((a) => a.result.grade !== undefined)?.result.grade,
    specificationVersion: spec.version,
  });
};

export const issue = ({ data, metadata }: IssueCredential, state: CredentialState): CredentialIssued[] => {
  const { credentialId } = data;
  if (state.status !== 'absent') {
    assertMayActOn(metadata, 'credential', credentialId, {
      id: state.credentialId,
      issuerId: state.issuerId,
    });
    if (isSameIssuance(data, state)) return [];
    throw conflict('credential.already-issued', `Credential ${credentialId} was issued with other terms`);
  }
  return [{ type: 'CredentialIssued', data: issuedData(data, metadata) }];
};
