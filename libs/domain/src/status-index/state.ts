import type { StatusIndexClaimed, StatusIndexEvent, StatusPurpose } from './events';

/** Who holds an index, and in which lists: both for a joint claim, the stream's own purpose for an older one. */
export type StatusIndexState =
  | Readonly<{ status: 'free' }>
  | Readonly<
      { status: 'claimed'; purposes: readonly StatusPurpose[] } & Omit<StatusIndexClaimed['data'], 'purpose'>
    >;

export const initialStatusIndexState = (): StatusIndexState => ({ status: 'free' });

export const evolveStatusIndex = (state: StatusIndexState, event: StatusIndexEvent): StatusIndexState => {
  // A claim is forever: a second event on the stream cannot be decided, so the first one stands.
  if (state.status === 'claimed') return state;
  switch (event.type) {
    case 'StatusIndexClaimed': {
      const { purpose, ...held } = event.data;
      return { status: 'claimed', ...held, purposes: [purpose] };
    }
    case 'StatusIndexesClaimed':
      return { status: 'claimed', ...event.data };
  }
};

/** `status-index-<issuerId>/<purpose>/<list>/<index>`: one stream per index, never more than one event. */
export const statusIndexKey = (
  issuerId: string,
  position: Readonly<{ purpose: string; list: number; index: number }>,
) => `${issuerId}/${position.purpose}/${position.list}/${position.index}`;
