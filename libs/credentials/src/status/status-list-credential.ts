import { VC_V2_CONTEXT } from '../jsonld/contexts';
import type { BitstringStatusListEntry } from '../ob3/inputs';
import type { Bitstring } from './bitstring';

export type StatusPurpose = BitstringStatusListEntry['statusPurpose'];
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

/** `${publicUrl}/status-lists/{issuerId}/{purpose}/{n}`: public, cacheable, one list per issuer and purpose. */
export const statusListUrl = (publicUrl: string, issuerId: string, purpose: StatusPurpose, list: number) =>
  `${publicUrl.replace(/\/+$/, '')}/status-lists/${encodeURIComponent(issuerId)}/${purpose}/${list}`;

export const statusListEntry = (
  listUrl: string,
  purpose: StatusPurpose,
  index: number,
): BitstringStatusListEntry => ({
  id: `${listUrl}#${index}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: purpose,
  statusListIndex: String(index),
  statusListCredential: listUrl,
});

export type StatusListCredentialInput = Readonly<{
  url: string;
  /** The issuer's OB 3.0 id: verifiers require it to equal the credential's issuer. */
  issuer: string;
  purpose: StatusPurpose;
  list: Bitstring;
  validFrom: string;
  /** How long a verifier may cache the list, in milliseconds (the spec's unit); also the HTTP max-age. */
  ttlMs: number;
}>;

/** The unsigned BitstringStatusListCredential; the issuer's Ed25519 key signs it like any credential. */
export const buildStatusListCredential = (input: StatusListCredentialInput) => ({
  '@context': [VC_V2_CONTEXT],
  id: input.url,
  type: ['VerifiableCredential', 'BitstringStatusListCredential'],
  issuer: input.issuer,
  validFrom: input.validFrom,
  credentialSubject: {
    id: `${input.url}#list`,
    type: 'BitstringStatusList',
    statusPurpose: input.purpose,
    encodedList: input.list.encode(),
    ttl: input.ttlMs,
  },
});
