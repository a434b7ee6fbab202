import {
  assessmentDecider,
  type Command,
  credentialDecider,
  type Decider,
  issuerDecider,
  pathwayDecider,
  specificationDecider,
  stackDecider,
  streamId,
} from '@credence/domain';
import type { Ledger } from '@credence/ledger';
import type { CommandContext } from '../http/command-context';

/** What a request becomes: the stream it targets, the decider for it, and the domain command. */
export type Plan = Readonly<{
  id: string;
  streamId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  decider: Decider<any, any, any>;
  command: Command<string, unknown>;
}>;

/** The request as the controller saw it: a body, the id from the path (if any) and the context. */
export type PlanInput = Readonly<{ body: Record<string, unknown>; ctx: CommandContext; targetId?: string; subId?: string }>;

type Planner = (ledger: Ledger, input: PlanInput) => Promise<Plan>;

const command = (type: string, data: object, ctx: CommandContext) => ({ type, data, metadata: ctx.metadata });
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const required = (id: string | undefined): string => {
  if (!id) throw new Error('planner needs a target id from the route');
  return id;
};

const issuerChange = (type: string): Planner => async (_ledger, { body, ctx, targetId, subId }) => {
  const issuerId = required(targetId);
  const accreditationId = subId ?? ctx.newId;
  return { id: accreditationId, streamId: streamId('issuer', issuerId), decider: issuerDecider, command: command(type, { ...body, issuerId, accreditationId }, ctx) };
};

const onExisting = (category: 'specification' | 'assessment' | 'credential', idField: string, decider: Plan['decider'], type: string): Planner =>
  async (_ledger, { body, ctx, targetId }) => {
    const id = required(targetId);
    return { id, streamId: streamId(category, id), decider, command: command(type, { ...body, [idField]: id }, ctx) };
  };

/** Every command the API accepts, by domain command type. Related state is loaded here, never in `decide`. */
export const PLANS: Readonly<Record<string, Planner>> = {
  RegisterIssuer: async (_ledger, { body, ctx }) => ({
    id: ctx.newId,
    streamId: streamId('issuer', ctx.newId),
    decider: issuerDecider,
    command: command('RegisterIssuer', { ...body, issuerId: ctx.newId }, ctx),
  }),
  AccreditIssuer: issuerChange('AccreditIssuer'),
  SuspendAccreditation: issuerChange('SuspendAccreditation'),
  WithdrawAccreditation: issuerChange('WithdrawAccreditation'),

  PublishSpecification: async (ledger, { body, ctx }) => {
    const { state: issuer } = await ledger.load(issuerDecider, streamId('issuer', ctx.metadata.issuerId ?? ''));
    const data = { ...body, specificationId: ctx.newId, context: { issuer } };
    return { id: ctx.newId, streamId: streamId('specification', ctx.newId), decider: specificationDecider, command: command('PublishSpecification', data, ctx) };
  },
  RetireSpecification: onExisting('specification', 'specificationId', specificationDecider, 'RetireSpecification'),

  RecordAssessment: async (ledger, { body, ctx }) => {
    const { state: specification } = await ledger.load(specificationDecider, streamId('specification', String(body.specificationId)));
    const data = { ...body, assessmentId: ctx.newId, context: { specification } };
    return { id: ctx.newId, streamId: streamId('assessment', ctx.newId), decider: assessmentDecider, command: command('RecordAssessment', data, ctx) };
  },
  AnnulAssessment: onExisting('assessment', 'assessmentId', assessmentDecider, 'AnnulAssessment'),

  IssueCredential: async (ledger, { body, ctx }) => {
    const [{ state: specification }, { state: issuer }, assessments] = await Promise.all([
      ledger.load(specificationDecider, streamId('specification', String(body.specificationId))),
      ledger.load(issuerDecider, streamId('issuer', ctx.metadata.issuerId ?? '')),
      ledger.loadMany(assessmentDecider, ids(body.assessmentIds).map((id) => streamId('assessment', id))),
    ]);
    const data = { ...body, credentialId: ctx.newId, context: { specification, assessments, issuer } };
    return { id: ctx.newId, streamId: streamId('credential', ctx.newId), decider: credentialDecider, command: command('IssueCredential', data, ctx) };
  },
  SuspendCredential: onExisting('credential', 'credentialId', credentialDecider, 'SuspendCredential'),
  ReinstateCredential: onExisting('credential', 'credentialId', credentialDecider, 'ReinstateCredential'),
  RevokeCredential: onExisting('credential', 'credentialId', credentialDecider, 'RevokeCredential'),

  PublishPathway: async (ledger, { body, ctx }) => {
    const components = await ledger.loadMany(specificationDecider, ids(body.components).map((id) => streamId('specification', id)));
    const completion = body.completion as { kind: string; n?: number };
    const data = { ...body, completion: completion.kind === 'n-of' ? { kind: 'n-of', n: completion.n ?? 0 } : { kind: 'all-of' }, pathwayId: ctx.newId, context: { components } };
    return { id: ctx.newId, streamId: streamId('pathway', ctx.newId), decider: pathwayDecider, command: command('PublishPathway', data, ctx) };
  },
  AwardStackedCredential: async (ledger, { body, ctx }) => {
    const [{ state: pathway }, components] = await Promise.all([
      ledger.load(pathwayDecider, streamId('pathway', String(body.pathwayId))),
      ledger.loadMany(credentialDecider, ids(body.componentCredentialIds).map((id) => streamId('credential', id))),
    ]);
    const data = { ...body, stackId: ctx.newId, context: { pathway, components } };
    return { id: ctx.newId, streamId: streamId('stack', ctx.newId), decider: stackDecider, command: command('AwardStackedCredential', data, ctx) };
  },
};
