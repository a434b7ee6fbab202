/**
 * Plain inputs of the OB 3.0 builders: what the ledger knows about a credential, its
 * specification and its issuer, already read from events or read models. No I/O, no clock.
 */
export type LearningOutcome = string | Readonly<{ text: string; escoUri?: string }>;

export type SpecificationInput = Readonly<{
  /** The public URL of the specification: the Achievement's `id`. */
  url: string;
  title: string;
  description?: string;
  /** Markdown. Absent: derived from the learning outcomes and the type of assessment, and flagged. */
  criteria?: Readonly<{ narrative: string }>;
  learningOutcomes?: readonly LearningOutcome[];
  typeOfAssessment?: string;
  /** BCP 47, e.g. `nl` or `en-GB`. */
  language?: string;
  image?: string;
  notionalWorkload?: Readonly<{ ects?: number; hours?: number }>;
  eqfLevel?: number;
  fieldOfStudy?: string;
}>;

export type IssuerProfileInput = Readonly<{
  /** The OB 3.0 issuer id in the deployment's form: profile URL, did:web or did:key. */
  id: string;
  name: string;
  url?: string;
  email?: string;
  image?: string;
  description?: string;
}>;

/** The learner only as OB 3.0 hashes them: never a name or an address. */
export type LearnerIdentityInput = Readonly<{ identityType: string; identityHash: string; salt?: string }>;

export type EvidenceInput =
  string | Readonly<{ id?: string; name?: string; narrative?: string; description?: string }>;

export type BitstringStatusListEntry = Readonly<{
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension';
  statusListIndex: string;
  statusListCredential: string;
}>;

export type CredentialInput = Readonly<{
  credentialId: string;
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  learner: LearnerIdentityInput;
  grade?: string;
  evidence?: readonly EvidenceInput[];
}>;
