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
  SpecificationPublished:
    'A microcredential specification (EU Annex I elements) was published (stream `specification-<id>`).',
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
  StackedCredentialInvalidated: 'A stacked credential lost its validity because a component was revoked.',
  QualityCheckFailed:
    'A command was refused by a blocking rule of the active ruleset (stream `compliance-<issuerId>`).',
  RulesetActivated: 'A quality-benchmark ruleset became active (stream `rulesets`).',
  PrincipalCreated:
    'An admin gave access: the principal, its role and binding, who acted and when (stream `principals`; never the token).',
  PrincipalDisabled:
    "A principal's access was withdrawn: its token is refused from then on (stream `principals`).",
  PrincipalTokenRotated:
    "A principal's token was replaced: the old one is refused, the new one was shown once (stream `principals`).",
};
