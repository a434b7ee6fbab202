import type { Command } from '../core';
import type { CredentialState } from '../credential/state';
import type { PathwayState } from '../pathway/state';
import type { IssuerState } from '../issuer/state';

export type AwardStackedCredential = Command<
  'AwardStackedCredential',
  {
    stackId: string;
    pathwayId: string;
    learnerId: string;
    componentCredentialIds: readonly string[];
    /** The pathway's state and the component credentials' states, in any order. */
    /** `issuer`: the stacking issuer, for the rules (its accreditation); the decider ignores it. */
    context: { pathway: PathwayState; components: readonly CredentialState[]; issuer: IssuerState };
  }
>;
/** Sent by the system when a component credential is revoked. */
export type InvalidateStackedCredential = Command<
  'InvalidateStackedCredential',
  { stackId: string; componentCredentialId: string }
>;

export type StackCommand = AwardStackedCredential | InvalidateStackedCredential;
