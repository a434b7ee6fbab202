import { conflict, type Decider } from '../core';
import { definedOnly, sameValue, withoutStatus } from '../equality';
import { requireText } from '../guards';
import type { QaBodyCommand } from './commands';
import type { QaBodyEvent } from './events';
import { evolveQaBody, initialQaBodyState, type QaBodyState } from './state';

export const decideQaBody = ({ data }: QaBodyCommand, state: QaBodyState): QaBodyEvent[] => {
  requireText(data.name, 'qa-body.name-required', 'name');
  requireText(data.country, 'qa-body.country-required', 'country');
  const { qaBodyId, name, country, eqarId } = data;
  const details = definedOnly({ qaBodyId, name, country, eqarId });
  if (state.status === 'unregistered') return [{ type: 'QaBodyRegistered', data: details }];
  if (sameValue(withoutStatus(state), details)) return [];
  throw conflict('qa-body.already-registered', `QA body ${qaBodyId} is registered with other details`);
};

export const qaBodyDecider: Decider<QaBodyState, QaBodyCommand, QaBodyEvent> = {
  decide: decideQaBody,
  evolve: evolveQaBody,
  initialState: initialQaBodyState,
};
