import type { Event } from '../core';

export type AccreditationScope = Readonly<{ eqfLevels: readonly number[]; fieldsOfStudy?: readonly string[] }>;

export type IssuerRegistered = Event<
  'IssuerRegistered',
  { issuerId: string; legalName: string; country: string; registrationId: string }
>;
export type IssuerAccredited = Event<
  'IssuerAccredited',
  {
    issuerId: string;
    accreditationId: string;
    qaBody: string;
    scope: AccreditationScope;
    validFrom: string;
    validUntil: string;
  }
>;
export type AccreditationSuspended = Event<
  'AccreditationSuspended',
  { issuerId: string; accreditationId: string; note?: string }
>;
export type AccreditationWithdrawn = Event<
  'AccreditationWithdrawn',
  { issuerId: string; accreditationId: string; note?: string }
>;

export type IssuerEvent = IssuerRegistered | IssuerAccredited | AccreditationSuspended | AccreditationWithdrawn;
