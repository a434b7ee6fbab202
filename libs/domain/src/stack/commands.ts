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
/**
 * Sent by the system when a component credential is revoked, suspended or reinstated: the stack
 * follows its components' current states (a re-run finds nothing left to do).
 */
export type ReconcileStackedCredential = Command<
  'ReconcileStackedCredential',
  {
    stackId: string;
    /** The component whose change caused this. */
    componentCredentialId: string;
    /** When it was superseded: the re-issue that replaces it (`supersededBy` of the revocation). */
    replacementCredentialId?: string;
    /** The pathway, and the states of the stack's components and of the replacement, in any order. */
    context: { pathway: PathwayState; components: readonly CredentialState[] };
  }
>;

export type StackCommand = AwardStackedCredential | ReconcileStackedCredential;
