import type { Event } from '../core';

export type CompletionRule = Readonly<{ kind: 'all-of' }> | Readonly<{ kind: 'n-of'; n: number }>;

export type PathwayPublished = Event<
  'PathwayPublished',
  {
    pathwayId: string;
    issuerId: string;
    title: string;
    components: readonly string[];
    completion: CompletionRule;
    minimumEcts: number;
  }
>;

export type PathwayEvent = PathwayPublished;
