import type { AssessmentEvent } from './assessment/events';
import type { ComplianceEvent, RulesetEvent } from './compliance/events';
import type { CredentialEvent } from './credential/events';
import type { IssuerEvent } from './issuer/events';
import type { PathwayEvent } from './pathway/events';
import type { PrincipalEvent } from './principal/events';
import type { QaBodyEvent } from './qa-body/events';
import type { SpecificationEvent } from './specification/events';
import type { StackEvent } from './stack/events';
import type { StatusIndexEvent } from './status-index/events';

export type CredenceEvent =
  | QaBodyEvent
  | IssuerEvent
  | SpecificationEvent
  | AssessmentEvent
  | CredentialEvent
  | PathwayEvent
  | StackEvent
  | StatusIndexEvent
  | ComplianceEvent
  | RulesetEvent
  | PrincipalEvent;

export type CredenceEventType = CredenceEvent['type'];

/**
 * Every event type and its current schema version. Typed as a total record, so adding an event
 * type without listing it here fails to compile; the AsyncAPI test checks the same list.
 */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<CredenceEventType, number>> = {
  QaBodyRegistered: 1,
  IssuerRegistered: 1,
  IssuerAccredited: 2,
  AccreditationSuspended: 1,
  AccreditationReinstated: 1,
  AccreditationWithdrawn: 1,
  IssuerKeyActivated: 1,
  IssuerKeyRetired: 1,
  IssuerKeyCompromised: 1,
  SpecificationPublished: 1,
  SpecificationRevised: 1,
  SpecificationRetired: 1,
  AssessmentRecorded: 1,
  AssessmentAnnulled: 1,
  AssessmentCredentialed: 1,
  AssessmentCredentialReleased: 1,
  CredentialIssued: 1,
  CredentialSuspended: 1,
  CredentialReinstated: 1,
  CredentialRevoked: 1,
  PathwayPublished: 1,
  PathwayComponentsClaimed: 1,
  PathwayComponentsReleased: 1,
  StackedCredentialAwarded: 1,
  StackedCredentialInvalidated: 1,
  StackComponentLost: 1,
  StackComponentReplaced: 1,
  StackedCredentialSuspended: 1,
  StackedCredentialReinstated: 1,
  StatusIndexClaimed: 1,
  StatusIndexesClaimed: 1,
  QualityCheckFailed: 1,
  RulesetActivated: 1,
  PrincipalCreated: 1,
  PrincipalDisabled: 1,
  PrincipalTokenRotated: 1,
};

export const EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as CredenceEventType[];

export const isCredenceEventType = (type: string): type is CredenceEventType =>
  Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
