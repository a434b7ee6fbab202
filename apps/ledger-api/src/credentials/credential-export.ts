import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Injectable, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import {
  IssuerKeyStore,
  buildAchievementCredential,
  signExport,
  statusListEntry,
  statusListUrl,
  type BitstringStatusListEntry,
  type LearnerIdentityInput,
  type UnsignedCredential,
} from '@credence/credentials';
import {
  credentialDecider,
  specificationDecider,
  streamId,
  type IssuedCredentialState,
  type Principal,
} from '@credence/domain';
import { findStatusPositions, Ledger } from '@credence/ledger';
import { LedgerConfig } from '../config';
import { assertMayRead } from '../http/read-access';
import { SignedExportCache, type SignedExport } from './export-cache';
import { IssuerDocuments } from './issuer-documents';
import { IssuerKeys } from './issuer-keys';
import { memoizedProofVerifier } from './proof-memo';

/**
 * A learner without a recorded identity is still never named: the ledger's learner id, salted
 * with the exported document's id and hashed, is the only identifier the export carries.
 */
export const hashedLearnerId = (learnerId: string, salt: string): LearnerIdentityInput => ({
  identityType: 'identifier',
  salt,
  identityHash: `sha256$${createHash('sha256')
    .update(learnerId + salt)
    .digest('hex')}`,
});

const learnerIdentity = (state: IssuedCredentialState): LearnerIdentityInput =>
  state.learner.identity ?? hashedLearnerId(state.learner.id, state.credentialId);

/** What an export's builder gets: the issuer's OB 3.0 id in this deployment's form, and its name. */
export type ExportIssuer = Readonly<{ issuerObId: string; name: string }>;

@Injectable()
export class CredentialExporter implements OnApplicationShutdown {
  readonly cache: SignedExportCache;
  /**
   * Data Integrity proof results by exact document and issuer key document, shared with
   * verification. Each export is verified once as it is signed, so the first verification of a
   * fresh export finds its answer here instead of canonicalizing it again (most of its cost).
   */
  readonly proofResults = memoizedProofVerifier();

  constructor(
    private readonly ledger: Ledger,
    private readonly keys: IssuerKeys,
    private readonly documents: IssuerDocuments,
    private readonly keyStore: IssuerKeyStore,
    private readonly config: LedgerConfig,
  ) {
    this.cache = new SignedExportCache(join(config.dataDir, 'credential-exports.sqlite'));
  }

  onApplicationShutdown(): void {
    this.cache.close();
  }

  /** The credential's ledger state; 404 for an unknown id and, for an issuer, for another issuer's credential. */
  async issued(id: string, principal?: Principal): Promise<IssuedCredentialState> {
    const { state } = await this.ledger.load(credentialDecider, streamId('credential', id));
    if (state.status === 'absent') throw new NotFoundException(`Credential ${id} does not exist`);
    if (principal) assertMayRead(principal, state.issuerId, 'Credential', id);
    return state;
  }

  /**
   * The credential's entries in its issuer's status lists, found in the log where its issuance
   * claimed them. They never change (the bit lives in the list), so the cached export stays valid.
   */
  private async statusEntries(state: IssuedCredentialState): Promise<BitstringStatusListEntry[]> {
    const [issued] = await this.ledger.store.readStream(streamId('credential', state.credentialId), {
      maxCount: 1,
    });
    if (!issued) return [];
    const positions = await findStatusPositions(
      this.ledger,
      issued.metadata.commandId,
      state.issuerId,
      state.credentialId,
    );
    const publicUrl = this.config.credentials.publicUrl;
    return positions.map(({ purpose, list, index }) =>
      statusListEntry(statusListUrl(publicUrl, state.issuerId, purpose, list), purpose, index),
    );
  }

  /**
   * Both signed forms with the issuer's current keys, signed on first request and cached per
   * credential, keys and id form: after a rotation (or a compromise) the next request re-signs.
   */
  signed(state: IssuedCredentialState): Promise<SignedExport> {
    return this.signedFor(state.credentialId, state.issuerId, async ({ issuerObId, name }) => {
      const publicUrl = this.config.credentials.publicUrl;
      // The specification as the credential was issued under it, not as revised since.
      const { specificationVersion } = state;
      const spec = await this.ledger.loadUntil(
        specificationDecider,
        streamId('specification', state.specificationId),
        (s) =>
          specificationVersion !== undefined && s.status !== 'absent' && s.version === specificationVersion,
      );
      const title = spec.status === 'absent' ? state.specificationId : spec.title;
      const { credential } = buildAchievementCredential({
        credential: {
          credentialId: state.credentialId,
          validFrom: state.validFrom,
          ...(state.validUntil ? { validUntil: state.validUntil } : {}),
          // Credentials issued before awardedDate was recorded were awarded when issued.
          awardedDate: state.awardedDate ?? state.issuedAt,
          ...(state.grade !== undefined ? { grade: state.grade } : {}),
          learner: learnerIdentity(state),
        },
        specification: {
          url: `${publicUrl.replace(/\/+$/, '')}/v1/specifications/${encodeURIComponent(state.specificationId)}`,
          title,
          ...(spec.status === 'absent'
            ? {}
            : {
                learningOutcomes: spec.learningOutcomes,
                typeOfAssessment: spec.typeOfAssessment,
                notionalWorkload: spec.notionalWorkload,
                eqfLevel: spec.eqfLevel,
                fieldOfStudy: spec.fieldOfStudy,
              }),
        },
        issuer: { id: issuerObId, name },
        status: await this.statusEntries(state),
      });
      return credential;
    });
  }

  /**
   * An export of `exportId` (a credential or stacked credential id, both UUIDs: they share the
   * cache) signed in both forms with the issuer's current keys, built and signed on first request.
   */
  async signedFor(
    exportId: string,
    issuerId: string,
    build: (issuer: ExportIssuer) => Promise<UnsignedCredential>,
  ): Promise<SignedExport> {
    const { name, keys } = await this.keys.keyring(issuerId);
    const signedWith = `${this.documents.form} ${keys.ed25519.keyId} ${keys.p256.keyId}`;
    return this.cache.getOrSign(exportId, signedWith, async () => {
      const issuerObId = this.documents.obId(issuerId, keys.ed25519.publicKeyMultibase);
      const signed = await signExport(await build({ issuerObId, name }), {
        keyStore: this.keyStore,
        issuerId,
        issuerObId,
        ed25519KeyId: keys.ed25519.keyId,
        p256KeyId: keys.p256.keyId,
        publicUrl: this.config.credentials.publicUrl,
        documentLoader: this.documents.documentLoader,
        created: new Date().toISOString(),
      });
      await this.proofResults(signed.json, this.documents.documentLoader);
      return signed;
    });
  }
}
