import type { QaBodyEvent, QaBodyRegistered } from './events';

export type QaBodyState =
  Readonly<{ status: 'unregistered' }> | (QaBodyRegistered['data'] & Readonly<{ status: 'registered' }>);

export const initialQaBodyState = (): QaBodyState => ({ status: 'unregistered' });

export const evolveQaBody = (_: QaBodyState, { data }: QaBodyEvent): QaBodyState => ({
  status: 'registered',
  ...data,
});
