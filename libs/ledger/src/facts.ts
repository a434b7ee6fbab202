import {
  type AssessmentState,
  type Command,
  type CredentialState,
  credentialStatusAt,
  type IssuerState,
  type PathwayState,
  type SpecificationContent,
  type SpecificationState,
} from '@credence/domain';
import type { ComponentFacts, CommandType, Facts, IssuerFacts, SpecificationFacts } from '@credence/rules';

type AnyCommand = Command<string, unknown>;
type Context = Partial<{
  issuer: IssuerState;
  specification: SpecificationState;
  assessments: readonly AssessmentState[];
  pathway: PathwayState;
  components: readonly (SpecificationState | CredentialState)[];
}>;
type Data = Record<string, unknown> & { context?: Context };

const specificationFacts = (
  spec: SpecificationContent & { specificationId: string; issuerId: string },
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
  typeOfAssessment: spec.typeOfAssessment ?? '',
  formOfParticipation: spec.formOfParticipation ?? '',
  typeOfQualityAssurance: spec.typeOfQualityAssurance ?? '',
  supervisionAndIdentityVerification: spec.supervisionAndIdentityVerification ?? '',
  stackable: spec.stackable ?? false,
  status,
});

const fromSpecState = (state: SpecificationState | undefined): SpecificationFacts | undefined =>
  state && state.status !== 'absent' ? specificationFacts(state, state.status) : undefined;

const issuerFacts = (state: IssuerState | undefined, id: string): IssuerFacts | undefined =>
  state === undefined
    ? undefined
    : state.status === 'registered'
      ? {
          id: state.issuerId,
          registered: true,
          accreditations: state.accreditations.map((a) => ({
            id: a.accreditationId,
            qaBody: a.qaBody,
            eqfLevels: a.scope.eqfLevels,
            validFrom: a.validFrom,
            validUntil: a.validUntil,
            status: a.status,
          })),
        }
      : { id, registered: false, accreditations: [] };

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

const defined = <T>(values: readonly (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);

/**
 * The facts a ruleset sees for one command: the command, the target stream's current state and the
 * related states the handler resolved into `data.context`. Pure: replay rebuilds the same facts.
 */
export const factsFor = (command: AnyCommand, target: unknown): Facts => {
  const { type, metadata } = command;
  const data = command.data as Data;
  const context = data.context ?? {};
  const now = metadata.now;
  const targetState = target as { status: string; issuerId?: string } & Record<string, unknown>;
  const issuerId = metadata.issuerId ?? (data.issuerId as string | undefined) ?? targetState.issuerId ?? '';
  const facts: { -readonly [K in keyof Facts]: Facts[K] } = {
    now,
    command: { type: type as CommandType, issuerId, principalRole: metadata.principal.role },
  };

  const issuer = issuerFacts(context.issuer ?? (type.endsWith('Issuer') || type.endsWith('Accreditation') ? (target as IssuerState) : undefined), issuerId);
  if (issuer) facts.issuer = issuer;

  switch (type) {
    case 'PublishSpecification':
      facts.specification = specificationFacts({ ...(data as unknown as SpecificationContent & { specificationId: string }), issuerId }, 'published');
      break;
    case 'RetireSpecification':
      facts.specification = fromSpecState(target as SpecificationState);
      break;
    case 'RecordAssessment': {
      facts.specification = fromSpecState(context.specification);
      const learner = data.learner as { id: string; identity?: { identityType: string } };
      facts.learner = { id: learner.id, hasIdentity: learner.identity !== undefined, identityType: learner.identity?.identityType ?? '' };
      break;
    }
    case 'IssueCredential': {
      facts.specification = fromSpecState(context.specification);
      const recorded = defined((context.assessments ?? []).map((a) => (a.status === 'absent' ? undefined : a)));
      facts.assessments = recorded.map((a) => ({
        id: a.assessmentId,
        learnerId: a.learner.id,
        specificationId: a.specificationId,
        outcome: a.result.outcome,
        assessedAt: a.assessedAt,
        status: a.status,
      }));
      const identity = recorded.find((a) => a.learner.id === data.learnerId)?.learner.identity;
      facts.learner = { id: data.learnerId as string, hasIdentity: identity !== undefined, identityType: identity?.identityType ?? '' };
      const validUntil = data.validUntil as string | undefined;
      facts.credential = { id: data.credentialId as string, validFrom: data.validFrom as string, validUntil: validUntil ?? '', hasValidUntil: validUntil !== undefined, issuedAt: now };
      break;
    }
    case 'SuspendCredential':
    case 'ReinstateCredential':
    case 'RevokeCredential': {
      const credential = target as CredentialState;
      if (credential.status !== 'absent') {
        facts.credential = {
          id: credential.credentialId,
          validFrom: credential.validFrom,
          validUntil: credential.validUntil ?? '',
          hasValidUntil: credential.validUntil !== undefined,
          issuedAt: credential.issuedAt,
        };
      }
      if (type === 'RevokeCredential') facts.revocation = { reason: data.reason as string };
      break;
    }
    case 'PublishPathway': {
      const completion = data.completion as { kind: 'all-of' } | { kind: 'n-of'; n: number };
      facts.pathway = {
        id: data.pathwayId as string,
        components: data.components as string[],
        completion: completion.kind,
        n: completion.kind === 'n-of' ? completion.n : 0,
        minimumEcts: data.minimumEcts as number,
      };
      break;
    }
    case 'AwardStackedCredential': {
      const pathway = context.pathway;
      if (pathway && pathway.status !== 'absent') {
        facts.pathway = {
          id: pathway.pathwayId,
          components: pathway.components,
          completion: pathway.completion.kind,
          n: pathway.completion.kind === 'n-of' ? pathway.completion.n : 0,
          minimumEcts: pathway.minimumEcts,
        };
      }
      const components = defined((context.components ?? []).map((c) => componentFacts(c as CredentialState, now)));
      facts.components = components;
      facts.stack = { learnerId: data.learnerId as string, totalEcts: components.reduce((sum, c) => sum + c.ects, 0) };
      break;
    }
  }
  return facts;
};
