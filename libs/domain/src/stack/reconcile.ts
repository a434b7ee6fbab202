import { invalid, notFound } from '../core';
import type { CredentialState, IssuedCredentialState } from '../credential/state';
import { assertContextFor, assertMayActOn } from '../guards';
import type { ReconcileStackedCredential } from './commands';
import { backing, type Pathway, pathwayShortfall, resolveComponents } from './components';
import type { StackEvent } from './events';
import type { AwardedStackState, StackState } from './state';

/** The re-issue a superseded component names, if it can stand in for it: active, same learner, same spec. */
const replacementFor = (
  superseded: IssuedCredentialState,
  replacementId: string | undefined,
  states: readonly CredentialState[],
): IssuedCredentialState | undefined => {
  if (superseded.status !== 'revoked' || superseded.reason !== 'superseded') return undefined;
  const replacement = states.find(
    (s): s is IssuedCredentialState => s.status !== 'absent' && s.credentialId === replacementId,
  );
  const fits =
    replacement?.status === 'active' &&
    replacement.learner.id === superseded.learner.id &&
    replacement.specificationId === superseded.specificationId;
  return fits ? replacement : undefined;
};

/** A component pending its own reconciliation still stands if it was superseded: its replacement will. */
const standing = (c: IssuedCredentialState) => c.status !== 'revoked' || c.reason === 'superseded';

type Step = Readonly<{ components: readonly IssuedCredentialState[]; events: StackEvent[] }>;

/** The changed component, if revoked: replaced by its re-issue, lost, or the end of the stack. */
const followRevocation = (
  state: AwardedStackState,
  pathway: Pathway,
  components: readonly IssuedCredentialState[],
  command: ReconcileStackedCredential['data'],
): Step => {
  const { stackId, issuerId } = state;
  const changed = components.find((c) => c.credentialId === command.componentCredentialId);
  if (changed?.status !== 'revoked') return { components, events: [] };
  const componentCredentialId = changed.credentialId;
  const replacement = replacementFor(changed, command.replacementCredentialId, command.context.components);
  if (replacement) {
    const next = components.map((c) => (c === changed ? replacement : c));
    const data = {
      stackId,
      issuerId,
      componentCredentialId,
      replacementCredentialId: replacement.credentialId,
    };
    return {
      components: next,
      events: [
        {
          type: 'StackComponentReplaced',
          data: { ...data, ...backing(next, { pathway, awardedAt: state.awardedAt }) },
        },
      ],
    };
  }
  const remaining = components.filter((c) => c !== changed);
  if (pathwayShortfall(remaining.filter(standing), pathway) !== null) {
    const data = { stackId, issuerId, reason: 'component-revoked' as const, componentCredentialId };
    return { components: [], events: [{ type: 'StackedCredentialInvalidated', data }] };
  }
  const data = {
    stackId,
    issuerId,
    componentCredentialId,
    reason: changed.reason,
    ...backing(remaining, { pathway, awardedAt: state.awardedAt }),
  };
  return { components: remaining, events: [{ type: 'StackComponentLost', data }] };
};

/** Suspended while its suspended components are needed to complete the pathway; reinstated when not. */
const followSuspensions = (
  state: AwardedStackState,
  pathway: Pathway,
  components: readonly IssuedCredentialState[],
): StackEvent[] => {
  const { stackId, issuerId } = state;
  const suspendedComponentIds = components.filter((c) => c.status === 'suspended').map((c) => c.credentialId);
  const completes =
    pathwayShortfall(
      components.filter((c) => c.status === 'active'),
      pathway,
    ) === null;
  if (state.status === 'awarded' && !completes && suspendedComponentIds.length > 0) {
    return [{ type: 'StackedCredentialSuspended', data: { stackId, issuerId, suspendedComponentIds } }];
  }
  if (state.status === 'suspended' && completes) {
    return [{ type: 'StackedCredentialReinstated', data: { stackId, issuerId } }];
  }
  return [];
};

/**
 * The stack follows its components' current states. A revoked component is replaced by its
 * re-issue (reason `superseded`), or lost if the rest still completes the pathway (a 2-of pathway
 * awarded from 3), or else the stack is invalidated. Then suspension follows the suspended
 * components. Judged on current states, so a re-run, or a run for an older change, adds nothing.
 */
export const reconcileStack = (
  { data, metadata }: ReconcileStackedCredential,
  state: StackState,
): StackEvent[] => {
  const { stackId, componentCredentialId, context } = data;
  if (state.status === 'absent') throw notFound('stack.not-found', `Stack ${stackId} is unknown`);
  assertMayActOn(metadata, 'stack', stackId, { id: state.stackId, issuerId: state.issuerId });
  const known = [...state.componentCredentialIds, ...state.lostComponentIds, ...state.replacedComponentIds];
  if (!known.includes(componentCredentialId)) {
    throw invalid(
      'stack.component-unknown',
      `Credential ${componentCredentialId} is not part of stack ${stackId}`,
      {
        componentCredentialId,
      },
    );
  }
  if (state.status === 'invalidated') return [];
  const pathway = context.pathway;
  if (pathway.status === 'absent')
    throw notFound('pathway.not-found', `Pathway ${state.pathwayId} is unknown`);
  assertContextFor('pathway', state.pathwayId, pathway.pathwayId);
  const current = resolveComponents(state.componentCredentialIds, context.components);
  const revocation = followRevocation(state, pathway, current, data);
  if (revocation.events.some((e) => e.type === 'StackedCredentialInvalidated')) return revocation.events;
  return [...revocation.events, ...followSuspensions(state, pathway, revocation.components)];
};
