import {
  type CommandMetadata,
  credentialDecider,
  type CredentialIssued,
  type CredentialState,
  DomainError,
} from '@credence/domain';
import { deterministicEventId, type HandleResult } from '@credence/event-store';
import type { CommandRequest } from './catalogue/catalogue';
import { issuerOf, stepMetadata } from './issuance';
import type { Ledger, ResolvedCommand } from './ledger';
import { claimStatusPositions } from './status-claims';

type Reissued = Pick<
  CredentialIssued['data'],
  | 'credentialId'
  | 'supersedes'
  | 'reissueNote'
  | 'specificationId'
  | 'learner'
  | 'assessmentIds'
  | 'validFrom'
  | 'validUntil'
>;

/**
 * The id of the credential that re-issues `credentialId`: derived, so concurrent and repeated
 * re-issues of one credential all meet on the same stream and yield exactly one credential.
 */
export const reissueIdFor = (credentialId: string): string =>
  deterministicEventId(credentialId, 'reissue', 0);

/**
 * What follows the re-issued credential's append, on the other streams: each cited assessment's
 * reservation passes to it, then the credential it corrects is revoked (`superseded`, naming it).
 * Every step is a no-op when already done, so the live request and the issuanceRecovery reaction
 * may both run it. A reservation that cannot pass (the assessment was annulled meanwhile) is left:
 * the annulment cascade revokes the correction.
 */
export const completeReissue = async (
  ledger: Ledger,
  reissued: Reissued,
  issuanceCommandId: string,
  metadataFor: (step: string) => CommandMetadata,
): Promise<HandleResult<CredentialState> | undefined> => {
  const { credentialId, supersedes, specificationId, learner, assessmentIds, validFrom, validUntil } =
    reissued;
  if (supersedes === undefined) return undefined;
  const issuance = {
    commandId: issuanceCommandId,
    specificationId,
    learnerId: learner.id,
    assessmentIds,
    validFrom,
    ...(validUntil !== undefined ? { validUntil } : {}),
    supersedes,
  };
  for (const assessmentId of new Set(assessmentIds)) {
    try {
      await ledger.handle({
        type: 'CredentialAssessment',
        data: { assessmentId, credentialId, issuance },
        metadata: metadataFor(`reserve:${assessmentId}`),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return ledger.handle({
    type: 'RevokeCredential',
    data: {
      credentialId: supersedes,
      reason: 'superseded',
      supersededBy: credentialId,
      ...(reissued.reissueNote !== undefined ? { note: reissued.reissueNote } : {}),
    },
    metadata: metadataFor('supersede'),
  });
};

/**
 * A re-issue (libs/domain/README.md): the correction is decided first, through the rules like any
 * issuance, then claims its status list positions (as an issuance does: a refusal has claimed
 * none) and is appended, while the assessments still back the credential it corrects (so no other
 * issuance can take them); then `completeReissue`. A crash between the two is finished by the
 * issuanceRecovery reaction from the recorded CredentialIssued, which carries `supersedes`.
 */
export const reissueSuperseding = async (
  ledger: Ledger,
  request: CommandRequest<'IssueCredential'>,
  resolved: ResolvedCommand<'IssueCredential'>,
  append: () => Promise<HandleResult<CredentialState>>,
): Promise<HandleResult<CredentialState>> => {
  const { command, target } = resolved;
  const { state: current } = await ledger.load(target.folding, target.streamId);
  if (current.status === 'absent') {
    credentialDecider.decide(await ledger.gateCheck(resolved, current), current);
    await claimStatusPositions(
      ledger,
      command.metadata,
      issuerOf(command.metadata),
      request.data.credentialId,
    );
  }
  const result = await append();
  const { state } = result;
  if (state.status === 'absent') return result;
  const commandId = result.events[0]?.metadata.commandId ?? request.metadata.commandId;
  const revoked = await completeReissue(ledger, state, commandId, (step) =>
    stepMetadata(request.metadata, step),
  );
  // Readers wait for this position: the read models then show both ends of the link.
  return { ...result, position: revoked?.position ?? result.position };
};
