import {
  type CommandMetadata,
  conflict,
  credentialDecider,
  type CredentialState,
  type Issuance,
} from '@credence/domain';
import { deterministicEventId, type HandleResult } from '@credence/event-store';
import type { CommandRequest } from './catalogue/catalogue';
import type { GateChecked, Ledger, ResolvedCommand } from './ledger';
import { claimStatusPositions } from './status-claims';

type Issue = CommandRequest<'IssueCredential'>;

/** Each step's command id is derived from the issuance's, so a retry or a recovery repeats no step. */
export const stepMetadata = (metadata: CommandMetadata, step: string): CommandMetadata => {
  const { ruleset: _r, findings: _f, ...rest } = metadata;
  return {
    ...rest,
    commandId: deterministicEventId(metadata.commandId, step, 0),
    causationId: metadata.commandId,
  };
};

const issuanceOf = ({ data, metadata }: Issue): Issuance => ({
  commandId: metadata.commandId,
  specificationId: data.specificationId,
  learnerId: data.learnerId,
  assessmentIds: data.assessmentIds,
  validFrom: data.validFrom,
  ...(data.validUntil !== undefined ? { validUntil: data.validUntil } : {}),
});

/** The issuance a reservation was made for, as the request that made it: what recovery re-sends. */
export const issuanceRequest = (
  credentialId: string,
  issuance: Issuance,
  reservation: CommandMetadata,
): Issue => {
  const { commandId, ...data } = issuance;
  const { ruleset: _r, findings: _f, ...metadata } = reservation;
  return {
    type: 'IssueCredential',
    data: { ...data, credentialId },
    metadata: { ...metadata, commandId, causationId: commandId },
  };
};

/**
 * One assessment, one credential (libs/domain/README.md): refuse what can be refused first, then
 * reserve every cited assessment on its own stream, then append the credential. A refused
 * reservation releases the ones made before it; a crash between the appends is finished by the
 * IssuanceRecovery reaction, which re-sends this same request.
 */
export const issueReserving = async (
  ledger: Ledger,
  request: Issue,
  resolved: ResolvedCommand<'IssueCredential'>,
  append: (checked?: GateChecked<'IssueCredential'>) => Promise<HandleResult<CredentialState>>,
): Promise<HandleResult<CredentialState>> => {
  const { command, target } = resolved;
  const { state } = await ledger.load(target.folding, target.streamId);
  // An issued credential answers for itself: a retry is a no-op, other terms a conflict.
  if (state.status !== 'absent') return append();
  // Checked before anything is reserved; the credential's append reuses the verdict while it
  // decides on this same state and the same ruleset is active (else the gate runs again).
  const checked = { state, command: await ledger.gateCheck(resolved, state) };
  credentialDecider.decide(checked.command, state);

  const { credentialId, assessmentIds } = request.data;
  const issuance = issuanceOf(request);
  const reserved: string[] = [];
  try {
    for (const assessmentId of new Set(assessmentIds)) {
      const result = await ledger.handle({
        type: 'CredentialAssessment',
        data: { assessmentId, credentialId, issuance },
        metadata: stepMetadata(command.metadata, `reserve:${assessmentId}`),
      });
      // A replayed reservation may since have been released: then this issuance is over.
      const holder = result.state.status === 'absent' ? undefined : result.state.credentialId;
      if (holder !== credentialId) {
        throw conflict(
          'assessment.already-credentialed',
          `Assessment ${assessmentId} backs no longer this issuance`,
          {
            assessmentId,
            ...(holder ? { credentialId: holder } : {}),
          },
        );
      }
      reserved.push(assessmentId);
    }
    // Status list indexes are claimed last: a refused issuance has claimed none. One left behind by
    // a crash is harmless (its bit is never set) and a recovered issuance finds it again.
    await claimStatusPositions(ledger, command.metadata, issuerOf(command.metadata), credentialId);
    return await append(checked);
  } catch (error) {
    await releaseAll(ledger, credentialId, reserved, command.metadata);
    throw error;
  }
};

/** The issuer the credential is issued by: the decider has just accepted the command, so it is named. */
export const issuerOf = (metadata: CommandMetadata): string => {
  if (!metadata.issuerId) throw new Error('An accepted issuance names its issuer');
  return metadata.issuerId;
};

const releaseAll = async (
  ledger: Ledger,
  credentialId: string,
  assessmentIds: readonly string[],
  metadata: CommandMetadata,
) => {
  for (const assessmentId of assessmentIds) {
    await ledger.handle({
      type: 'ReleaseAssessment',
      data: { assessmentId, credentialId },
      metadata: stepMetadata(metadata, `release:${assessmentId}`),
    });
  }
};
