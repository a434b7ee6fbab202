import type { Command } from '../core';
import type { SpecificationState } from '../specification/state';
import type { PathwayPublished, StackAward } from './events';

export type PublishPathway = Command<
  'PublishPathway',
  Omit<PathwayPublished['data'], 'issuerId'> & {
    /** The component specifications' states, in any order. */
    context: { components: readonly SpecificationState[] };
  }
>;

/** Sent by the Ledger before it appends a stack: reserves its components on the pathway. */
export type ClaimStackComponents = Command<
  'ClaimStackComponents',
  { pathwayId: string; stackId: string; componentCredentialIds: readonly string[]; award: StackAward }
>;
/** Sent by the system when an award is refused after its claim, or its stack is invalidated. */
export type ReleaseStackComponents = Command<
  'ReleaseStackComponents',
  { pathwayId: string; stackId: string; componentCredentialIds: readonly string[] }
>;

export type PathwayCommand = PublishPathway | ClaimStackComponents | ReleaseStackComponents;
