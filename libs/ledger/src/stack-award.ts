import {
  type CommandMetadata,
  conflict,
  stackDecider,
  type StackAward,
  type StackState,
} from '@credence/domain';
import type { HandleResult } from '@credence/event-store';
import type { CommandRequest } from './catalogue/catalogue';
import { stepMetadata } from './issuance';
import type { Ledger, ResolvedCommand } from './ledger';

type Award = CommandRequest<'AwardStackedCredential'>;

/** The award a claim was made for, as the request that made it: what recovery re-sends. */
export const awardRequest = (
  claim: Readonly<{
    pathwayId: string;
    stackId: string;
    componentCredentialIds: readonly string[];
    award: StackAward;
  }>,
  claimed: CommandMetadata,
): Award => {
  const { ruleset: _r, findings: _f, ...metadata } = claimed;
  const { commandId, learnerId } = claim.award;
  return {
    type: 'AwardStackedCredential',
    data: {
      stackId: claim.stackId,
      pathwayId: claim.pathwayId,
      learnerId,
      componentCredentialIds: claim.componentCredentialIds,
    },
    metadata: { ...metadata, commandId, causationId: commandId },
  };
};

const release = (ledger: Ledger, { data }: Award, metadata: CommandMetadata) =>
  ledger.handle({
    type: 'ReleaseStackComponents',
    data: {
      pathwayId: data.pathwayId,
      stackId: data.stackId,
      componentCredentialIds: data.componentCredentialIds,
    },
    metadata: stepMetadata(metadata, 'release'),
  });

/**
 * A credential backs at most one stack per pathway, kept like "one assessment, one credential"
 * (libs/domain/README.md): refuse what can be refused first, then claim the components on the
 * pathway stream (of concurrent claims one wins; the others are re-decided and refused), then
 * append the stack. A refused append releases the claim; a crash between the appends is finished
 * by the stackClaims reaction, which re-sends this same request.
 */
export const awardClaiming = async (
  ledger: Ledger,
  request: Award,
  resolved: ResolvedCommand<'AwardStackedCredential'>,
  append: () => Promise<HandleResult<StackState>>,
): Promise<HandleResult<StackState>> => {
  const { command, target } = resolved;
  const { state } = await ledger.load(target.folding, target.streamId);
  // An awarded stack answers for itself: a retry is a no-op, other terms a conflict.
  if (state.status !== 'absent') return append();
  stackDecider.decide(await ledger.gateCheck(resolved, state), state);

  const { pathwayId, stackId, learnerId, componentCredentialIds } = request.data;
  const claim = await ledger.handle({
    type: 'ClaimStackComponents',
    data: {
      pathwayId,
      stackId,
      componentCredentialIds,
      award: { commandId: command.metadata.commandId, learnerId },
    },
    metadata: stepMetadata(command.metadata, 'claim'),
  });
  // A replayed claim may since have been released: then this award is over.
  const claims = claim.state.status === 'absent' ? {} : claim.state.claims;
  const lost = componentCredentialIds.filter((id) => claims[id] !== stackId);
  if (lost.length > 0) {
    throw conflict('stack.component-reused', `Components no longer reserved for stack ${stackId}`, {
      components: lost.map((credentialId) => ({ credentialId, stackId: claims[credentialId] ?? null })),
    });
  }
  try {
    return await append();
  } catch (error) {
    await release(ledger, request, command.metadata);
    throw error;
  }
};
