import { Injectable } from '@nestjs/common';
import { IssuerKeyStore, signVcJwt, type IssuerProfileInput } from '@credence/credentials';
import { LedgerConfig } from '../config';

/**
 * The key store's owner id for the deployment's own key. `/` is outside the id alphabet every
 * route and stream name is held to, so no issuer can ever be registered under it.
 */
export const PLATFORM_KEY_OWNER = 'credence/platform';
/** One P-256 key (ES256, the only form a CLR is signed in); no rotation route yet. */
export const PLATFORM_KEY_ID = 'p256-1';

/**
 * The ledger deployment as an issuer. A learner record spans issuers, so its CLR is issued by
 * the deployment, not by one institution: signed with a P-256 key held in the same encrypted key
 * store, published at `/platform/keys/{keyId}.jwk` like the issuers' keys.
 */
@Injectable()
export class PlatformIssuer {
  constructor(
    private readonly store: IssuerKeyStore,
    private readonly config: LedgerConfig,
  ) {}

  private get base() {
    return this.config.credentials.publicUrl.replace(/\/+$/, '');
  }

  get profile(): IssuerProfileInput & { url: string } {
    return {
      id: `${this.base}/platform`,
      name: `Credence ledger at ${new URL(this.base).host}`,
      url: this.base,
    };
  }

  jwkUrl(keyId: string): string {
    return `${this.base}/platform/keys/${encodeURIComponent(keyId)}.jwk`;
  }

  /** The platform's public key; generated on first use (the store keeps one key per id, even under races). */
  key() {
    return this.store.createKey(PLATFORM_KEY_OWNER, PLATFORM_KEY_ID, 'P-256');
  }

  /** A compact `vc+jwt` (ES256) of the credential, `kid` the public JWK's URL. */
  async signJwt(credential: Record<string, unknown>): Promise<string> {
    const { keyId } = await this.key();
    return signVcJwt(credential, {
      signer: await this.store.signer(PLATFORM_KEY_OWNER, keyId),
      kid: this.jwkUrl(keyId),
    });
  }
}
