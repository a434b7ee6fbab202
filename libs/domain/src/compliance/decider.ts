import type { Command, Decider } from '../core';
import type { QualityCheckFailed } from './events';

/** Sent by the rules gate when a block rule refuses a command; the refusal itself is never refused. */
export type RecordRefusal = Command<'RecordRefusal', QualityCheckFailed['data']>;

/** How many refusals an issuer's compliance stream holds. */
export type ComplianceState = Readonly<{ refusals: number }>;

/**
 * The `compliance-<issuerId>` stream: attempted non-compliance, for QA bodies. A repeat of the same
 * refused command decides the same event, whose id derives from the command, so it is stored once.
 */
export const complianceDecider: Decider<ComplianceState, RecordRefusal, QualityCheckFailed> = {
  decide: ({ data }) => [{ type: 'QualityCheckFailed', data }],
  evolve: ({ refusals }) => ({ refusals: refusals + 1 }),
  initialState: () => ({ refusals: 0 }),
};
