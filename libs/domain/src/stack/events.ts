import type { Event } from '../core';
import type { RevocationReason } from '../credential/events';

export type StackedCredentialAwarded = Event<
  'StackedCredentialAwarded',
  {
    stackId: string;
    issuerId: string;
    pathwayId: string;
    learnerId: string;
    componentCredentialIds: readonly string[];
    /** Components that state no ECTS (hours only) count 0 towards the pathway's `minimumEcts`. */
    totalEcts: number;
    awardedAt: string;
    /** The components' earliest `validUntil`; absent when none ends. */
    validUntil?: string;
    /** The components counted as 0 ECTS because their specification states hours only (or nothing). */
    zeroEctsComponentIds?: readonly string[];
  }
>;
/** The pathway failed without the revoked component: the stack is void, for good. */
export type StackedCredentialInvalidated = Event<
  'StackedCredentialInvalidated',
  { stackId: string; issuerId: string; reason: 'component-revoked'; componentCredentialId: string }
>;
/** A component was revoked, and the remaining components still complete the pathway. */
export type StackComponentLost = Event<
  'StackComponentLost',
  {
    stackId: string;
    issuerId: string;
    componentCredentialId: string;
    reason: RevocationReason;
    /** The components that back the stack now, their ECTS and their earliest end. */
    componentCredentialIds: readonly string[];
    totalEcts: number;
    validUntil?: string;
  }
>;
/** A component was superseded by a corrected re-issue: the stack follows the replacement. */
export type StackComponentReplaced = Event<
  'StackComponentReplaced',
  {
    stackId: string;
    issuerId: string;
    componentCredentialId: string;
    replacementCredentialId: string;
    componentCredentialIds: readonly string[];
    totalEcts: number;
    validUntil?: string;
  }
>;
/** Without its suspended components the pathway fails: the stack is suspended until they return. */
export type StackedCredentialSuspended = Event<
  'StackedCredentialSuspended',
  { stackId: string; issuerId: string; suspendedComponentIds: readonly string[] }
>;
export type StackedCredentialReinstated = Event<
  'StackedCredentialReinstated',
  { stackId: string; issuerId: string }
>;

export type StackEvent =
  | StackedCredentialAwarded
  | StackedCredentialInvalidated
  | StackComponentLost
  | StackComponentReplaced
  | StackedCredentialSuspended
  | StackedCredentialReinstated;
