import {
  type AssessmentState,
  type AwardStackedCredential,
  type CompletionRule,
  type CredenceCommand,
  type CredentialState,
  credentialStatusAt,
  type IssueCredential,
  type IssuerState,
  type LearnerRef,
  type PathwayState,
  type PublishPathway,
  type PublishSpecification,
  type RecordAssessment,
  type ReviseSpecification,
  type RevokeCredential,
  type SpecificationContent,
  type SpecificationState,
} from '@credence/domain';
import type {
  ComponentFacts,
  CredentialFacts,
  Facts,
  IssuerFacts,
  LearnerFacts,
  PathwayFacts,
  SpecificationFacts,
} from '@credence/rules';

/**
 * The facts a ruleset sees for one command, built from the command, the target stream's state and
 * the related states in `data.context`. Pure: replay rebuilds the same facts. One builder per
 * command type, chosen by the catalogue.
 */

const specificationFacts = (
  spec: SpecificationContent & {
    specificationId: string;
    issuerId: string;
    version?: number;
    retiredAt?: string;
  },
  status: SpecificationFacts['status'],
): SpecificationFacts => ({
  id: spec.specificationId,
  issuerId: spec.issuerId,
  title: spec.title,
  countries: spec.countries ?? [],
  awardingBodies: (spec.awardingBodies ?? []).map(({ legalName, country }) => ({ legalName, country })),
  learningOutcomes: spec.learningOutcomes ?? [],
  ects: spec.notionalWorkload?.ects ?? 0,
  hours: spec.notionalWorkload?.hours ?? 0,
  eqfLevel: spec.eqfLevel ?? 0,
  fieldOfStudy: spec.fieldOfStudy ?? '',
  typeOfAssessment: spec.typeOfAssessment ?? '',
  formOfParticipation: spec.formOfParticipation ?? '',
  typeOfQualityAssurance: spec.typeOfQualityAssurance ?? '',
  supervisionAndIdentityVerification: spec.supervisionAndIdentityVerification ?? '',
  stackable: spec.stackable ?? false,
  status,
  version: spec.version ?? 1,
  retiredAt: spec.retiredAt ?? '',
});

const existingSpecification = (state: SpecificationState): SpecificationFacts | undefined =>
  state.status !== 'absent' ? specificationFacts(state, state.status) : undefined;

const issuerFacts = (state: IssuerState, id: string): IssuerFacts =>
  state.status === 'registered'
    ? {
        id: state.issuerId,
        registered: true,
        legalName: state.legalName,
        country: state.country,
        accreditations: state.accreditations.map((a) => ({
          id: a.accreditationId,
          qaBody: a.qaBody,
          /** Empty means all levels: a granted scope never lists none. */
          eqfLevels: a.scope.eqfLevels ?? [],
          fieldsOfStudy: a.scope.fieldsOfStudy ?? [],
          validFrom: a.validFrom,
          validUntil: a.validUntil,
          status: a.status,
        })),
      }
    : { id, registered: false, legalName: '', country: '', accreditations: [] };

const learnerFacts = (id: string, learner: LearnerRef | undefined): LearnerFacts => ({
  id,
  hasIdentity: learner?.identity !== undefined,
  identityType: learner?.identity?.identityType ?? '',
});

const pathwayFacts = (
  id: string,
  components: readonly string[],
  completion: CompletionRule,
  minimumEcts: number,
): PathwayFacts => ({
  id,
  components,
  completion: completion.kind,
  n: completion.kind === 'n-of' ? completion.n : 0,
  minimumEcts,
});

const componentFacts = (state: CredentialState, now: string): ComponentFacts | undefined => {
  if (state.status === 'absent') return undefined;
  const { status } = credentialStatusAt(state, now);
  return {
    id: state.credentialId,
    learnerId: state.learner.id,
    specificationId: state.specificationId,
    status,
    validFrom: state.validFrom,
    validUntil: state.validUntil ?? '',
    hasValidUntil: state.validUntil !== undefined,
    ects: state.ects ?? 0,
  };
};

type Validity = Readonly<{
  credentialId: string;
  validFrom: string;
  validUntil?: string;
  issuedAt: string;
  supersedes?: string;
}>;

const credentialFacts = (credential: Validity): CredentialFacts => ({
  id: credential.credentialId,
  validFrom: credential.validFrom,
  validUntil: credential.validUntil ?? '',
  hasValidUntil: credential.validUntil !== undefined,
  issuedAt: credential.issuedAt,
  supersedes: credential.supersedes ?? '',
});

const defined = <T>(values: readonly (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);

/** The issuer that owns an existing stream's resource, when it has one. */
const ownerOf = (state: object): string | undefined =>
  'issuerId' in state && typeof state.issuerId === 'string' ? state.issuerId : undefined;

/**
 * `now` and `command`, for every command. The issuer acted for is the principal's binding, else the
 * one the command names, else the target's owner; `issuer` is present when its state was read.
 */
export const commandFacts = (
  command: CredenceCommand,
  owner: string | undefined,
  issuer?: IssuerState,
): Facts => {
  const { metadata } = command;
  const issuerId = metadata.issuerId ?? owner ?? '';
  return {
    now: metadata.now,
    command: { type: command.type, issuerId, principalRole: metadata.principal.role },
    ...(issuer ? { issuer: issuerFacts(issuer, issuerId) } : {}),
  };
};

/** Commands on the issuer stream: the issuer is the target itself. */
export const issuerCommandFacts = (
  command: CredenceCommand & { data: { issuerId: string } },
  target: IssuerState,
): Facts => commandFacts(command, command.data.issuerId, target);

/** Commands on an existing resource that rules see only through `command` (and `issuer`, if loaded). */
export const ownedResourceFacts = (command: CredenceCommand, target: object): Facts =>
  commandFacts(command, ownerOf(target));

/** A revision is checked exactly like a publication, on the full content it proposes. */
export const publishSpecificationFacts = (command: PublishSpecification | ReviseSpecification): Facts => {
  const facts = commandFacts(command, undefined, command.data.context.issuer);
  return {
    ...facts,
    specification: specificationFacts({ ...command.data, issuerId: facts.command.issuerId }, 'published'),
  };
};

/** A revision: checked as a publication of its content, as the version it would become. */
export const reviseSpecificationFacts = (command: ReviseSpecification, target: SpecificationState): Facts => {
  const facts = publishSpecificationFacts(command);
  const version = target.status === 'absent' ? 1 : target.version + 1;
  return { ...facts, specification: { ...facts.specification!, version } };
};

export const retireSpecificationFacts = (command: CredenceCommand, target: SpecificationState): Facts => ({
  ...ownedResourceFacts(command, target),
  specification: existingSpecification(target),
});

export const recordAssessmentFacts = (command: RecordAssessment, target: AssessmentState): Facts => ({
  ...ownedResourceFacts(command, target),
  specification: existingSpecification(command.data.context.specification),
  learner: learnerFacts(command.data.learner.id, command.data.learner),
});

export const issueCredentialFacts = (command: IssueCredential, target: CredentialState): Facts => {
  const { data, metadata } = command;
  const recorded = defined(data.context.assessments.map((a) => (a.status === 'absent' ? undefined : a)));
  return {
    ...commandFacts(command, ownerOf(target), data.context.issuer),
    specification: existingSpecification(data.context.specification),
    assessments: recorded.map((a) => ({
      id: a.assessmentId,
      learnerId: a.learner.id,
      specificationId: a.specificationId,
      outcome: a.result.outcome,
      assessedAt: a.assessedAt,
      status: a.status,
    })),
    learner: learnerFacts(data.learnerId, recorded.find((a) => a.learner.id === data.learnerId)?.learner),
    credential: credentialFacts({ ...data, issuedAt: metadata.now }),
  };
};

/** Suspension and reinstatement: the credential acted on, as issued. */
export const credentialChangeFacts = (command: CredenceCommand, target: CredentialState): Facts => ({
  ...ownedResourceFacts(command, target),
  ...(target.status !== 'absent' ? { credential: credentialFacts(target) } : {}),
});

export const revokeCredentialFacts = (command: RevokeCredential, target: CredentialState): Facts => ({
  ...credentialChangeFacts(command, target),
  revocation: { reason: command.data.reason },
});

export const publishPathwayFacts = (command: PublishPathway, target: PathwayState): Facts => {
  const { pathwayId, components, completion, minimumEcts } = command.data;
  return {
    ...ownedResourceFacts(command, target),
    pathway: pathwayFacts(pathwayId, components, completion, minimumEcts),
  };
};

export const awardStackedCredentialFacts = (command: AwardStackedCredential, target: object): Facts => {
  const { pathway, components, issuer } = command.data.context;
  const facts = defined(components.map((c) => componentFacts(c, command.metadata.now)));
  return {
    ...commandFacts(command, ownerOf(target), issuer),
    ...(pathway.status !== 'absent'
      ? {
          pathway: pathwayFacts(
            pathway.pathwayId,
            pathway.components,
            pathway.completion,
            pathway.minimumEcts,
          ),
        }
      : {}),
    components: facts,
    stack: { learnerId: command.data.learnerId, totalEcts: facts.reduce((sum, c) => sum + c.ects, 0) },
  };
};

/** Access changes: rules see who acted and on which command, never a principal's details. */
export const principalFacts = (command: CredenceCommand): Facts => commandFacts(command, undefined);
