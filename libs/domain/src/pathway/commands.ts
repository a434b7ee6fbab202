import type { Command } from '../core';
import type { SpecificationState } from '../specification/state';
import type { PathwayPublished } from './events';

export type PublishPathway = Command<
  'PublishPathway',
  Omit<PathwayPublished['data'], 'issuerId'> & {
    /** The component specifications' states, in any order. */
    context: { components: readonly SpecificationState[] };
  }
>;

export type PathwayCommand = PublishPathway;
