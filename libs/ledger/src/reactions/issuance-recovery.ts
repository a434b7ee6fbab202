import {
  type AssessmentCredentialed,
  credentialDecider,
  type CredentialIssued,
  type CredentialRevoked,
  DomainError,
  streamId,
} from '@credence/domain';
import { ConcurrencyError, type RecordedEvent } from '@credence/event-store';
import { LedgerError } from '../errors';
import { issuanceRequest } from '../issuance';
import { completeReissue } from '../reissue';
import { reactionMetadata, type Reaction, type ReactionContext } from '../reactor';

const SYSTEM = { id: 'system:issuance', role: 'admin' } as const;

/** A refusal is the re-sent command's answer (its reservations were released on the way): not a fault. */
export const isRefusal = (error: unknown) =>
  error instanceof DomainError || error instanceof LedgerError || error instanceof ConcurrencyError;

/**
 * A reservation whose credential is missing: the issuer crashed between the two appends (or is
 * still between them). Re-sending the same issuance finishes it, or refuses it and releases the
 * reservations; every step dedupes by its derived command id, so racing the live request is safe.
 */
const finish = async (event: RecordedEvent, { ledger }: ReactionContext) => {
  const { credentialId, issuance } = event.data as AssessmentCredentialed['data'];
  // Through the exact state cache: the live issuance has usually just kept the credential's state.
  const { version } = await ledger.load(credentialDecider, streamId('credential', credentialId));
  if (version >= 0) return;
  try {
    await ledger.handle(issuanceRequest(credentialId, issuance, event.metadata));
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
};

/** A revoked credential backs nothing: its assessments may back a new one. */
const release = async (event: RecordedEvent, { ledger }: ReactionContext) => {
  const { credentialId } = event.data as CredentialRevoked['data'];
  const { state } = await ledger.load(credentialDecider, streamId('credential', credentialId));
  if (state.status === 'absent') return;
  for (const assessmentId of new Set(state.assessmentIds)) {
    await ledger.handle({
      type: 'ReleaseAssessment',
      data: { assessmentId, credentialId },
      metadata: reactionMetadata(event, SYSTEM, `release:${assessmentId}`),
    });
  }
};

/**
 * A re-issue whose correction is recorded: its reservations pass over and the original is revoked.
 * A refused revocation (a ruleset that blocks it) is recorded as the gate records any refusal; the
 * reactor moves on rather than retrying it forever.
 */
const supersede = async (event: RecordedEvent, { ledger }: ReactionContext) => {
  const reissued = event.data as CredentialIssued['data'];
  if (reissued.supersedes === undefined) return;
  try {
    await completeReissue(ledger, reissued, event.metadata.commandId, (step) =>
      reactionMetadata(event, SYSTEM, step),
    );
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
};

/** Keeps "one assessment, one credential" whole across crashes, revocations and re-issues. */
export const issuanceRecovery: Reaction<'AssessmentCredentialed' | 'CredentialRevoked' | 'CredentialIssued'> =
  {
    types: ['AssessmentCredentialed', 'CredentialRevoked', 'CredentialIssued'],
    handle: (event, context) => {
      if (event.type === 'AssessmentCredentialed') return finish(event, context);
      if (event.type === 'CredentialRevoked') return release(event, context);
      if (event.type === 'CredentialIssued') return supersede(event, context);
    },
  };
