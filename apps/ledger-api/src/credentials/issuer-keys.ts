import { join } from 'node:path';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import {
  IssuerKeyStore,
  SqliteIssuerKeyStore,
  loadKeyEncryptionKey,
  type IssuerPublicKey,
  type KeyAlgorithm,
} from '@credence/credentials';
import {
  currentKey,
  issuerDecider,
  ISSUER_KEY_ALGORITHMS,
  streamId,
  type CommandMetadata,
  type IssuerKey,
  type IssuerState,
} from '@credence/domain';
import { EventStore, uuidFromSeed } from '@credence/event-store';
import { Ledger } from '@credence/ledger';
import { LedgerConfig } from '../config';

export type CurrentKeys = Readonly<{ ed25519: IssuerPublicKey; p256: IssuerPublicKey }>;
export type RegisteredIssuer = Extract<IssuerState, { status: 'registered' }>;

/** Reads a registered issuer from the log (404 when unknown): `IssuerKeys.issuer`, or a memo of it. */
export type IssuerReader = (issuerId: string) => Promise<RegisteredIssuer>;

/** What signing needs: the issuer's name, its current keys, and every key it ever had (the log's history). */
export type IssuerKeyring = Readonly<{ name: string; keys: CurrentKeys; history: readonly IssuerKey[] }>;

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

const KEY_ID_PREFIX: Readonly<Record<KeyAlgorithm, string>> = { Ed25519: 'ed25519', 'P-256': 'p256' };

/**
 * The next key id of an algorithm, from the log: `ed25519-1`, `ed25519-2`, … Deterministic, so
 * concurrent first uses (or rotations) pick the same id, the key store keeps one key under it,
 * and the second activation is a no-op.
 */
export const nextKeyId = (keys: readonly IssuerKey[], algorithm: KeyAlgorithm) =>
  `${KEY_ID_PREFIX[algorithm]}-${keys.filter((key) => key.algorithm === algorithm).length + 1}`;

export const toPublicKey = (issuerId: string, key: IssuerKey): IssuerPublicKey => ({
  issuerId,
  keyId: key.keyId,
  algorithm: key.algorithm,
  publicKeyMultibase: key.publicKeyMultibase,
  publicJwk: { ...key.publicJwk },
});

const SYSTEM = { id: 'system:issuer-keys', role: 'admin' } as const;

/**
 * Issuer keys: private halves in the key store, public halves and their history in the log
 * (IssuerKeyActivated/Retired/Compromised on the issuer's stream). An issuer without a current
 * key of an algorithm (first use, or after a compromise) gets one on demand, through the ledger.
 */
@Injectable()
export class IssuerKeys {
  constructor(
    private readonly store: IssuerKeyStore,
    private readonly ledger: Ledger,
    private readonly events: EventStore,
  ) {}

  /** The registered issuer; 404 for an issuer the log does not know, so no keys are minted for it. */
  async issuer(issuerId: string): Promise<RegisteredIssuer> {
    const { state } = await this.ledger.load(issuerDecider, streamId('issuer', issuerId));
    if (state.status !== 'registered') throw new NotFoundException(`Issuer ${issuerId} does not exist`);
    return state;
  }

  /**
   * `issuer`, read once per issuer for as long as the returned reader is used: one verification
   * asks about the same issuer for the proof, both status lists and the ledger checks, and every
   * check then sees the same state. Never kept beyond that: the next verification reads again.
   */
  readingOnce(): IssuerReader {
    const read = new Map<string, Promise<RegisteredIssuer>>();
    return (issuerId) => {
      let issuer = read.get(issuerId);
      if (!issuer) {
        issuer = this.issuer(issuerId);
        read.set(issuerId, issuer);
      }
      return issuer;
    };
  }

  /** The issuer's current keys, activating any that is missing. */
  async keyring(issuerId: string, read: IssuerReader = (id) => this.issuer(id)): Promise<IssuerKeyring> {
    let state = await read(issuerId);
    for (const algorithm of ISSUER_KEY_ALGORITHMS) {
      if (currentKey(state.keys, algorithm)) continue;
      const now = new Date().toISOString();
      const commandId = uuidFromSeed(`issuer-key\u0000${issuerId}\u0000${nextKeyId(state.keys, algorithm)}`);
      const metadata = {
        commandId,
        principal: SYSTEM,
        now,
        correlationId: commandId,
        causationId: commandId,
      };
      state = await this.activateNext(state, algorithm, metadata);
    }
    const current = (algorithm: KeyAlgorithm) => toPublicKey(issuerId, currentKey(state.keys, algorithm)!);
    return {
      name: state.legalName,
      keys: { ed25519: current('Ed25519'), p256: current('P-256') },
      history: state.keys,
    };
  }

  /**
   * New Ed25519 and P-256 keys, retiring the current ones. Each activation gets a command id
   * derived from the request's, so a retry with the same Idempotency-Key changes nothing more.
   */
  async rotate(issuerId: string, metadata: CommandMetadata): Promise<RegisteredIssuer> {
    let state = await this.issuer(issuerId);
    const recorded = new Set(
      (await this.events.readStream(streamId('issuer', issuerId))).map((event) => event.metadata.commandId),
    );
    for (const algorithm of ISSUER_KEY_ALGORITHMS) {
      const commandId = uuidFromSeed(`${metadata.commandId}\u0000${algorithm}`);
      if (recorded.has(commandId)) continue;
      state = await this.activateNext(state, algorithm, {
        ...metadata,
        commandId,
        causationId: metadata.commandId,
      });
    }
    return state;
  }

  private async activateNext(
    state: RegisteredIssuer,
    algorithm: KeyAlgorithm,
    metadata: CommandMetadata,
  ): Promise<RegisteredIssuer> {
    const { issuerId } = state;
    const key = await this.store.createKey(issuerId, nextKeyId(state.keys, algorithm), algorithm);
    const { state: next } = await this.ledger.handle({
      type: 'ActivateIssuerKey',
      data: {
        issuerId,
        keyId: key.keyId,
        algorithm,
        publicKeyMultibase: key.publicKeyMultibase,
        publicJwk: key.publicJwk as Record<string, string>,
      },
      metadata,
    });
    return next as RegisteredIssuer;
  }
}
