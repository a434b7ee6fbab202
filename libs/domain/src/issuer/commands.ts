import type { Command } from '../core';
import type {
  AccreditationSuspended,
  AccreditationWithdrawn,
  IssuerAccredited,
  IssuerRegistered,
} from './events';

/** Issuer commands carry exactly the facts their events record; the decider picks them field by field. */
export type RegisterIssuer = Command<'RegisterIssuer', IssuerRegistered['data']>;
export type AccreditIssuer = Command<'AccreditIssuer', IssuerAccredited['data']>;
export type SuspendAccreditation = Command<'SuspendAccreditation', AccreditationSuspended['data']>;
export type WithdrawAccreditation = Command<'WithdrawAccreditation', AccreditationWithdrawn['data']>;

export type IssuerCommand = RegisterIssuer | AccreditIssuer | SuspendAccreditation | WithdrawAccreditation;
