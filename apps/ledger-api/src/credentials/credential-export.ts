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
import { IssuerKeyring } from './issuer-keys';

/**
 * A learner without a recorded identity is still never named: the ledger's learner id, salted
 * with the credential id and hashed, is the only identifier the export carries.
 */
const learnerIdentity = (state: IssuedCredentialState): LearnerIdentityInput =>
  state.learner.identity ?? {
    identityType: 'identifier',
    salt: state.credentialId,
    identityHash: `sha256$${createHash('sha256')
      .update(state.learner.id + state.credentialId)
      .digest('hex')}`,
  };

@Injectable()
export class CredentialExporter implements OnApplicationShutdown {
  readonly cache: SignedExportCache;

  constructor(
    private readonly ledger: Ledger,
    private readonly keyring: IssuerKeyring,
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

  /** Both signed forms with the issuer's current keys, signed on first request and cached. */
  async signed(state: IssuedCredentialState): Promise<SignedExport> {
    const { name, keys } = await this.keyring.forIssuer(state.issuerId);
    const keyIds = `${keys.ed25519.keyId} ${keys.p256.keyId}`;
    return this.cache.getOrSign(state.credentialId, keyIds, async () => {
      const publicUrl = this.config.credentials.publicUrl;
      const issuerObId = this.keyring.issuerObId(state.issuerId);
      const { state: spec } = await this.ledger.load(
        specificationDecider,
        streamId('specification', state.specificationId),
      );
      const title = spec.status === 'absent' ? state.specificationId : spec.title;
      const { credential } = buildAchievementCredential({
        credential: {
          credentialId: state.credentialId,
          validFrom: state.validFrom,
          ...(state.validUntil ? { validUntil: state.validUntil } : {}),
          awardedDate: state.issuedAt,
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
      return signExport(credential, {
        keyStore: this.keyStore,
        issuerId: state.issuerId,
        issuerObId,
        ed25519KeyId: keys.ed25519.keyId,
        p256KeyId: keys.p256.keyId,
        publicUrl,
        documentLoader: this.keyring.documentLoader,
        created: new Date().toISOString(),
      });
    });
  }
}
