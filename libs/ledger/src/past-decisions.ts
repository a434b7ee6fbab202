import {
  assessmentDecider,
  type AssessmentState,
  categoryOf,
  type Command,
  credentialDecider,
  type Decider,
  issuerDecider,
  pathwayDecider,
  type PathwayState,
  specificationDecider,
  type SpecificationState,
  stackDecider,
  streamId,
} from '@credence/domain';
import type { RecordedEvent } from '@credence/event-store';
import type { PastDecision } from '@credence/rules';
import { factsFor } from './facts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const DECIDERS: Record<string, Pick<Decider<any, never, any>, 'evolve' | 'initialState'>> = {
  issuer: issuerDecider,
  specification: specificationDecider,
  assessment: assessmentDecider,
  credential: credentialDecider,
  pathway: pathwayDecider,
  stack: stackDecider,
};

/** The command each decision's first event records, by event type. Refusals and activations are not decisions. */
const COMMAND_OF: Readonly<Record<string, string>> = {
  IssuerRegistered: 'RegisterIssuer',
  IssuerAccredited: 'AccreditIssuer',
  AccreditationSuspended: 'SuspendAccreditation',
  AccreditationWithdrawn: 'WithdrawAccreditation',
  SpecificationPublished: 'PublishSpecification',
  SpecificationRetired: 'RetireSpecification',
  AssessmentRecorded: 'RecordAssessment',
  AssessmentAnnulled: 'AnnulAssessment',
  CredentialIssued: 'IssueCredential',
  CredentialSuspended: 'SuspendCredential',
  CredentialReinstated: 'ReinstateCredential',
  CredentialRevoked: 'RevokeCredential',
  PathwayPublished: 'PublishPathway',
  StackedCredentialAwarded: 'AwardStackedCredential',
  StackedCredentialInvalidated: 'InvalidateStackedCredential',
};

type Data = Record<string, unknown>;

/**
 * Walks the log in order and rebuilds every past decision's command and facts as they stood just
 * before it, from the states of the streams it involved. Pure over the events; never writes.
 */
export class PastDecisions {
  private readonly states = new Map<string, unknown>();
  private lastCommand = new Map<string, string>();

  private state<S>(category: string, id: string): S {
    const key = streamId(category as never, id);
    return (this.states.get(key) ?? DECIDERS[category].initialState()) as S;
  }

  /** Feeds one event; returns the decision it opens, if it is the first event of one. */
  next(event: RecordedEvent): PastDecision | undefined {
    const category = categoryOf(event.streamId);
    const decider = category && DECIDERS[category];
    if (!decider) return undefined;
    const type = COMMAND_OF[event.type];
    const opens = type !== undefined && this.lastCommand.get(event.streamId) !== event.metadata.commandId;
    const before = this.states.get(event.streamId) ?? decider.initialState();
    const decision = opens ? this.decision(type, event, before) : undefined;
    this.states.set(event.streamId, decider.evolve(before, event as never));
    this.lastCommand.set(event.streamId, event.metadata.commandId);
    return decision;
  }

  private decision(type: string, event: RecordedEvent, before: unknown): PastDecision {
    const command: Command<string, unknown> = { type, data: this.dataFor(type, event.data as Data), metadata: event.metadata };
    return {
      position: event.globalPosition,
      streamId: event.streamId,
      commandId: event.metadata.commandId,
      commandType: type,
      facts: factsFor(command, before),
      originalFindings: event.metadata.findings ?? [],
    };
  }

  /** The command data, with the context the live handler resolved then: the related states as of now in the walk. */
  private dataFor(type: string, data: Data): Data {
    const spec = (id: unknown) => this.state<SpecificationState>('specification', String(id));
    switch (type) {
      case 'PublishSpecification':
        return { ...data, context: { issuer: this.state('issuer', String(data.issuerId)) } };
      case 'RecordAssessment':
        return { ...data, context: { specification: spec(data.specificationId) } };
      case 'IssueCredential': {
        const assessments = (data.assessmentIds as string[]).map((id) => this.state<AssessmentState>('assessment', id));
        const learnerId = (data.learner as { id: string }).id;
        const context = { specification: spec(data.specificationId), assessments, issuer: this.state('issuer', String(data.issuerId)) };
        return { ...data, learnerId, context };
      }
      case 'PublishPathway':
        return { ...data, context: { components: (data.components as string[]).map(spec) } };
      case 'AwardStackedCredential': {
        const components = (data.componentCredentialIds as string[]).map((id) => this.state('credential', id));
        return { ...data, context: { pathway: this.state<PathwayState>('pathway', String(data.pathwayId)), components } };
      }
      default:
        return data;
    }
  }
}
