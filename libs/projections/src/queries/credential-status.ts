import { type CredentialStatusAnswer, credentialStatusFrom, type StatusQuestion } from '@credence/domain';
import type { CredentialDoc } from '../projections/credentials';

/** The status at `atMs` as the ledger knew it at `asOfMs`: the domain's judgement of the stored history. */
export const statusAt = (doc: CredentialDoc, question: StatusQuestion): CredentialStatusAnswer =>
  credentialStatusFrom(doc.history, question);

/** The status now, as known now: expiry judged at query time (never stored, never evolved). */
export const currentStatus = (doc: CredentialDoc, nowMs: number): CredentialStatusAnswer =>
  statusAt(doc, { atMs: nowMs, asOfMs: nowMs });
