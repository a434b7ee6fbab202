import { conflict, notFound, type Decider } from '../core';
import { sameValue } from '../equality';
import {
  actingIssuerId,
  assertContextFor,
  assertMayActOn,
  exhaustive,
  forbidden,
  requireText,
} from '../guards';
import type { PathwayState } from '../pathway/state';
import type { AwardStackedCredential, StackCommand } from './commands';
import {
  assertComponentsQualify,
  assertPathwayComplete,
  backing,
  resolveComponents,
  zeroEctsNote,
} from './components';
import { reconcileStack } from './reconcile';
import type { StackEvent } from './events';
import { evolveStack, initialStackState, type StackState } from './state';

const awardingPathway = (pathwayId: string, pathway: PathwayState, issuerId: string) => {
  if (pathway.status === 'absent') throw notFound('pathway.not-found', `Pathway ${pathwayId} is unknown`);
  assertContextFor('pathway', pathwayId, pathway.pathwayId);
  if (pathway.issuerId !== issuerId) {
    throw forbidden('issuer.not-owner', `Pathway ${pathwayId} belongs to another issuer`, {
      ownerIssuerId: pathway.issuerId,
      actingIssuerId: issuerId,
    });
  }
  return pathway;
};

const sorted = (ids: readonly string[]) => [...ids].sort();

const awardAgain = (
  { data, metadata }: AwardStackedCredential,
  state: Exclude<StackState, { status: 'absent' }>,
) => {
  assertMayActOn(metadata, 'stack', data.stackId, { id: state.stackId, issuerId: state.issuerId });
  if (state.status === 'invalidated')
    throw conflict('stack.invalidated', `Stack ${data.stackId} was invalidated`);
  const asked = [data.pathwayId, data.learnerId, sorted(data.componentCredentialIds)];
  if (sameValue(asked, [state.pathwayId, state.learnerId, sorted(state.componentCredentialIds)])) return [];
  throw conflict('stack.already-awarded', `Stack ${data.stackId} was awarded from other components`);
};

const award = (command: AwardStackedCredential, state: StackState): StackEvent[] => {
  if (state.status !== 'absent') return awardAgain(command, state);
  const { data, metadata } = command;
  const { stackId, pathwayId, learnerId, componentCredentialIds, context } = data;
  const issuerId = actingIssuerId(metadata);
  const pathway = awardingPathway(pathwayId, context.pathway, issuerId);
  requireText(learnerId, 'stack.learner-required', 'learnerId');
  const components = resolveComponents(componentCredentialIds, context.components);
  assertComponentsQualify(components, pathway, learnerId, metadata.now);
  assertPathwayComplete(components, pathway);
  const { totalEcts, validUntil } = backing(components, { pathway, awardedAt: metadata.now });
  return [
    {
      type: 'StackedCredentialAwarded',
      data: {
        stackId,
        issuerId,
        pathwayId,
        learnerId,
        componentCredentialIds,
        totalEcts,
        awardedAt: metadata.now,
        ...(validUntil !== undefined ? { validUntil } : {}),
        ...zeroEctsNote(components),
      },
    },
  ];
};

export const decideStack = (command: StackCommand, state: StackState): StackEvent[] => {
  switch (command.type) {
    case 'AwardStackedCredential':
      return award(command, state);
    case 'ReconcileStackedCredential':
      return reconcileStack(command, state);
    default:
      return exhaustive(command);
  }
};

export const stackDecider: Decider<StackState, StackCommand, StackEvent> = {
  decide: decideStack,
  evolve: evolveStack,
  initialState: initialStackState,
};
