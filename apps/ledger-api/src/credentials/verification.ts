import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import {
  failed,
  issuerIdOf,
  notApplicable,
  parseIssuerJwkUrl,
  passed,
  verifyPresentedCredential,
  type CheckContext,
  type CheckResult,
  type Credential,
  type PluggableCheck,
  type VerificationAnswer,
} from '@credence/credentials';
import { credentialDecider, streamId, type IssuedCredentialState } from '@credence/domain';
import { EventStore, type RecordedEvent } from '@credence/event-store';
import { Ledger } from '@credence/ledger';
import { LedgerConfig } from '../config';
import { CredentialExporter } from './credential-export';
import { IssuerDocuments } from './issuer-documents';
import { IssuerKeys, type RegisteredIssuer } from './issuer-keys';

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

/**
 * Revocation and suspension as the ledger records them. A stand-in for the status.* checks,
 * which read Bitstring Status Lists: none are published yet, so exports carry no credentialStatus.
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
 * The verification API: the library's checks, fed from this deployment (its own issuer documents
 * and the key history in the log, read in-process), plus the ledger's own checks for credentials
 * it issued.
 */
@Injectable()
export class CredentialVerifier {
  constructor(
    private readonly ledger: Ledger,
    private readonly store: EventStore,
    private readonly keys: IssuerKeys,
    private readonly documents: IssuerDocuments,
    private readonly exporter: CredentialExporter,
    private readonly config: LedgerConfig,
  ) {}

  verify(presented: Credential | string): Promise<VerificationAnswer> {
    const publicUrl = this.config.credentials.publicUrl;
    return verifyPresentedCredential(presented, {
      documentLoader: this.documents.documentLoader,
      // From the log, compromised keys too: the issuer-key check, not a missing JWK, says why it fails.
      resolveJwk: async (kid) => {
        const ref = parseIssuerJwkUrl(publicUrl, kid);
        const issuer = ref && (await this.registered(ref.issuerId));
        return issuer?.keys.find((key) => key.keyId === ref!.keyId)?.publicJwk;
      },
      keyOfKid: async (kid, credential) => {
        const ref = parseIssuerJwkUrl(publicUrl, kid);
        const issuer = ref && (await this.registered(ref.issuerId));
        if (!issuer) return undefined;
        const ids = this.documents.idsOf(issuer);
        const claimed = issuerIdOf(credential);
        // In the did-key form an issuer has had one id per Ed25519 key; the credential says which.
        return { controller: claimed && ids.includes(claimed) ? claimed : ids[0]!, keyId: ref!.keyId };
      },
      keyHistory: async (issuerObId, credential) => {
        const issuer = await this.documents.issuerOf(issuerObId, credential.id);
        return issuer?.keys.map(
          ({ keyId, publicKeyMultibase, activatedAt, retiredAt, compromisedSince }) => ({
            keyId,
            publicKeyMultibase,
            activatedAt,
            ...(retiredAt ? { retiredAt } : {}),
            ...(compromisedSince ? { compromisedSince } : {}),
          }),
        );
      },
      issuedAtInLog: (credential) => this.issuedAtInLog(credential),
      signedAtOnRecord: async (given, credential) => this.signedAtOnRecord(given, credential),
      now: new Date().toISOString(),
      pluggable: [
        this.ledgerCheck('accreditation', accreditationCheck),
        this.ledgerCheck('quality-ruleset', (_state, issued) => rulesetCheck(issued)),
        this.ledgerCheck('status.ledger', ledgerStatusCheck),
      ],
    });
  }

  private registered(issuerId: string): Promise<RegisteredIssuer | undefined> {
    return this.keys.issuer(issuerId).catch(() => undefined);
  }

  /** The credential id a presentation claims, when it is one of this ledger's form. */
  private static ledgerId(credential: Credential): string | undefined {
    return typeof credential.id === 'string' && credential.id.startsWith(URN_UUID)
      ? credential.id.slice(URN_UUID.length)
      : undefined;
  }

  /** When this ledger signed exactly this presentation: the stored export's proof instant. */
  private signedAtOnRecord(given: Credential | string, credential: Credential): string | undefined {
    const id = CredentialVerifier.ledgerId(credential);
    if (!id) return undefined;
    const record = this.exporter.cache
      .exportsOf(id)
      .find(({ json, jwt }) => (typeof given === 'string' ? jwt === given : isDeepStrictEqual(json, given)));
    // One proof, as an object or (as the Data Integrity library writes it) a one-element array.
    const [proof] = [record?.json.proof].flat() as Array<{ created?: unknown } | undefined>;
    return typeof proof?.created === 'string' ? proof.created : undefined;
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
    const id = CredentialVerifier.ledgerId(credential);
    const issuer = await this.documents.issuerOf(issuerId, credential.id);
    if (!issuer || !id) return undefined;
    const { state } = await this.ledger.load(credentialDecider, streamId('credential', id));
    return state.status !== 'absent' && state.issuerId === issuer.issuerId ? state : undefined;
  }
}
