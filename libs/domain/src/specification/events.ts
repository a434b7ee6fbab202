import type { Event } from '../core';

export type AwardingBody = Readonly<{ legalName: string; country: string; id?: string }>;
export type NotionalWorkload = Readonly<{ ects?: number; hours?: number }>;

/** The EU Annex I elements. Which are mandatory is the active ruleset's decision, not the type's. */
export type SpecificationContent = Readonly<{
  title: string;
  awardingBodies?: readonly AwardingBody[];
  countries?: readonly string[];
  learningOutcomes?: readonly string[];
  notionalWorkload?: NotionalWorkload;
  eqfLevel?: number;
  typeOfAssessment?: string;
  formOfParticipation?: string;
  typeOfQualityAssurance?: string;
  prerequisites?: readonly string[];
  supervisionAndIdentityVerification?: string;
  stackable?: boolean;
  /** ISO 8601 duration of the credentials it yields, e.g. `P5Y`. */
  credentialValidity?: string;
  fieldOfStudy?: string;
}>;

export type SpecificationPublished = Event<
  'SpecificationPublished',
  SpecificationContent & { specificationId: string; issuerId: string }
>;
export type SpecificationRetired = Event<
  'SpecificationRetired',
  {
    specificationId: string;
    issuerId: string;
    note?: string;
    /** When it was retired, for the ruleset's grace period; absent on retirements from before it. */
    retiredAt?: string;
  }
>;

/** The next version's full content; credentials issued from now on record `version`. */
export type SpecificationRevised = Event<
  'SpecificationRevised',
  SpecificationContent & { specificationId: string; issuerId: string; version: number }
>;

export type SpecificationEvent = SpecificationPublished | SpecificationRevised | SpecificationRetired;
