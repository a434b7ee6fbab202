import {
  type PathwayComponentsClaimed,
  type StackComponentReplaced,
  type StackedCredentialInvalidated,
  stackDecider,
  streamId,
} from '@credence/domain';
import type { RecordedEvent } from '@credence/event-store';
import { reactionMetadata, type Reaction, type ReactionContext } from '../reactor';
import { awardRequest } from '../stack-award';
import { isRefusal } from './issuance-recovery';

const SYSTEM = { id: 'system:stack-claims', role: 'admin' } as const;

/**
 * A claim whose stack is missing: the award crashed between the two appends (or is still between
 * them). Re-sending the same award finishes it, or refuses it and releases the claim; every step
 * dedupes by its derived command id, so racing the live request is safe.
 */
const finish = async (event: RecordedEvent, { ledger, store }: ReactionContext) => {
  const claim = event.data as PathwayComponentsClaimed['data'];
  const awarded = await store.readStream(streamId('stack', claim.stackId), { maxCount: 1 });
  if (awarded.length > 0) return;
  try {
    await ledger.handle(awardRequest(claim, event.metadata));
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
};

/** An invalidated stack backs nothing: its components may back another stack on the pathway. */
const release = async (event: RecordedEvent, { ledger }: ReactionContext) => {
  const { stackId } = event.data as StackedCredentialInvalidated['data'];
  const { state } = await ledger.load(stackDecider, streamId('stack', stackId));
  if (state.status === 'absent') return;
  const ids = [...state.componentCredentialIds, ...state.lostComponentIds, ...state.replacedComponentIds];
  await ledger.handle({
    type: 'ReleaseStackComponents',
    data: { pathwayId: state.pathwayId, stackId, componentCredentialIds: ids },
    metadata: reactionMetadata(event, SYSTEM, `release:${stackId}`),
  });
};

/**
 * A stack that follows a re-issue claims it on the pathway, so it backs no second stack there. A
 * re-issue that backs another stack already is refused the claim (the stack still follows it).
 */
const claimReplacement = async (event: RecordedEvent, { ledger }: ReactionContext) => {
  const { stackId, replacementCredentialId } = event.data as StackComponentReplaced['data'];
  const { state } = await ledger.load(stackDecider, streamId('stack', stackId));
  if (state.status === 'absent') return;
  const step = `claim:${stackId}`;
  const metadata = reactionMetadata(event, SYSTEM, step);
  try {
    await ledger.handle({
      type: 'ClaimStackComponents',
      data: {
        pathwayId: state.pathwayId,
        stackId,
        componentCredentialIds: [replacementCredentialId],
        // The stack exists, so recovery never re-sends this "award": it only names the claim's cause.
        award: { commandId: metadata.commandId, learnerId: state.learnerId },
      },
      metadata,
    });
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
};

/** Keeps "a credential backs at most one stack per pathway" whole across crashes, invalidations and re-issues. */
export const stackClaims: Reaction<
  'PathwayComponentsClaimed' | 'StackedCredentialInvalidated' | 'StackComponentReplaced'
> = {
  types: ['PathwayComponentsClaimed', 'StackedCredentialInvalidated', 'StackComponentReplaced'],
  handle: (event, context) => {
    if (event.type === 'PathwayComponentsClaimed') return finish(event, context);
    if (event.type === 'StackedCredentialInvalidated') return release(event, context);
    if (event.type === 'StackComponentReplaced') return claimReplacement(event, context);
  },
};
