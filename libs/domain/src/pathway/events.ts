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
    /**
     * ISO 8601 duration: a stack on this pathway is valid that long from its award. Absent, a stack
     * ends with its components' earliest `validUntil`.
     */
    stackValidity?: string;
  }
>;

/** The award a claim was made for: what a recovery re-sends if the stack was never appended. */
export type StackAward = Readonly<{ commandId: string; learnerId: string }>;

/**
 * Credentials reserved for one stack on this pathway: a credential backs at most one stack per
 * pathway (the reservation protocol of libs/domain/README.md, on the pathway stream).
 */
export type PathwayComponentsClaimed = Event<
  'PathwayComponentsClaimed',
  {
    pathwayId: string;
    issuerId: string;
    stackId: string;
    componentCredentialIds: readonly string[];
    award: StackAward;
  }
>;
/** The stack was refused or invalidated: its components may back another stack on this pathway. */
export type PathwayComponentsReleased = Event<
  'PathwayComponentsReleased',
  { pathwayId: string; issuerId: string; stackId: string; componentCredentialIds: readonly string[] }
>;

export type PathwayEvent = PathwayPublished | PathwayComponentsClaimed | PathwayComponentsReleased;
