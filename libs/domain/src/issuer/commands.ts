import type { Command } from '../core';
import type { QaBodyState } from '../qa-body/state';
import type {
  AccreditationReinstated,
  AccreditationSuspended,
  AccreditationWithdrawn,
  IssuerAccredited,
  IssuerRegistered,
} from './events';
import type { IssuerKeyActivated, IssuerKeyCompromised } from './key-events';

/** Issuer commands carry exactly the facts their events record; the decider picks them field by field. */
export type RegisterIssuer = Command<'RegisterIssuer', IssuerRegistered['data']>;
/**
 * The granting QA body is the acting principal's: `context.qaBody` is its state. A `qaBody` in the
 * request is accepted only when it names that same body (by id or name).
 */
export type AccreditIssuer = Command<
  'AccreditIssuer',
  Omit<IssuerAccredited['data'], 'qaBodyId' | 'qaBody'> & {
    qaBody?: string;
    context: { qaBody: QaBodyState };
  }
>;
export type SuspendAccreditation = Command<'SuspendAccreditation', AccreditationSuspended['data']>;
export type ReinstateAccreditation = Command<'ReinstateAccreditation', AccreditationReinstated['data']>;
export type WithdrawAccreditation = Command<'WithdrawAccreditation', AccreditationWithdrawn['data']>;

/** Makes a key (generated into the key store by the application) the current one of its algorithm. */
export type ActivateIssuerKey = Command<'ActivateIssuerKey', Omit<IssuerKeyActivated['data'], 'activatedAt'>>;
export type ReportIssuerKeyCompromise = Command<'ReportIssuerKeyCompromise', IssuerKeyCompromised['data']>;

export type IssuerCommand =
  | RegisterIssuer
  | AccreditIssuer
  | SuspendAccreditation
  | ReinstateAccreditation
  | WithdrawAccreditation
  | ActivateIssuerKey
  | ReportIssuerKeyCompromise;
