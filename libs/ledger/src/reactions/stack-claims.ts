import {
  type PathwayComponentsClaimed,
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

/** Keeps "a credential backs at most one stack per pathway" whole across crashes and invalidations. */
export const stackClaims: Reaction = {
  handle: (event, context) => {
    if (event.type === 'PathwayComponentsClaimed') return finish(event, context);
    if (event.type === 'StackedCredentialInvalidated') return release(event, context);
  },
};
