import type { AssessmentCommand } from './assessment/commands';
import type { CredentialCommand } from './credential/commands';
import type { IssuerCommand } from './issuer/commands';
import type { PathwayCommand } from './pathway/commands';
import type { PrincipalCommand } from './principal/commands';
import type { QaBodyCommand } from './qa-body/commands';
import type { SpecificationCommand } from './specification/commands';
import type { StackCommand } from './stack/commands';
import type { StatusIndexCommand } from './status-index/commands';

/** Every command the ledger decides. Ruleset activation is not one: it chooses the ruleset. */
export type CredenceCommand =
  | QaBodyCommand
  | IssuerCommand
  | SpecificationCommand
  | AssessmentCommand
  | CredentialCommand
  | PathwayCommand
  | StackCommand
  | StatusIndexCommand
  | PrincipalCommand;

export type CredenceCommandType = CredenceCommand['type'];

/** One command of the union by its type. */
export type CommandOfType<T extends CredenceCommandType> = Extract<CredenceCommand, { type: T }>;

/**
 * A total record over the union, so a command type added to a decider without being listed here
 * fails to compile. Rulesets name these types; one naming any other is refused at load.
 */
const LISTED: Readonly<Record<CredenceCommandType, true>> = {
  RegisterQaBody: true,
  RegisterIssuer: true,
  AccreditIssuer: true,
  SuspendAccreditation: true,
  ReinstateAccreditation: true,
  WithdrawAccreditation: true,
  ActivateIssuerKey: true,
  ReportIssuerKeyCompromise: true,
  PublishSpecification: true,
  ReviseSpecification: true,
  RetireSpecification: true,
  RecordAssessment: true,
  AnnulAssessment: true,
  CredentialAssessment: true,
  ReleaseAssessment: true,
  IssueCredential: true,
  SuspendCredential: true,
  ReinstateCredential: true,
  RevokeCredential: true,
  PublishPathway: true,
  ClaimStackComponents: true,
  ReleaseStackComponents: true,
  AwardStackedCredential: true,
  ReconcileStackedCredential: true,
  ClaimStatusIndex: true,
  ClaimStatusIndexes: true,
  CreatePrincipal: true,
  DisablePrincipal: true,
  RotatePrincipalToken: true,
};

export const COMMAND_TYPES = Object.keys(LISTED) as [CredenceCommandType, ...CredenceCommandType[]];

export const isCommandType = (value: string): value is CredenceCommandType =>
  Object.prototype.hasOwnProperty.call(LISTED, value);
