import { isDeepStrictEqual } from 'node:util';
import { Injectable, NotFoundException } from '@nestjs/common';
import {
  BUNDLED_CONTEXTS,
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
  type PluggableCheck,
  type VerificationAnswer,
} from '@credence/credentials';
import { credentialDecider, stackDecider, streamId, type IssuedCredentialState } from '@credence/domain';
import { EventStore, type RecordedEvent } from '@credence/event-store';
import { Ledger } from '@credence/ledger';
import { LruMap } from '@credence/runtime';
import { LedgerConfig } from '../config';
import { CredentialExporter } from './credential-export';
import type { SignedExport } from './export-cache';
import { deepFreeze, isDeepFrozen } from './frozen-documents';
import { IssuerDocuments, ledgerIdOf } from './issuer-documents';
import { IssuerKeys, type IssuerReader } from './issuer-keys';
import type { AwardedStack } from './stacked-export';
import { listNumberOf, StatusListPublisher, statusPurposeOf } from './status-lists';

/** Issuance (and award) events kept by stream: one per credential verified lately (a few KB each). */
const FIRST_EVENTS = 2_000;

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

/** What the ledger holds behind a presented `urn:uuid` id of its own: a credential or a stacked credential. */
type OnRecord =
  | Readonly<{ kind: 'credential'; state: IssuedCredentialState; issued: RecordedEvent }>
  | Readonly<{ kind: 'stack'; state: AwardedStack; issued: RecordedEvent }>;

/** The record behind a context's credential; its issuer id is the credential's own (`issuerIdOf`). */
type RecordLookup = (context: CheckContext) => Promise<OnRecord | undefined>;

/** A credential's (or stacked credential's) stored exports, by ledger id. */
type StoredExports = (ledgerId: string) => readonly SignedExport[];

const NOT_APPLICABLE_TO_STACKS: Readonly<Record<string, string>> = {
  accreditation:
    'A stacked credential records no accreditation of its own: each component credential answers this check.',
};

/** A stack is as good as the ledger says: suspended or invalidated as its components were. */
const stackStatusCheck = (state: AwardedStack): CheckResult => {
  switch (state.status) {
    case 'awarded':
      return passed('status.ledger', 'The ledger records the stacked credential as awarded and in force.', {
        status: state.status,
      });
    case 'suspended':
      return failed(
        'status.ledger',
        `The ledger records the stacked credential as suspended (component(s) ${state.suspendedComponentIds.join(', ')} suspended).`,
        { status: state.status, suspendedComponentIds: state.suspendedComponentIds },
      );
    case 'invalidated':
      return failed(
        'status.ledger',
        `The ledger records the stacked credential as invalidated (component ${state.invalidatedBy} was revoked).`,
        { status: state.status, invalidatedBy: state.invalidatedBy },
      );
  }
};

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
    private readonly statusLists: StatusListPublisher,
  ) {}

  private readonly firstEvents = new LruMap<string, RecordedEvent>(FIRST_EVENTS);

  /**
   * What a verifier fetches, answered in-process: this deployment's status lists come from the
   * publisher (the same signed document `GET /status-lists/...` serves, whose proof the status
   * checks verify before trusting a bit), everything else from the issuer documents' offline loader.
   * One loader per verification: a URL the checks ask for again (the issuer profile, once per
   * proof) is read once, and every answer is a copy or deep-frozen, so no check can alter what
   * the next sees.
   * Issuers are read with the verification's own reader, once each.
   */
  private loaderForOneVerification(read: IssuerReader): DocumentLoader {
    const loaded = new Map<string, ReturnType<DocumentLoader>>();
    const documents = this.documents.loaderReading(read);
    const load: DocumentLoader = async (url) => {
      const list = await this.ownStatusList(url, read);
      if (list) return { contextUrl: null, documentUrl: url, document: list };
      const loaded = await documents(url);
      // An issuer document, built for this verification, is frozen and shared by its checks. A
      // JSON-LD context is not: the JSON-LD library resolves a context's URLs in place.
      return BUNDLED_CONTEXTS.has(url) ? loaded : { ...loaded, document: deepFreeze(loaded.document) };
    };
    return async (url) => {
      let once = loaded.get(url);
      if (!once) {
        once = load(url);
        loaded.set(url, once);
      }
      const { document, ...rest } = await once;
      return { ...rest, document: isDeepFrozen(document) ? document : structuredClone(document) };
    };
  }

  /** Where this deployment's status lists live; the configuration is fixed, so worked out once. */
  private get statusListPrefix(): string {
    return (this.statusListPrefixOnce ??= `${this.config.credentials.publicUrl.replace(/\/+$/, '')}/status-lists/`);
  }
  private statusListPrefixOnce: string | undefined;

  private async ownStatusList(url: string, read: IssuerReader): Promise<object | undefined> {
    const prefix = this.statusListPrefix;
    if (!url.startsWith(prefix)) return undefined;
    const [issuerId, purposeName, n, ...rest] = url.slice(prefix.length).split('/');
    const purpose = statusPurposeOf(purposeName);
    const list = listNumberOf(n);
    if (!issuerId || !purpose || list === undefined || rest.length > 0) return undefined;
    try {
      return (await this.statusLists.current(decodeURIComponent(issuerId), purpose, list, read)).credential;
    } catch (error) {
      if (error instanceof NotFoundException) return undefined;
      throw error;
    }
  }

  verify(presented: Credential | string): Promise<VerificationAnswer> {
    const publicUrl = this.config.credentials.publicUrl;
    // One verification reads each issuer, record and stored export once: every check sees the same.
    const read = this.keys.readingOnce();
    const onRecord = this.onRecordOncePerCredential(read);
    const storedExports = this.storedExportsOncePerVerification();
    const registered = (issuerId: string) => read(issuerId).catch(() => undefined);
    return verifyPresentedCredential(presented, {
      documentLoader: this.loaderForOneVerification(read),
      // From the log, compromised keys too: the issuer-key check, not a missing JWK, says why it fails.
      resolveJwk: async (kid) => {
        const ref = parseIssuerJwkUrl(publicUrl, kid);
        const issuer = ref && (await registered(ref.issuerId));
        return issuer?.keys.find((key) => key.keyId === ref!.keyId)?.publicJwk;
      },
      keyOfKid: async (kid, credential) => {
        const ref = parseIssuerJwkUrl(publicUrl, kid);
        const issuer = ref && (await registered(ref.issuerId));
        if (!issuer) return undefined;
        const ids = this.documents.idsOf(issuer);
        const claimed = issuerIdOf(credential);
        // In the did-key form an issuer has had one id per Ed25519 key; the credential says which.
        return { controller: claimed && ids.includes(claimed) ? claimed : ids[0]!, keyId: ref!.keyId };
      },
      // The log's keys are key history entries as they stand (the check reads only its own fields).
      keyHistory: async (issuerObId, credential) =>
        (await this.documents.issuerOf(issuerObId, credential.id, read))?.keys,
      issuedAtInLog: (credential) => this.issuedAtInLog(credential, onRecord, storedExports),
      signedAtOnRecord: async (given, credential) => this.signedAtOnRecord(given, credential, storedExports),
      now: new Date().toISOString(),
      verifyProof: this.exporter.proofResults,
      pluggable: [
        this.ledgerCheck('accreditation', accreditationCheck, onRecord),
        this.ledgerCheck('quality-ruleset', (_state, issued) => rulesetCheck(issued), onRecord),
        async (context) =>
          hasStatusEntries(context.credential)
            ? undefined
            : this.ledgerCheck('status.ledger', ledgerStatusCheck, onRecord)(context),
      ],
    });
  }

  /**
   * The stored exports of a credential, read once per verification: the signed-at and issued-at
   * lookups both compare the presentation with them.
   */
  private storedExportsOncePerVerification(): StoredExports {
    const read = new Map<string, readonly SignedExport[]>();
    return (id) => {
      let exports = read.get(id);
      if (!exports) {
        exports = this.exporter.cache.exportsOf(id);
        read.set(id, exports);
      }
      return exports;
    };
  }

  /** When this ledger signed exactly this presentation: the stored export's proof instant. */
  private signedAtOnRecord(
    given: Credential | string,
    credential: Credential,
    storedExports: StoredExports,
  ): string | undefined {
    const id = ledgerIdOf(credential.id);
    if (!id) return undefined;
    // By id, the presentation is a stored export itself: no need to read which ones are stored.
    const json =
      typeof given === 'object' && this.exporter.cache.isStored(given)
        ? given
        : storedExports(id).find(({ json, jwt }) =>
            typeof given === 'string' ? jwt === given : isDeepStrictEqual(json, given),
          )?.json;
    // One proof, as an object or (as the Data Integrity library writes it) a one-element array.
    const [proof] = [json?.proof].flat() as Array<{ created?: unknown } | undefined>;
    return typeof proof?.created === 'string' ? proof.created : undefined;
  }

  /** The log's issuance instant, only for exactly what this ledger exported under that id (a reused id proves nothing). */
  private async issuedAtInLog(
    credential: Credential,
    onRecord: RecordLookup,
    storedExports: StoredExports,
  ): Promise<string | undefined> {
    const record = await onRecord({
      credential,
      issuerId: issuerIdOf(credential),
      issuedAt: undefined,
    });
    if (!record) return undefined;
    // By id, the presentation is a stored export itself (one frozen object): nothing to compare.
    if (!this.exporter.cache.isStored(credential)) {
      const { proof: _proof, ...presented } = credential;
      const exported = storedExports(ledgerIdOf(credential.id)!).some(
        ({ json: { proof: _p, ...unsigned } }) => isDeepStrictEqual(unsigned, presented),
      );
      if (!exported) return undefined;
    }
    return record.kind === 'credential' ? record.state.issuedAt : record.state.awardedAt;
  }

  /**
   * A check that reads the ledger: not applicable to a credential this ledger did not issue. A
   * stacked credential answers status from its own stream and the ruleset its award passed.
   */
  private ledgerCheck(
    id: string,
    check: (state: IssuedCredentialState, issued: RecordedEvent) => CheckResult,
    onRecord: RecordLookup,
  ): PluggableCheck {
    return async (context) => {
      const record = await onRecord(context);
      if (!record) return notApplicable(id, 'The credential was not issued on this ledger.');
      if (record.kind === 'credential') return check(record.state, record.issued);
      if (id === 'status.ledger') return stackStatusCheck(record.state);
      if (id === 'quality-ruleset') return rulesetCheck(record.issued);
      return notApplicable(id, NOT_APPLICABLE_TO_STACKS[id] ?? 'Not recorded for stacked credentials.');
    };
  }

  /**
   * The record lookup for one verification: the issued-at check and each ledger check ask about
   * the same credential, so the issuer, the stream and its first event are read once, not per check.
   */
  private onRecordOncePerCredential(read: IssuerReader): RecordLookup {
    const known = new WeakMap<Credential, Promise<OnRecord | undefined>>();
    return (context) => {
      let record = known.get(context.credential);
      if (!record) {
        record = this.onRecord(context, read);
        known.set(context.credential, record);
      }
      return record;
    };
  }

  /**
   * A stream's first event (the issuance or award), kept once read: a recorded event never
   * changes, so this cache cannot go stale.
   */
  private async firstEvent(stream: string): Promise<RecordedEvent> {
    let event = this.firstEvents.get(stream);
    if (!event) {
      event = (await this.store.readStream(stream, { maxCount: 1 }))[0]!;
      this.firstEvents.set(stream, event);
    }
    return event;
  }

  private async onRecord(
    { credential, issuerId }: CheckContext,
    read: IssuerReader,
  ): Promise<OnRecord | undefined> {
    const id = ledgerIdOf(credential.id);
    const issuer = await this.documents.issuerOf(issuerId, credential.id, read);
    if (!issuer || !id) return undefined;
    const first = (stream: string) => this.firstEvent(stream);
    const { state } = await this.ledger.load(credentialDecider, streamId('credential', id));
    if (state.status !== 'absent')
      return state.issuerId === issuer.issuerId
        ? { kind: 'credential', state, issued: await first(streamId('credential', id)) }
        : undefined;
    const { state: stack } = await this.ledger.load(stackDecider, streamId('stack', id));
    return stack.status !== 'absent' && stack.issuerId === issuer.issuerId
      ? { kind: 'stack', state: stack, issued: await first(streamId('stack', id)) }
      : undefined;
  }
}
