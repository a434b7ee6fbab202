/**
 * The command types a rule may apply to. A ruleset naming any other type is refused at load, so a
 * typo cannot silently switch a rule off.
 */
export const COMMAND_TYPES = [
  'RegisterIssuer',
  'AccreditIssuer',
  'SuspendAccreditation',
  'WithdrawAccreditation',
  'PublishSpecification',
  'RetireSpecification',
  'RecordAssessment',
  'AnnulAssessment',
  'IssueCredential',
  'SuspendCredential',
  'ReinstateCredential',
  'RevokeCredential',
  'PublishPathway',
  'AwardStackedCredential',
  'InvalidateStackedCredential',
] as const;

export type CommandType = (typeof COMMAND_TYPES)[number];

const known: ReadonlySet<string> = new Set(COMMAND_TYPES);
export const isCommandType = (value: string): value is CommandType => known.has(value);
