import type { Command } from '../core';
import type { CredentialState } from '../credential/state';
import type { PathwayState } from '../pathway/state';

export type AwardStackedCredential = Command<
  'AwardStackedCredential',
  {
    stackId: string;
    pathwayId: string;
    learnerId: string;
    componentCredentialIds: readonly string[];
    /** The pathway's state and the component credentials' states, in any order. */
    context: { pathway: PathwayState; components: readonly CredentialState[] };
  }
>;
/** Sent by the system when a component credential is revoked. */
export type InvalidateStackedCredential = Command<
  'InvalidateStackedCredential',
  { stackId: string; componentCredentialId: string }
>;

export type StackCommand = AwardStackedCredential | InvalidateStackedCredential;
