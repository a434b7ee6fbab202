import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  bitstringOf,
  buildStatusListCredential,
  IssuerKeyStore,
  signDataIntegrity,
  statusListUrl,
  verificationMethodId,
  type SignedCredential,
} from '@credence/credentials';
import { STATUS_PURPOSES, type StatusPurpose } from '@credence/domain';
import { ReadModelDatabase, statusListBitsReader } from '@credence/projections';
import { LruMap, UnderWay } from '@credence/runtime';
import { LedgerConfig } from '../config';
import { deepFreeze } from './frozen-documents';
import { IssuerDocuments } from './issuer-documents';
import { IssuerKeys, type IssuerReader } from './issuer-keys';

export type PublishedStatusList = Readonly<{ url: string; etag: string; credential: SignedCredential }>;

/**
 * The purpose and list number of a status list URL's path, as the route serves them and the
 * verifier recognizes its own lists: undefined for anything else.
 */
export const statusPurposeOf = (value: string | undefined): StatusPurpose | undefined =>
  STATUS_PURPOSES.find((purpose) => purpose === value);
export const listNumberOf = (value: string | undefined): number | undefined =>
  value !== undefined && /^(0|[1-9][0-9]{0,5})$/.test(value) ? Number(value) : undefined;

/** Signed lists kept per list URL: only the newest version of each is ever served. */
const CACHED_LISTS = 1_000;

/**
 * The issuers' status lists as `BitstringStatusListCredential`s, built from the `status_entries`
 * read model (so a change shows within one projector cycle) and signed with the issuer's current
 * Ed25519 key. A list is signed once per version (its set bits and key), then served from memory:
 * a strict verifier fetches it for every check, so this must be cheap.
 */
@Injectable()
export class StatusListPublisher {
  /** The newest version of each list, with what its ETag was computed from (see `current`). */
  private readonly signed = new LruMap<
    string,
    PublishedStatusList & { bits: readonly number[]; keyId: string }
  >(CACHED_LISTS);
  private readonly bitsOf: ReturnType<typeof statusListBitsReader>;
  /**
   * Signings under way, by list URL and ETag: a burst of verifications after a status change would
   * otherwise sign the new version once per request in flight, on a public route.
   */
  private readonly signing = new UnderWay<string, PublishedStatusList>();

  constructor(
    private readonly readModels: ReadModelDatabase,
    private readonly keys: IssuerKeys,
    private readonly documents: IssuerDocuments,
    private readonly keyStore: IssuerKeyStore,
    private readonly config: LedgerConfig,
  ) {
    // The lists' rows are written by the projector's thread or another process, never in the turn
    // that reads them here: a verification's two lists share one change check.
    this.bitsOf = statusListBitsReader(readModels, { oncePerTurn: true });
  }

  get ttlSeconds(): number {
    return this.config.credentials.statusListTtlSeconds;
  }

  /**
   * The list as it stands now; 404 (from the issuer keys) for an issuer the log does not know.
   * `read` lets a verification read the issuer once for both its lists and its other checks.
   */
  async current(
    issuerId: string,
    purpose: StatusPurpose,
    list: number,
    read?: IssuerReader,
  ): Promise<PublishedStatusList> {
    const { keys } = await this.keys.keyring(issuerId, read);
    const url = statusListUrl(this.config.credentials.publicUrl, issuerId, purpose, list);
    const keyId = keys.ed25519.keyId;
    const bits = await this.bitsOf(issuerId, purpose, list);
    const cached = this.signed.get(url);
    // The very bits array the last call hashed: the reader hands out the same one until the file changes.
    if (cached?.bits === bits && cached.keyId === keyId) return cached;
    const etag = `"${createHash('sha256')
      .update(`${keyId}\u0000${bits.join(',')}`)
      .digest('base64url')
      .slice(0, 22)}"`;
    if (cached?.etag === etag) {
      this.signed.set(url, { ...cached, bits });
      return cached;
    }
    return this.signing.run(`${url}\u0000${etag}`, () =>
      this.sign(issuerId, keys.ed25519, url, purpose, bits, etag),
    );
  }

  /** Signs one version of a list with the issuer's current Ed25519 key and keeps it as the newest. */
  private async sign(
    issuerId: string,
    key: Readonly<{ keyId: string; publicKeyMultibase: string }>,
    url: string,
    purpose: StatusPurpose,
    bits: readonly number[],
    etag: string,
  ): Promise<PublishedStatusList> {
    const issuerObId = this.documents.obId(issuerId, key.publicKeyMultibase);
    const now = new Date().toISOString();
    const credential = await signDataIntegrity(
      buildStatusListCredential({
        url,
        issuer: issuerObId,
        purpose,
        list: bitstringOf(bits),
        validFrom: now,
        ttlMs: this.ttlSeconds * 1000,
      }),
      {
        signer: await this.keyStore.signer(issuerId, key.keyId),
        verificationMethod: verificationMethodId(issuerObId, key.publicKeyMultibase),
        documentLoader: this.documents.documentLoader,
        created: now,
      },
    );
    // Frozen: every reader shares this one object, and the proof memo knows it by identity.
    const published = { url, etag, credential: deepFreeze(credential), bits, keyId: key.keyId };
    this.signed.set(url, published);
    return published;
  }
}
