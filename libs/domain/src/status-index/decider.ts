import { conflict, invalid, type Decider } from '../core';
import { assertOwnedBy, exhaustive } from '../guards';
import type { ClaimStatusIndex, StatusIndexCommand } from './commands';
import { STATUS_LIST_LENGTH, STATUS_PURPOSES, type StatusIndexEvent } from './events';
import { evolveStatusIndex, initialStatusIndexState, type StatusIndexState } from './state';

const claim = ({ data, metadata }: ClaimStatusIndex, state: StatusIndexState): StatusIndexEvent[] => {
  const { issuerId, purpose, list, index, credentialId } = data;
  assertOwnedBy(metadata, issuerId);
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (!STATUS_PURPOSES.includes(purpose) || !whole(list) || !whole(index) || index >= STATUS_LIST_LENGTH)
    throw invalid(
      'status-index.invalid',
      'A status index needs a purpose, a list number and an index inside the list',
      {
        purpose,
        list,
        index,
      },
    );
  if (state.status === 'claimed') {
    if (state.credentialId === credentialId && state.issuerId === issuerId) return [];
    throw conflict('status-index.taken', `Status index ${purpose}/${list}/${index} is taken`, {
      purpose,
      list,
      index,
    });
  }
  return [{ type: 'StatusIndexClaimed', data: { issuerId, purpose, list, index, credentialId } }];
};

export const decideStatusIndex = (
  command: StatusIndexCommand,
  state: StatusIndexState,
): StatusIndexEvent[] => {
  switch (command.type) {
    case 'ClaimStatusIndex':
      return claim(command, state);
    default:
      return exhaustive(command.type);
  }
};

export const statusIndexDecider: Decider<StatusIndexState, StatusIndexCommand, StatusIndexEvent> = {
  decide: decideStatusIndex,
  evolve: evolveStatusIndex,
  initialState: initialStatusIndexState,
};
