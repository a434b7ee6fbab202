import type { CredenceEventType } from '@credence/domain';

/**
 * One line per event for the AsyncAPI document, written for a regulator reading the feed. A total
 * record: a new event type does not compile until it is described here.
 */
export const EVENT_SUMMARIES: Readonly<Record<CredenceEventType, string>> = {
  QaBodyRegistered:
    'A quality-assurance body was registered (stream `qa-body-<qaBodyId>`); its principals act in its name.',
  IssuerRegistered: 'An issuer was registered with the ledger (stream `issuer-<issuerId>`).',
  IssuerAccredited: 'A QA body accredited the issuer for a scope and period.',
  AccreditationSuspended: "The issuer's accreditation was suspended.",
  AccreditationReinstated:
    "The issuer's suspended accreditation was reinstated by the QA body that granted it.",
  AccreditationWithdrawn: "The issuer's accreditation was withdrawn.",
  IssuerKeyActivated:
    "A public signing key (Ed25519 or P-256) became the issuer's current key of its algorithm; verifiers read key validity from these events.",
  IssuerKeyRetired: 'The key was superseded by a newer one; what it signed before stays verifiable.',
  IssuerKeyCompromised:
    'The key was reported compromised: what it signed from `compromisedSince` on fails verification.',
  SpecificationPublished:
    'A microcredential specification (EU Annex I elements) was published (stream `specification-<id>`).',
  SpecificationRevised:
    'A new version of the specification, with its full content; credentials issued from now on record that version.',
  SpecificationRetired: 'The specification was retired.',
  AssessmentRecorded: "A learner's assessment result was recorded (stream `assessment-<id>`).",
  AssessmentAnnulled: 'The assessment was annulled; the credentials it backs are revoked after it.',
  AssessmentCredentialed:
    'The assessment now backs a credential (its reservation, appended just before the credential).',
  AssessmentCredentialReleased:
    'The assessment backs that credential no more: the issuance was refused or the credential revoked.',
  CredentialIssued: 'A credential was issued to a pseudonymous learner (stream `credential-<credentialId>`).',
  CredentialSuspended: 'The credential was suspended pending investigation or on request.',
  CredentialReinstated: 'A suspended credential was reinstated.',
  CredentialRevoked: 'The credential was revoked for good.',
  PathwayPublished: 'A stacking pathway was published (stream `pathway-<id>`).',
  StackedCredentialAwarded:
    'A stacked credential was awarded for completing a pathway (stream `stack-<id>`).',
  StackedCredentialInvalidated:
    'A stacked credential lost its validity because a component was revoked and the rest no longer complete the pathway.',
  PathwayComponentsClaimed:
    'Component credentials were reserved for one stack on a pathway: each backs at most one stack per pathway.',
  PathwayComponentsReleased:
    'Component credentials reserved for a stack were released (the award was refused, or the stack invalidated).',
  StackComponentLost:
    'A component of a stacked credential was revoked; the remaining components still complete the pathway.',
  StackComponentReplaced: 'A superseded component of a stacked credential was replaced by its re-issue.',
  StackedCredentialSuspended:
    'A stacked credential was suspended: without its suspended components the pathway is not complete.',
  StackedCredentialReinstated:
    'A suspended stacked credential was reinstated: its components complete the pathway again.',
  QualityCheckFailed:
    'A command was refused by a blocking rule of the active ruleset (stream `compliance-<issuerId>`).',
  RulesetActivated: 'A quality-benchmark ruleset became active (stream `rulesets`).',
  StatusIndexClaimed:
    "An index of the issuer's revocation or suspension status list now belongs to a credential (issuances before `StatusIndexesClaimed`: one claim per list) (stream `status-index-<issuerId>/<purpose>/<list>/<index>`), claimed just before the credential is appended.",
  StatusIndexesClaimed:
    "One index (`list`, `index`) of both the issuer's revocation and its suspension status list now belongs to a credential (stream `status-index-<issuerId>/revocation/<list>/<index>`; `purposes` names both lists), claimed just before the credential is appended.",
  PrincipalCreated:
    'An admin gave access: the principal, its role and binding, who acted and when (stream `principals`; never the token).',
  PrincipalDisabled:
    "A principal's access was withdrawn: its token is refused from then on (stream `principals`).",
  PrincipalTokenRotated:
    "A principal's token was replaced: the old one is refused, the new one was shown once (stream `principals`).",
};
