import type { SpecificationEvent, SpecificationPublished } from './events';

/** Retired keeps the content: credentials already issued still describe what was learned. */
export type SpecificationState =
  | Readonly<{ status: 'absent' }>
  | (SpecificationPublished['data'] & Readonly<{ status: 'published' | 'retired' }>);

export const initialSpecificationState = (): SpecificationState => ({ status: 'absent' });

export const evolveSpecification = (
  state: SpecificationState,
  { type, data }: SpecificationEvent,
): SpecificationState => {
  switch (type) {
    case 'SpecificationPublished':
      return { status: 'published', ...data };
    case 'SpecificationRetired':
      return state.status === 'absent' ? state : { ...state, status: 'retired' };
  }
};
