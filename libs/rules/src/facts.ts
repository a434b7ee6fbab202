import type { Role } from '@credence/domain';
import { COMMAND_TYPES } from '@credence/domain';
import { bool, double, int, list, object, oneOf, text, timestamp, type ValueOf } from './fact-types';

/**
 * Everything a rule can see: the one place facts are declared. The TypeScript `Facts` type, the CEL
 * declarations and the conversion of facts into CEL values are all derived from `FACT_TYPES`.
 *
 * Absent means empty. A part the command does not involve may be left out, and so may a field;
 * either is then read by rules as its empty value: "" for strings, 0 for numbers, false, [] and the
 * `epoch` timestamp (1970-01-01T00:00:00Z; an instant given as "" reads as `epoch` too). `eqfLevel`
 * 0 means "no EQF level"; optional instants come with a `has…` flag. So a rule that needs a fact the application forgot fails (and blocks,
 * if it is a block rule) rather than passing silently.
 */
const awardingBody = object({ legalName: text, country: text });

const accreditation = object({
  id: text,
  qaBody: text,
  eqfLevels: list(int),
  /** ISCED-F 2013 prefixes the scope covers ("06" covers "0613"); [] = every field. */
  fieldsOfStudy: list(text),
  validFrom: timestamp,
  validUntil: timestamp,
  status: oneOf('active', 'suspended', 'withdrawn'),
});

export const FACT_TYPES = object({
  /** The instant the command was accepted (from its metadata, never a clock). */
  now: timestamp,
  command: object({
    type: oneOf(...COMMAND_TYPES),
    issuerId: text,
    principalRole: oneOf('admin', 'qa-body', 'issuer', 'auditor', 'regulator', 'metrics'),
  }),
  /**
   * PublishSpecification: the specification as it would be published (status `published`).
   * RecordAssessment, IssueCredential: the specification they refer to.
   */
  specification: object({
    id: text,
    issuerId: text,
    title: text,
    countries: list(text),
    awardingBodies: list(awardingBody),
    learningOutcomes: list(text),
    ects: double,
    hours: double,
    /** 0 when the specification gives no EQF level. */
    eqfLevel: int,
    /** ISCED-F 2013 code, e.g. "0613"; "" when not given. */
    fieldOfStudy: text,
    typeOfAssessment: text,
    formOfParticipation: text,
    typeOfQualityAssurance: text,
    /** A code from rules/README.md, e.g. `supervised-onsite-with-identity-verification`; "" when not given. */
    supervisionAndIdentityVerification: text,
    stackable: bool,
    status: oneOf('draft', 'published', 'retired'),
    /** The current version: 1 as published, then one more per revision. */
    version: int,
    /** When it was retired; `epoch` when it is not (or was retired before this was recorded). */
    retiredAt: timestamp,
  }),
  /** The issuer the command acts for, with all its accreditations (any status). */
  issuer: object({
    id: text,
    registered: bool,
    /** As registered: the "Authentic" rule ties the specification's awarding bodies to it. */
    legalName: text,
    country: text,
    accreditations: list(accreditation),
  }),
  /** IssueCredential: the assessments it cites. */
  assessments: list(
    object({
      id: text,
      learnerId: text,
      specificationId: text,
      outcome: oneOf('pass', 'fail'),
      assessedAt: timestamp,
      status: oneOf('recorded', 'annulled'),
    }),
  ),
  /** The learner the credential (or assessment) is for; `hasIdentity` when a hashed identity is present. */
  learner: object({ id: text, hasIdentity: bool, identityType: text }),
  /** IssueCredential: the credential being issued; credential commands: the credential they act on. */
  credential: object({
    id: text,
    validFrom: timestamp,
    validUntil: timestamp,
    hasValidUntil: bool,
    issuedAt: timestamp,
    /** IssueCredential: the credential a re-issue corrects; "" for a first issuance. */
    supersedes: text,
  }),
  /** RevokeCredential: the reason code as given (checked by the rules, so not a closed type here). */
  revocation: object({ reason: text }),
  /** AwardStackedCredential, PublishPathway: the pathway. `n` is 0 for `all-of`. */
  pathway: object({
    id: text,
    components: list(text),
    completion: oneOf('all-of', 'n-of'),
    n: int,
    minimumEcts: double,
  }),
  /** AwardStackedCredential: the component credentials, with their status evaluated at `now`. */
  components: list(
    object({
      id: text,
      learnerId: text,
      specificationId: text,
      status: oneOf('active', 'suspended', 'revoked', 'expired', 'not-yet-valid'),
      validFrom: timestamp,
      validUntil: timestamp,
      hasValidUntil: bool,
      ects: double,
    }),
  ),
  /** AwardStackedCredential: the stack being awarded. */
  stack: object({ learnerId: text, totalEcts: double }),
});

type AllFacts = ValueOf<typeof FACT_TYPES>;

/** The facts of one command: `now` and `command` always, every other part when the command involves it. */
export type Facts = Pick<AllFacts, 'now' | 'command'> & Partial<Omit<AllFacts, 'now' | 'command'>>;

export type SpecificationFacts = AllFacts['specification'];
export type IssuerFacts = AllFacts['issuer'];
export type AccreditationFacts = ValueOf<typeof accreditation>;
export type AssessmentFacts = AllFacts['assessments'][number];
export type LearnerFacts = AllFacts['learner'];
export type CredentialFacts = AllFacts['credential'];
export type PathwayFacts = AllFacts['pathway'];
export type ComponentFacts = AllFacts['components'][number];
export type StackFacts = AllFacts['stack'];

/** Compile-time guard: the principal roles above are exactly the domain's. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesAgree: Same<AllFacts['command']['principalRole'], Role> = true;
void rolesAgree;
