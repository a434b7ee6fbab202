import { conflict, invalid, type Decider } from '../core';
import { assertOwnedBy, exhaustive } from '../guards';
import type { ClaimStatusIndex, ClaimStatusIndexes, StatusIndexCommand } from './commands';
import { STATUS_LIST_LENGTH, STATUS_PURPOSES, type StatusIndexEvent, type StatusPurpose } from './events';
import { evolveStatusIndex, initialStatusIndexState, type StatusIndexState } from './state';

const whole = (n: number) => Number.isInteger(n) && n >= 0;

const assertPosition = (purpose: StatusPurpose, list: number, index: number) => {
  if (!STATUS_PURPOSES.includes(purpose) || !whole(list) || !whole(index) || index >= STATUS_LIST_LENGTH)
    throw invalid(
      'status-index.invalid',
      'A status index needs a purpose, a list number and an index inside the list',
      { purpose, list, index },
    );
};

const taken = (purpose: StatusPurpose, list: number, index: number) =>
  conflict('status-index.taken', `Status index ${purpose}/${list}/${index} is taken`, {
    purpose,
    list,
    index,
  });

const claim = ({ data, metadata }: ClaimStatusIndex, state: StatusIndexState): StatusIndexEvent[] => {
  const { issuerId, purpose, list, index, credentialId, context } = data;
  assertOwnedBy(metadata, issuerId);
  assertPosition(purpose, list, index);
  if (state.status === 'claimed') {
    if (state.credentialId === credentialId && state.issuerId === issuerId) return [];
    throw taken(purpose, list, index);
  }
  // A joint claim on the twin (the revocation stream) holds this suspension bit already.
  if (context.twin.status === 'claimed' && context.twin.purposes.includes(purpose))
    throw taken(purpose, list, index);
  return [{ type: 'StatusIndexClaimed', data: { issuerId, purpose, list, index, credentialId } }];
};

/**
 * Both lists' index on the revocation index's stream. Held by this credential already: a no-op,
 * whatever it holds there (an issuance begun before joint claims holds the revocation index
 * alone, and its caller reads that from the state and claims the suspension index apart).
 */
const claimBoth = ({ data, metadata }: ClaimStatusIndexes, state: StatusIndexState): StatusIndexEvent[] => {
  const { issuerId, list, index, credentialId, context } = data;
  assertOwnedBy(metadata, issuerId);
  assertPosition('revocation', list, index);
  if (state.status === 'claimed') {
    if (state.credentialId === credentialId && state.issuerId === issuerId) return [];
    throw taken('revocation', list, index);
  }
  if (context.suspension.status === 'claimed') throw taken('suspension', list, index);
  return [
    {
      type: 'StatusIndexesClaimed',
      data: { issuerId, list, index, purposes: [...STATUS_PURPOSES], credentialId },
    },
  ];
};

export const decideStatusIndex = (
  command: StatusIndexCommand,
  state: StatusIndexState,
): StatusIndexEvent[] => {
  switch (command.type) {
    case 'ClaimStatusIndex':
      return claim(command, state);
    case 'ClaimStatusIndexes':
      return claimBoth(command, state);
    default:
      return exhaustive(command);
  }
};

export const statusIndexDecider: Decider<StatusIndexState, StatusIndexCommand, StatusIndexEvent> = {
  decide: decideStatusIndex,
  evolve: evolveStatusIndex,
  initialState: initialStatusIndexState,
};
