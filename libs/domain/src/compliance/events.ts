import type { Event, Finding, RulesetStamp } from '../core';

/** Recorded on `compliance-<issuerId>` when a block rule refuses a command, so QA bodies see attempts. */
export type QualityCheckFailed = Event<
  'QualityCheckFailed',
  {
    issuerId: string;
    commandType: string;
    commandId: string;
    /** The stream the refused command targeted; nothing was appended there. */
    targetStreamId: string;
    ruleset: RulesetStamp;
    findings: readonly Finding[];
  }
>;

/** Recorded on the `rulesets` stream; every later decision names the ruleset it ran under. */
export type RulesetActivated = Event<
  'RulesetActivated',
  {
    rulesetId: string;
    version: string;
    hash: string;
    activatedBy: string;
    reason: 'startup-default' | 'explicit';
  }
>;

export type ComplianceEvent = QualityCheckFailed;
export type RulesetEvent = RulesetActivated;
