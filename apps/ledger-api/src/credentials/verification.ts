import { isDeepStrictEqual } from 'node:util';
import { Injectable, NotFoundException } from '@nestjs/common';
import {
  IssuerKeyStore,
  failed,
  issuerIdOf,
  notApplicable,
  parseIssuerJwkUrl,
  passed,
  verifyPresentedCredential,
  type CheckContext,
  type CheckResult,
  type Credential,
  type DocumentLoader,
  type KeyHistoryEntry,
  type PluggableCheck,
  type VerificationAnswer,
} from '@credence/credentials';
import { credentialDecider, STATUS_PURPOSES, streamId, type IssuedCredentialState } from '@credence/domain';
import { EventStore, type RecordedEvent } from '@credence/event-store';
import { Ledger } from '@credence/ledger';
import { LedgerConfig } from '../config';
import { CredentialExporter } from './credential-export';
import { IssuerKeyring } from './issuer-keys';
import { memoizedProofVerifier } from './proof-memo';
import { StatusListPublisher } from './status-lists';

const URN_UUID = 'urn:uuid:';

const accreditationCheck = (state: IssuedCredentialState): CheckResult =>
  state.accreditation
    ? passed(
        'accreditation',
        `The issuer held accreditation ${state.accreditation.accreditationId} from ${state.accreditation.qaBody} when it issued the credential.`,
        { ...state.accreditation },
      )
    : failed('accreditation', 'The ledger records no accreditation covering this credential at issuance.');

const rulesetCheck = (issued: RecordedEvent): CheckResult => {
  const ruleset = issued.metadata.ruleset;
  return ruleset
    ? passed('quality-ruleset', `Issuance passed quality ruleset ${ruleset.id}@${ruleset.version}.`, {
        ...ruleset,
      })
    : failed('quality-ruleset', 'The issuance carries no quality ruleset stamp.');
};

const hasStatusEntries = (credential: Credential): boolean =>
  [credential.credentialStatus]
    .flat()
    .some((entry) => (entry as { type?: unknown } | undefined)?.type === 'BitstringStatusListEntry');

/**
 * Revocation and suspension as the ledger records them, only for a credential exported before
 * status lists existed (no BitstringStatusListEntry): status.revocation and status.suspension
 * read the published lists for every other one.
 */
const ledgerStatusCheck = (state: IssuedCredentialState): CheckResult =>
  state.status === 'active'
    ? passed('status.ledger', 'The ledger records the credential as neither revoked nor suspended.', {
        status: state.status,
      })
    : failed('status.ledger', `The ledger records the credential as ${state.status} (${state.reason}).`, {
        status: state.status,
        reason: state.reason,
      });

/**
 * The verification API: the library's checks, fed from this deployment (its own issuer profiles
 * and keys, read in-process), plus the ledger's own checks for credentials it issued.
 */
@Injectable()
export class CredentialVerifier {
  constructor(
    private readonly ledger: Ledger,
    private readonly store: EventStore,
    private readonly keyring: IssuerKeyring,
    private readonly keyStore: IssuerKeyStore,
    private readonly exporter: CredentialExporter,
    private readonly config: LedgerConfig,
    private readonly statusLists: StatusListPublisher,
  ) {}

  private readonly verifyProof = memoizedProofVerifier();

  /**
   * What a verifier fetches, answered in-process: this deployment's status lists come from the
   * publisher (the same signed document `GET /status-lists/...` serves, whose proof the status
   * checks verify before trusting a bit), everything else from the keyring's offline loader.
   * One loader per verification: a URL the checks ask for again (the issuer profile, once per
   * proof) is read once, and every answer is a copy, so no check can alter what the next sees.
   */
  private loaderForOneVerification(): DocumentLoader {
    const loaded = new Map<string, ReturnType<DocumentLoader>>();
    return async (url) => {
      let once = loaded.get(url);
      if (!once) {
        once = this.load(url);
        loaded.set(url, once);
      }
      const { document, ...rest } = await once;
      return { ...rest, document: structuredClone(document) };
    };
  }

  private readonly load: DocumentLoader = async (url) => {
    const list = await this.ownStatusList(url);
    return list ? { contextUrl: null, documentUrl: url, document: list } : this.keyring.documentLoader(url);
  };

  private async ownStatusList(url: string): Promise<object | undefined> {
    const prefix = `${this.config.credentials.publicUrl.replace(/\/+$/, '')}/status-lists/`;
    if (!url.startsWith(prefix)) return undefined;
    const [issuerId, purposeName, n, ...rest] = url.slice(prefix.length).split('/');
    const purpose = STATUS_PURPOSES.find((p) => p === purposeName);
    if (!issuerId || !purpose || !/^(0|[1-9][0-9]{0,5})$/.test(n ?? '') || rest.length > 0) return undefined;
    try {
      return (await this.statusLists.current(decodeURIComponent(issuerId), purpose, Number(n))).credential;
    } catch (error) {
      if (error instanceof NotFoundException) return undefined;
      throw error;
    }
  }

  verify(presented: Credential | string): Promise<VerificationAnswer> {
    const publicUrl = this.config.credentials.publicUrl;
    return verifyPresentedCredential(presented, {
      documentLoader: this.loaderForOneVerification(),
      resolveJwk: async (kid) => {
        const key = parseIssuerJwkUrl(publicUrl, kid);
        return key && (await this.keyStore.publicKey(key.issuerId, key.keyId))?.publicJwk;
      },
      keyOfKid: (kid) => {
        const key = parseIssuerJwkUrl(publicUrl, kid);
        return key && { controller: this.keyring.issuerObId(key.issuerId), keyId: key.keyId };
      },
      keyHistory: (issuerObId) => this.keyHistory(issuerObId),
      issuedAtInLog: (credential) => this.issuedAtInLog(credential),
      now: new Date().toISOString(),
      verifyProof: this.verifyProof,
      pluggable: [
        this.ledgerCheck('accreditation', accreditationCheck),
        this.ledgerCheck('quality-ruleset', (_state, issued) => rulesetCheck(issued)),
        async (context) =>
          hasStatusEntries(context.credential)
            ? undefined
            : this.ledgerCheck('status.ledger', ledgerStatusCheck)(context),
      ],
    });
  }

  /** The ledger issuer id behind an OB 3.0 issuer id of this deployment. */
  private ledgerIssuerId(issuerObId: string | undefined): string | undefined {
    const prefix = this.keyring.issuerObId('');
    return issuerObId?.startsWith(prefix) ? decodeURIComponent(issuerObId.slice(prefix.length)) : undefined;
  }

  /**
   * Until IssuerKeyActivated events exist, an issuer's keys count as active from its
   * registration: they are generated on first export, and are the only keys it ever had.
   */
  private async keyHistory(issuerObId: string): Promise<readonly KeyHistoryEntry[] | undefined> {
    const issuerId = this.ledgerIssuerId(issuerObId);
    if (!issuerId) return undefined;
    const [registered] = await this.store.readStream(streamId('issuer', issuerId), { maxCount: 1 });
    if (!registered) return undefined;
    const { keys } = await this.keyring.forIssuer(issuerId);
    return [keys.ed25519, keys.p256].map((key) => ({
      keyId: key.keyId,
      publicKeyMultibase: key.publicKeyMultibase,
      activatedAt: registered.metadata.now,
    }));
  }

  /** The log's issuance instant, only for exactly what this ledger exported under that id (a reused id proves nothing). */
  private async issuedAtInLog(credential: Credential): Promise<string | undefined> {
    const state = await this.issuedHere({
      credential,
      issuerId: issuerIdOf(credential),
      issuedAt: undefined,
    });
    if (!state) return undefined;
    const { proof: _proof, ...presented } = credential;
    const exported = this.exporter.cache
      .exportsOf(state.credentialId)
      .some(({ json: { proof: _p, ...unsigned } }) => isDeepStrictEqual(unsigned, presented));
    return exported ? state.issuedAt : undefined;
  }

  /** A check that reads the ledger: not applicable to a credential this ledger did not issue. */
  private ledgerCheck(
    id: string,
    check: (state: IssuedCredentialState, issued: RecordedEvent) => CheckResult,
  ): PluggableCheck {
    return async (context) => {
      const state = await this.issuedHere(context);
      if (!state) return notApplicable(id, 'The credential was not issued on this ledger.');
      const [issued] = await this.store.readStream(streamId('credential', state.credentialId), {
        maxCount: 1,
      });
      return check(state, issued!);
    };
  }

  private async issuedHere({
    credential,
    issuerId,
  }: CheckContext): Promise<IssuedCredentialState | undefined> {
    const ledgerIssuerId = this.ledgerIssuerId(issuerId);
    const id =
      typeof credential.id === 'string' && credential.id.startsWith(URN_UUID)
        ? credential.id.slice(URN_UUID.length)
        : undefined;
    if (!ledgerIssuerId || !id) return undefined;
    const { state } = await this.ledger.load(credentialDecider, streamId('credential', id));
    return state.status !== 'absent' && state.issuerId === ledgerIssuerId ? state : undefined;
  }
}
