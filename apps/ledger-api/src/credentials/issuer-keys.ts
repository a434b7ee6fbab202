import { join } from 'node:path';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  IssuerKeyStore,
  SqliteIssuerKeyStore,
  buildIssuerProfileDocument,
  controllerResolver,
  createDocumentLoader,
  type ControllerDocument,
  type DocumentLoader,
  issuerProfileUrl,
  loadKeyEncryptionKey,
  type IssuerPublicKey,
  type KeyAlgorithm,
} from '@credence/credentials';
import { issuerDecider, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { LedgerConfig } from '../config';

/**
 * One Ed25519 key (Data Integrity) and one P-256 key (vc+jwt) per issuer, generated on first use.
 * Fixed key ids until rotation exists: `createKey` is idempotent per id, so concurrent first uses
 * end with one key each.
 */
export const ED25519_KEY_ID = 'ed25519-1';
export const P256_KEY_ID = 'p256-1';

export type IssuerKeys = Readonly<{ ed25519: IssuerPublicKey; p256: IssuerPublicKey }>;

export const issuerKeyStoreProvider = {
  provide: IssuerKeyStore,
  inject: [LedgerConfig],
  useFactory: (config: LedgerConfig) => {
    const logger = new Logger('IssuerKeys');
    const kek = loadKeyEncryptionKey({
      configured: config.credentials.keyEncryptionKey,
      dataDir: config.dataDir,
      warn: (message) => logger.warn(message),
    });
    return new SqliteIssuerKeyStore(join(config.dataDir, 'issuer-keys.sqlite'), kek);
  },
};

@Injectable()
export class IssuerKeyring {
  constructor(
    private readonly store: IssuerKeyStore,
    private readonly ledger: Ledger,
    private readonly config: LedgerConfig,
  ) {}

  /** The registered issuer's name and keys; 404 for an issuer the log does not know, so no keys are minted for it. */
  async forIssuer(issuerId: string): Promise<{ name: string; keys: IssuerKeys }> {
    const { state } = await this.ledger.load(issuerDecider, streamId('issuer', issuerId));
    if (state.status !== 'registered') throw new NotFoundException(`Issuer ${issuerId} does not exist`);
    const [ed25519, p256] = await Promise.all([
      this.keyOf(issuerId, ED25519_KEY_ID, 'Ed25519'),
      this.keyOf(issuerId, P256_KEY_ID, 'P-256'),
    ]);
    return { name: state.legalName, keys: { ed25519, p256 } };
  }

  // Look up first: createKey generates a key pair before it knows whether one is stored.
  private async keyOf(issuerId: string, keyId: string, algorithm: KeyAlgorithm): Promise<IssuerPublicKey> {
    return (await this.store.publicKey(issuerId, keyId)) ?? this.store.createKey(issuerId, keyId, algorithm);
  }

  /** The issuer's JSON-LD Profile with its Ed25519 key: what GET /issuers/{id} serves. */
  async profile(issuerId: string): Promise<ControllerDocument> {
    const { name, keys } = await this.forIssuer(issuerId);
    return buildIssuerProfileDocument({ id: this.issuerObId(issuerId), name }, [keys.ed25519]);
  }

  /**
   * Bundled contexts plus this deployment's own issuer profiles, read in-process: the API never
   * fetches anything, not even from itself.
   */
  readonly documentLoader: DocumentLoader = createDocumentLoader(
    controllerResolver(async (controllerId) => {
      const prefix = this.issuerObId('');
      if (!controllerId.startsWith(prefix)) return undefined;
      const issuerId = decodeURIComponent(controllerId.slice(prefix.length));
      return this.profile(issuerId).catch((error: unknown) => {
        if (error instanceof NotFoundException) return undefined;
        throw error;
      });
    }),
  );

  /** The `url` issuer id form: the public profile URL. */
  issuerObId(issuerId: string): string {
    return issuerProfileUrl(this.config.credentials.publicUrl, issuerId);
  }
}
