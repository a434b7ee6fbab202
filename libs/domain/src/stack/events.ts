import type { Event } from '../core';

export type StackedCredentialAwarded = Event<
  'StackedCredentialAwarded',
  {
    stackId: string;
    issuerId: string;
    pathwayId: string;
    learnerId: string;
    componentCredentialIds: readonly string[];
    totalEcts: number;
    awardedAt: string;
  }
>;
export type StackedCredentialInvalidated = Event<
  'StackedCredentialInvalidated',
  { stackId: string; issuerId: string; reason: 'component-revoked'; componentCredentialId: string }
>;

export type StackEvent = StackedCredentialAwarded | StackedCredentialInvalidated;
