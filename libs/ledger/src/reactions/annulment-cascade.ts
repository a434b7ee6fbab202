import {
  assessmentDecider,
  type AssessmentAnnulled,
  type CredentialIssued,
  streamId,
} from '@credence/domain';
import type { RecordedEvent } from '@credence/event-store';
import { prepared } from '@credence/sqlite';
import { reactionMetadata, type Reaction, type ReactionContext } from '../reactor';

const SYSTEM = { id: 'system:annulment-cascade', role: 'admin' } as const;

const revoke = (cause: RecordedEvent, credentialId: string, { ledger }: ReactionContext) =>
  ledger.handle({
    type: 'RevokeCredential',
    data: { credentialId, reason: 'assessment-annulled' },
    metadata: reactionMetadata(cause, SYSTEM, `revoke:${credentialId}`),
  });

/**
 * An annulled assessment backs no credential: every credential based on it is revoked (reason
 * `assessment-annulled`, caused by the annulment, by the system). Revoking a revoked credential is a
 * no-op, so a re-run after a crash revokes nothing twice; the stack reaction follows the revocation.
 */
export const annulmentCascade: Reaction<'CredentialIssued' | 'AssessmentAnnulled'> = {
  types: ['CredentialIssued', 'AssessmentAnnulled'],
  setup: (db) =>
    db.exec(
      'CREATE TABLE IF NOT EXISTS assessment_credentials (assessment_id TEXT NOT NULL, credential_id TEXT NOT NULL, PRIMARY KEY (assessment_id, credential_id))',
    ),
  handle: async (event, context) => {
    const { db, ledger } = context;
    if (event.type === 'CredentialIssued') {
      const { credentialId, assessmentIds } = event.data as CredentialIssued['data'];
      // Every issuance comes through here: preparing the insert each time cost more than running it.
      const insert = prepared<[string, string]>(
        db,
        'INSERT OR IGNORE INTO assessment_credentials VALUES (?, ?)',
      );
      for (const assessmentId of assessmentIds) insert.run(assessmentId, credentialId);
      // An annulment that landed between the issuance's check and its append: revoked after all.
      for (const assessmentId of assessmentIds) {
        const { state } = await ledger.load(assessmentDecider, streamId('assessment', assessmentId));
        if (state.status === 'annulled') return void (await revoke(event, credentialId, context));
      }
    }
    if (event.type !== 'AssessmentAnnulled') return;
    const { assessmentId } = event.data as AssessmentAnnulled['data'];
    const based = prepared<[string], { credential_id: string }>(
      db,
      'SELECT credential_id FROM assessment_credentials WHERE assessment_id = ?',
    ).all(assessmentId);
    for (const { credential_id: credentialId } of based) await revoke(event, credentialId, context);
  },
};
