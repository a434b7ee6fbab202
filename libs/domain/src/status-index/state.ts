import type { StatusIndexEvent, StatusIndexClaimed } from './events';

export type StatusIndexState =
  Readonly<{ status: 'free' }> | Readonly<{ status: 'claimed' } & StatusIndexClaimed['data']>;

export const initialStatusIndexState = (): StatusIndexState => ({ status: 'free' });

export const evolveStatusIndex = (state: StatusIndexState, event: StatusIndexEvent): StatusIndexState => {
  switch (event.type) {
    case 'StatusIndexClaimed':
      // A claim is forever: a second event on the stream cannot be decided, so the first one stands.
      return state.status === 'claimed' ? state : { status: 'claimed', ...event.data };
  }
};

/** `status-index-<issuerId>/<purpose>/<list>/<index>`: one stream per index, never more than one event. */
export const statusIndexKey = (
  issuerId: string,
  position: Readonly<{ purpose: string; list: number; index: number }>,
) => `${issuerId}/${position.purpose}/${position.list}/${position.index}`;
