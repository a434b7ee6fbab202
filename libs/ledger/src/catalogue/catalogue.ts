import {
  type AssessmentCommand,
  assessmentDecider,
  type AssessmentEvent,
  type AssessmentState,
  type Command,
  type CommandOfType,
  type CredenceCommandType,
  type CredentialCommand,
  credentialDecider,
  type CredentialEvent,
  type CredentialState,
  type Decider,
  type IssuerCommand,
  issuerDecider,
  type IssuerEvent,
  type IssuerState,
  type PathwayCommand,
  pathwayDecider,
  type PathwayEvent,
  type PathwayState,
  type PrincipalCommand,
  principalsDecider,
  type PrincipalEvent,
  type PrincipalsState,
  type QaBodyCommand,
  qaBodyDecider,
  type QaBodyEvent,
  type QaBodyState,
  type SpecificationCommand,
  specificationDecider,
  type SpecificationEvent,
  type SpecificationState,
  type StackCommand,
  stackDecider,
  type StackEvent,
  type StackState,
  type StatusIndexCommand,
  statusIndexDecider,
  type StatusIndexEvent,
  statusIndexKey,
  type StatusIndexState,
} from '@credence/domain';
import type { Facts } from '@credence/rules';
import * as facts from './facts';
import {
  assessment,
  credential,
  issuer,
  pathway,
  principals,
  qaBody,
  type RelatedRefs,
  specification,
  stack,
  statusIndex,
  type StreamRef,
} from './related';

/** Per command type, the state and events of the stream it targets: derived from the deciders' unions. */
type Aggregate<C extends { type: string }, State, E> = { [T in C['type']]: { state: State; event: E } };
type Aggregates = Aggregate<QaBodyCommand, QaBodyState, QaBodyEvent> &
  Aggregate<IssuerCommand, IssuerState, IssuerEvent> &
  Aggregate<SpecificationCommand, SpecificationState, SpecificationEvent> &
  Aggregate<AssessmentCommand, AssessmentState, AssessmentEvent> &
  Aggregate<CredentialCommand, CredentialState, CredentialEvent> &
  Aggregate<PathwayCommand, PathwayState, PathwayEvent> &
  Aggregate<StackCommand, StackState, StackEvent> &
  Aggregate<StatusIndexCommand, StatusIndexState, StatusIndexEvent> &
  Aggregate<PrincipalCommand, PrincipalsState, PrincipalEvent>;
export type TargetState<T extends CredenceCommandType> = Aggregates[T]['state'];
type TargetEvent<T extends CredenceCommandType> = Aggregates[T]['event'];
/** The data of an event on the target stream of a T command. */
export type RecordedData<T extends CredenceCommandType> = TargetEvent<T>['data'];

/** The related states a command carries in `data.context`; none for most. */
export type RelatedStates<T extends CredenceCommandType> = CommandOfType<T>['data'] extends {
  context: infer X;
}
  ? X
  : Record<never, never>;

/**
 * A domain command as a caller sends it: everything but the related states, which the Ledger
 * resolves from the catalogue's `related` refs (the same way live, in a dry run and in replay).
 */
export type CommandRequest<T extends CredenceCommandType = CredenceCommandType> = {
  [K in T]: Command<K, Omit<CommandOfType<K>['data'], 'context'>>;
}[T];

/** A lifecycle command's related issuer: the owner of the credential it acts on. */
const credentialIssuer = (_: unknown, target: CredentialState) => ({
  issuer: issuer(target.status === 'absent' ? '' : target.issuerId),
});

/**
 * The other streams `decide` and the rules read, resolved into `data.context`: named from the
 * request alone (`related`; the target is not read for them, and a status claim's target almost
 * never exists), or, for a command that names them only through its target (a credential's issuer,
 * a stack's pathway), from the target's state (`relatedThroughTarget`: the target is read first).
 * One or the other, never both.
 */
type RelatedStreams<T extends CredenceCommandType> =
  | { related?: (command: CommandRequest<T>) => RelatedRefs<RelatedStates<T>>; relatedThroughTarget?: never }
  | {
      relatedThroughTarget: (
        command: CommandRequest<T>,
        target: TargetState<T>,
      ) => RelatedRefs<RelatedStates<T>>;
      related?: never;
    };

/** What the catalogue says about one command type. */
export type CatalogueEntry<T extends CredenceCommandType> = Readonly<
  RelatedStreams<T> & {
    /** The stream the command is decided on. */
    target: (command: CommandRequest<T>) => StreamRef<TargetState<T>>;
    decider: Decider<TargetState<T>, CommandOfType<T>, TargetEvent<T>>;
    /** What the rules see. */
    facts: (command: CommandOfType<T>, target: TargetState<T>) => Facts;
    /** The event that opens a decision of this type in the log; replay rebuilds the command from it. */
    recordedAs: TargetEvent<T>['type'];
    /** The command data as the opening event records it, when the event names it differently. */
    fromRecorded?: (data: RecordedData<T>) => Partial<CommandRequest<T>['data']>;
    /**
     * The target stream is named by something drawn at random, so it almost never exists yet: the
     * Ledger decides on the initial state and appends expecting no stream, without reading it first
     * (a conflict falls back to the read; see `Ledger.knownState`).
     */
    targetUsuallyNew?: true;
  }
>;

export type Catalogue = { readonly [T in CredenceCommandType]: CatalogueEntry<T> };

/**
 * Every command the ledger decides, by domain command type: the one place a command is declared.
 * Adding a command = one entry here (the compiler asks for it once the domain union has the type),
 * one DTO and one route.
 */
export const CATALOGUE = {
  RegisterQaBody: {
    target: (c) => qaBody(c.data.qaBodyId),
    decider: qaBodyDecider,
    facts: facts.ownedResourceFacts,
    recordedAs: 'QaBodyRegistered',
  },
  RegisterIssuer: {
    target: (c) => issuer(c.data.issuerId),
    decider: issuerDecider,
    facts: facts.issuerCommandFacts,
    recordedAs: 'IssuerRegistered',
  },
  AccreditIssuer: {
    target: (c) => issuer(c.data.issuerId),
    decider: issuerDecider,
    // The granting body is the principal's binding, never the request's free text.
    related: (c) => ({ qaBody: qaBody(c.metadata.principal.qaBodyId ?? '') }),
    facts: facts.issuerCommandFacts,
    recordedAs: 'IssuerAccredited',
  },
  SuspendAccreditation: {
    target: (c) => issuer(c.data.issuerId),
    decider: issuerDecider,
    facts: facts.issuerCommandFacts,
    recordedAs: 'AccreditationSuspended',
  },
  ReinstateAccreditation: {
    target: (c) => issuer(c.data.issuerId),
    decider: issuerDecider,
    facts: facts.issuerCommandFacts,
    recordedAs: 'AccreditationReinstated',
  },
  WithdrawAccreditation: {
    target: (c) => issuer(c.data.issuerId),
    decider: issuerDecider,
    facts: facts.issuerCommandFacts,
    recordedAs: 'AccreditationWithdrawn',
  },
  // Keys live on the issuer's stream: see docs/verifiable-credentials.md ("Issuer keys in the log").
  ActivateIssuerKey: {
    target: (c) => issuer(c.data.issuerId),
    decider: issuerDecider,
    facts: facts.issuerCommandFacts,
    recordedAs: 'IssuerKeyActivated',
  },
  ReportIssuerKeyCompromise: {
    target: (c) => issuer(c.data.issuerId),
    decider: issuerDecider,
    facts: facts.issuerCommandFacts,
    recordedAs: 'IssuerKeyCompromised',
  },

  PublishSpecification: {
    target: (c) => specification(c.data.specificationId),
    decider: specificationDecider,
    related: (c) => ({ issuer: issuer(c.metadata.issuerId ?? '') }),
    facts: facts.publishSpecificationFacts,
    recordedAs: 'SpecificationPublished',
  },
  ReviseSpecification: {
    target: (c) => specification(c.data.specificationId),
    decider: specificationDecider,
    related: (c) => ({ issuer: issuer(c.metadata.issuerId ?? '') }),
    facts: facts.reviseSpecificationFacts,
    recordedAs: 'SpecificationRevised',
  },
  RetireSpecification: {
    target: (c) => specification(c.data.specificationId),
    decider: specificationDecider,
    facts: facts.retireSpecificationFacts,
    recordedAs: 'SpecificationRetired',
  },

  RecordAssessment: {
    target: (c) => assessment(c.data.assessmentId),
    decider: assessmentDecider,
    related: (c) => ({ specification: specification(c.data.specificationId) }),
    facts: facts.recordAssessmentFacts,
    recordedAs: 'AssessmentRecorded',
  },
  AnnulAssessment: {
    target: (c) => assessment(c.data.assessmentId),
    decider: assessmentDecider,
    facts: facts.ownedResourceFacts,
    recordedAs: 'AssessmentAnnulled',
  },
  CredentialAssessment: {
    target: (c) => assessment(c.data.assessmentId),
    decider: assessmentDecider,
    facts: facts.ownedResourceFacts,
    recordedAs: 'AssessmentCredentialed',
  },
  ReleaseAssessment: {
    target: (c) => assessment(c.data.assessmentId),
    decider: assessmentDecider,
    facts: facts.ownedResourceFacts,
    recordedAs: 'AssessmentCredentialReleased',
  },

  IssueCredential: {
    target: (c) => credential(c.data.credentialId),
    decider: credentialDecider,
    related: (c) => ({
      specification: specification(c.data.specificationId),
      assessments: c.data.assessmentIds.map(assessment),
      issuer: issuer(c.metadata.issuerId ?? ''),
      // A first issuance supersedes nothing: the empty id reads as an absent credential.
      superseded: credential(c.data.supersedes ?? ''),
    }),
    facts: facts.issueCredentialFacts,
    recordedAs: 'CredentialIssued',
    fromRecorded: (data) => ('learner' in data ? { learnerId: data.learner.id } : {}),
  },
  SuspendCredential: {
    target: (c) => credential(c.data.credentialId),
    decider: credentialDecider,
    relatedThroughTarget: credentialIssuer,
    facts: facts.credentialChangeFacts,
    recordedAs: 'CredentialSuspended',
  },
  ReinstateCredential: {
    target: (c) => credential(c.data.credentialId),
    decider: credentialDecider,
    relatedThroughTarget: credentialIssuer,
    facts: facts.credentialChangeFacts,
    recordedAs: 'CredentialReinstated',
  },
  RevokeCredential: {
    target: (c) => credential(c.data.credentialId),
    decider: credentialDecider,
    relatedThroughTarget: credentialIssuer,
    facts: facts.revokeCredentialFacts,
    recordedAs: 'CredentialRevoked',
  },

  PublishPathway: {
    target: (c) => pathway(c.data.pathwayId),
    decider: pathwayDecider,
    related: (c) => ({ components: c.data.components.map(specification) }),
    facts: facts.publishPathwayFacts,
    recordedAs: 'PathwayPublished',
  },
  // The two steps of the award's reservation (libs/domain/README.md), sent by the Ledger and the system.
  ClaimStackComponents: {
    target: (c) => pathway(c.data.pathwayId),
    decider: pathwayDecider,
    facts: facts.ownedResourceFacts,
    recordedAs: 'PathwayComponentsClaimed',
  },
  ReleaseStackComponents: {
    target: (c) => pathway(c.data.pathwayId),
    decider: pathwayDecider,
    facts: facts.ownedResourceFacts,
    recordedAs: 'PathwayComponentsReleased',
  },
  AwardStackedCredential: {
    target: (c) => stack(c.data.stackId),
    decider: stackDecider,
    related: (c) => ({
      pathway: pathway(c.data.pathwayId),
      components: c.data.componentCredentialIds.map(credential),
      issuer: issuer(c.metadata.issuerId ?? ''),
    }),
    facts: facts.awardStackedCredentialFacts,
    recordedAs: 'StackedCredentialAwarded',
  },
  // Sent by the system; its outcomes are several events, and replay sees the one that ends a stack.
  ReconcileStackedCredential: {
    target: (c) => stack(c.data.stackId),
    decider: stackDecider,
    relatedThroughTarget: (c, target) => ({
      pathway: pathway(target.status === 'absent' ? '' : target.pathwayId),
      components: [
        ...(target.status === 'absent' ? [] : target.componentCredentialIds),
        ...(c.data.replacementCredentialId !== undefined ? [c.data.replacementCredentialId] : []),
      ].map(credential),
    }),
    facts: facts.ownedResourceFacts,
    recordedAs: 'StackedCredentialInvalidated',
  },

  ClaimStatusIndex: {
    target: (c) => statusIndex(statusIndexKey(c.data.issuerId, c.data)),
    decider: statusIndexDecider,
    // The same index in the other list: a joint claim there may hold this purpose's bit.
    related: (c) => ({
      twin: statusIndex(
        statusIndexKey(c.data.issuerId, {
          ...c.data,
          purpose: c.data.purpose === 'revocation' ? 'suspension' : 'revocation',
        }),
      ),
    }),
    facts: facts.ownedResourceFacts,
    recordedAs: 'StatusIndexClaimed',
    // A candidate index is drawn from a hash of the issuance's command id.
    targetUsuallyNew: true,
  },
  // Both lists' index, claimed on the revocation index's stream; the suspension index's stream
  // must be free (an older claim there takes the pair). Nothing claims one purpose alone any more,
  // so the expected version of the revocation stream settles every race.
  ClaimStatusIndexes: {
    target: (c) => statusIndex(statusIndexKey(c.data.issuerId, { ...c.data, purpose: 'revocation' })),
    decider: statusIndexDecider,
    related: (c) => ({
      suspension: statusIndex(statusIndexKey(c.data.issuerId, { ...c.data, purpose: 'suspension' })),
    }),
    facts: facts.ownedResourceFacts,
    recordedAs: 'StatusIndexesClaimed',
    targetUsuallyNew: true,
  },
  // Access changes: decided on the one `principals` stream; the token hashes stay in the principal store.
  CreatePrincipal: {
    target: principals,
    decider: principalsDecider,
    facts: facts.principalFacts,
    recordedAs: 'PrincipalCreated',
  },
  DisablePrincipal: {
    target: principals,
    decider: principalsDecider,
    facts: facts.principalFacts,
    recordedAs: 'PrincipalDisabled',
  },
  RotatePrincipalToken: {
    target: principals,
    decider: principalsDecider,
    facts: facts.principalFacts,
    recordedAs: 'PrincipalTokenRotated',
  },
} as const satisfies Catalogue;

/** The catalogue entry for a command type, typed by it. */
export const catalogueEntry = <T extends CredenceCommandType>(type: T): CatalogueEntry<T> => {
  const catalogue: Catalogue = CATALOGUE;
  return catalogue[type];
};
