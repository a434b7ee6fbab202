import type { PathwayEvent, PathwayPublished } from './events';

export type PathwayState =
  Readonly<{ status: 'absent' }> | (PathwayPublished['data'] & Readonly<{ status: 'published' }>);

export const initialPathwayState = (): PathwayState => ({ status: 'absent' });

export const evolvePathway = (_state: PathwayState, { type, data }: PathwayEvent): PathwayState => {
  switch (type) {
    case 'PathwayPublished':
      return { status: 'published', ...data };
  }
};
