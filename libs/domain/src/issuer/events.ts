import type { Effective } from '../lifecycle';
import type { Event } from '../core';
import type { IssuerKeyEvent } from './key-events';

/** Omitted `eqfLevels` means all levels: the only scope that covers a specification without EQF level. */
export type AccreditationScope = Readonly<{
  eqfLevels?: readonly number[];
  fieldsOfStudy?: readonly string[];
}>;

export type IssuerRegistered = Event<
  'IssuerRegistered',
  { issuerId: string; legalName: string; country: string; registrationId: string }
>;
export type IssuerAccredited = Event<
  'IssuerAccredited',
  {
    issuerId: string;
    accreditationId: string;
    /**
     * The granting QA body; null on accreditations granted before QA bodies were principals.
     * New in schema v2. Schema v1 events leave it out; the feed relays them as stored (the hash covers them).
     */
    qaBodyId: string | null;
    /** The granting QA body's name, as registered. */
    qaBody: string;
    scope: AccreditationScope;
    validFrom: string;
    validUntil: string;
  }
>;
export type AccreditationSuspended = Event<
  'AccreditationSuspended',
  { issuerId: string; accreditationId: string; note?: string } & Effective
>;
export type AccreditationReinstated = Event<
  'AccreditationReinstated',
  { issuerId: string; accreditationId: string; note?: string } & Effective
>;
export type AccreditationWithdrawn = Event<
  'AccreditationWithdrawn',
  { issuerId: string; accreditationId: string; note?: string } & Effective
>;

export type IssuerEvent =
  | IssuerRegistered
  | IssuerAccredited
  | AccreditationSuspended
  | AccreditationReinstated
  | AccreditationWithdrawn
  | IssuerKeyEvent;
