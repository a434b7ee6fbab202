import type { StackedCredentialAwarded, StackEvent } from './events';

type Awarded = StackedCredentialAwarded['data'];

export type StackState =
  | Readonly<{ status: 'absent' }>
  | (Awarded & Readonly<{ status: 'awarded' }>)
  | (Awarded & Readonly<{ status: 'invalidated'; invalidatedBy: string }>);

export const initialStackState = (): StackState => ({ status: 'absent' });

export const evolveStack = (state: StackState, { type, data }: StackEvent): StackState => {
  switch (type) {
    case 'StackedCredentialAwarded':
      return { status: 'awarded', ...data };
    case 'StackedCredentialInvalidated':
      return state.status === 'awarded'
        ? { ...state, status: 'invalidated', invalidatedBy: data.componentCredentialId }
        : state;
  }
};
