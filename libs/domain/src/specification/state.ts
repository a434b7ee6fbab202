import type { SpecificationEvent, SpecificationPublished } from './events';

/**
 * Retired keeps the content: credentials already issued still describe what was learned. The content
 * is the current version's; `version` counts the publication (1) and every revision since.
 */
export type SpecificationState =
  | Readonly<{ status: 'absent' }>
  | (SpecificationPublished['data'] &
      Readonly<{ status: 'published' | 'retired'; version: number; retiredAt?: string }>);

export const initialSpecificationState = (): SpecificationState => ({ status: 'absent' });

export const evolveSpecification = (
  state: SpecificationState,
  { type, data }: SpecificationEvent,
): SpecificationState => {
  switch (type) {
    case 'SpecificationPublished':
      return { status: 'published', version: 1, ...data };
    case 'SpecificationRevised':
      // The content is replaced whole: an element the revision leaves out is gone from it.
      return state.status === 'absent' ? state : { status: state.status, ...data };
    case 'SpecificationRetired':
      if (state.status === 'absent') return state;
      return data.retiredAt === undefined
        ? { ...state, status: 'retired' }
        : { ...state, status: 'retired', retiredAt: data.retiredAt };
  }
};
