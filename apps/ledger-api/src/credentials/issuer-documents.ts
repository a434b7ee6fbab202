import { Injectable, NotFoundException } from '@nestjs/common';
import {
  buildDidDocument,
  buildIssuerProfileDocument,
  controllerResolver,
  createDocumentLoader,
  didKeyFor,
  didWebFor,
  issuerIdFor,
  issuerProfileUrl,
  type ControllerDocument,
  type DocumentLoader,
  type PublishedKey,
} from '@credence/credentials';
import {
  credentialDecider,
  currentKey,
  ISSUER_KEY_ALGORITHMS,
  stackDecider,
  streamId,
  type IssuerKey,
} from '@credence/domain';
import { Ledger } from '@credence/ledger';
import { LedgerConfig } from '../config';
import { deepFreeze } from './frozen-documents';
import { IssuerKeys, type IssuerReader, type RegisteredIssuer } from './issuer-keys';

const published = (keys: readonly IssuerKey[]): PublishedKey[] =>
  keys.map((key) => ({
    publicKeyMultibase: key.publicKeyMultibase,
    compromised: key.compromisedSince !== undefined,
  }));

const URN_UUID = 'urn:uuid:';

/** The ledger id (of a credential or a stacked credential) a presented `urn:uuid:` id names. */
export const ledgerIdOf = (credentialId: unknown): string | undefined =>
  typeof credentialId === 'string' && credentialId.startsWith(URN_UUID)
    ? credentialId.slice(URN_UUID.length)
    : undefined;

const notFoundAsUndefined = <T>(promise: Promise<T>): Promise<T | undefined> =>
  promise.catch((error: unknown) => {
    if (error instanceof NotFoundException) return undefined;
    throw error;
  });

/**
 * The issuer's OB 3.0 id in this deployment's form (`CREDENCE_ISSUER_ID_FORM`) and the documents
 * a verifier dereferences: the profile (`url`), the DID document (`did-web`), nothing (`did-key`,
 * which a verifier derives from the id). Every key not compromised is listed, retired ones too,
 * so what they signed stays verifiable.
 */
@Injectable()
export class IssuerDocuments {
  constructor(
    private readonly keys: IssuerKeys,
    private readonly ledger: Ledger,
    private readonly config: LedgerConfig,
  ) {}

  get form() {
    return this.config.credentials.issuerIdForm;
  }

  /** The OB 3.0 issuer id; in the did-key form it is the current Ed25519 key's did:key. */
  obId(issuerId: string, ed25519PublicKeyMultibase: string): string {
    const { publicUrl } = this.config.credentials;
    return issuerIdFor(this.form, { publicUrl, issuerId, ed25519PublicKeyMultibase });
  }

  private readonly read: IssuerReader = (issuerId) => this.keys.issuer(issuerId);

  /**
   * Profiles built from an issuer state that already had all its keys, by that state object. The
   * ledger hands out the same state object for as long as the issuer's stream has not grown (a
   * rotation or compromise, here or in another process, folds a new one), so an entry is exactly
   * that state's profile; it goes when the state is collected. Each verification by id asks for
   * the profile once per proof (the credential's and both status lists'), and building, freezing
   * and serializing it for the proof memo was a tenth of a verification.
   */
  private readonly profiles = new WeakMap<RegisteredIssuer, ControllerDocument>();

  /**
   * The OB 3.0 Profile served at `/issuers/{id}`, with the keys as Multikey assertion methods:
   * deep-frozen and shared, so a reader may not change it.
   */
  async profile(issuerId: string, read = this.read): Promise<ControllerDocument> {
    const issuer = await read(issuerId);
    const complete = ISSUER_KEY_ALGORITHMS.every((algorithm) => currentKey(issuer.keys, algorithm));
    if (!complete) {
      // A key is activated first: the profile is of the state that activation leaves.
      const { name, keys, history } = await this.keys.keyring(issuerId, read);
      return this.buildProfile(issuerId, name, keys.ed25519.keyId, keys.ed25519.publicKeyMultibase, history);
    }
    let profile = this.profiles.get(issuer);
    if (!profile) {
      const ed25519 = currentKey(issuer.keys, 'Ed25519')!;
      profile = this.buildProfile(
        issuerId,
        issuer.legalName,
        ed25519.keyId,
        ed25519.publicKeyMultibase,
        issuer.keys,
      );
      this.profiles.set(issuer, profile);
    }
    return profile;
  }

  private buildProfile(
    issuerId: string,
    name: string,
    ed25519KeyId: string,
    ed25519PublicKeyMultibase: string,
    history: readonly IssuerKey[],
  ): ControllerDocument {
    const id = this.obId(issuerId, ed25519PublicKeyMultibase);
    // A did:key controls exactly one key: the profile of a did:key issuer lists that one.
    const listed = this.form === 'did-key' ? history.filter((key) => key.keyId === ed25519KeyId) : history;
    return deepFreeze(buildIssuerProfileDocument({ id, name }, published(listed)));
  }

  /** The did:web document at `/issuers/{id}/did.json`; 404 in the other forms. */
  async didDocument(issuerId: string, read = this.read): Promise<ControllerDocument> {
    if (this.form !== 'did-web')
      throw new NotFoundException('This deployment does not use did:web issuer ids');
    const { history } = await this.keys.keyring(issuerId, read);
    return buildDidDocument(didWebFor(this.config.credentials.publicUrl, issuerId), published(history));
  }

  /**
   * The registered issuer behind an OB 3.0 issuer id of this deployment. A did:key names no
   * issuer, so there the credential (`urn:uuid:<id>`) says whose it claims to be, and the did:key
   * must be one of that issuer's Ed25519 keys.
   */
  async issuerOf(
    obId: string | undefined,
    credentialId?: unknown,
    read = this.read,
  ): Promise<RegisteredIssuer | undefined> {
    if (!obId) return undefined;
    const ledgerId = await this.ledgerIssuerId(obId, credentialId);
    const issuer = ledgerId === undefined ? undefined : await notFoundAsUndefined(read(ledgerId));
    if (!issuer) return undefined;
    return this.idsOf(issuer).includes(obId) ? issuer : undefined;
  }

  /** Every OB 3.0 id the issuer has had in this form: one, or one did:key per Ed25519 key. */
  idsOf(issuer: RegisteredIssuer): string[] {
    if (this.form !== 'did-key') return [this.obId(issuer.issuerId, '')];
    return issuer.keys
      .filter((key) => key.algorithm === 'Ed25519')
      .map((key) => didKeyFor(key.publicKeyMultibase));
  }

  private async ledgerIssuerId(obId: string, credentialId: unknown): Promise<string | undefined> {
    const { publicUrl } = this.config.credentials;
    if (this.form === 'did-key') {
      const id = ledgerIdOf(credentialId);
      if (id === undefined) return undefined;
      const { state } = await this.ledger.load(credentialDecider, streamId('credential', id));
      if (state.status !== 'absent') return state.issuerId;
      // A stacked credential's id is a urn:uuid of the same form.
      const { state: stack } = await this.ledger.load(stackDecider, streamId('stack', id));
      return stack.status === 'absent' ? undefined : stack.issuerId;
    }
    // The configuration is fixed: the prefix is worked out once (a did:web one parses a URL).
    const prefix = (this.issuerIdPrefix ??=
      this.form === 'url' ? issuerProfileUrl(publicUrl, '') : didWebFor(publicUrl, ''));
    return obId.startsWith(prefix) ? decodeURIComponent(obId.slice(prefix.length)) : undefined;
  }
  private issuerIdPrefix: string | undefined;

  /**
   * Bundled contexts plus this deployment's own issuer documents, read in-process: the API never
   * fetches anything, not even from itself. did:key documents are derived from the id.
   */
  readonly documentLoader: DocumentLoader = this.loaderReading(this.read);

  /** The same loader, reading issuers with `read` (one verification's memo). */
  loaderReading(read: IssuerReader): DocumentLoader {
    return createDocumentLoader(
      controllerResolver(async (controllerId) => {
        if (this.form === 'did-key') return undefined;
        const issuer = await this.issuerOf(controllerId, undefined, read);
        if (!issuer) return undefined;
        return this.form === 'url'
          ? this.profile(issuer.issuerId, read)
          : this.didDocument(issuer.issuerId, read);
      }),
    );
  }
}
