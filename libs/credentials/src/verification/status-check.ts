import { LruMap } from '@credence/runtime';
import type { DocumentLoader } from '../jsonld/document-loader';
import { verifyDataIntegrity } from '../signing/data-integrity';
import { Bitstring } from '../status/bitstring';
import type { StatusPurpose } from '../status/status-list-credential';
import { failed, issuerIdOf, notApplicable, passed, type CheckResult, type Credential } from './check';

type Entry = {
  type?: unknown;
  statusPurpose?: unknown;
  statusListIndex?: unknown;
  statusListCredential?: unknown;
};

const entryFor = (credential: Credential, purpose: StatusPurpose): Entry | undefined =>
  [credential.credentialStatus]
    .flat()
    .find(
      (entry): entry is Entry =>
        typeof entry === 'object' &&
        entry !== null &&
        (entry as Entry).type === 'BitstringStatusListEntry' &&
        (entry as Entry).statusPurpose === purpose,
    );

/** Decoded lists kept: a list is the same string for every credential it covers until a bit changes. */
const DECODED_LISTS = 100;
const decodedLists = new LruMap<string, Bitstring>(DECODED_LISTS);

/**
 * `Bitstring.decode`, once per exact `encodedList`: gunzipping 16 KiB per check dominated a status
 * check. The answer depends only on the string, and a Bitstring never changes, so sharing is safe.
 */
const decodeOnce = (encodedList: string): Bitstring => {
  let list = decodedLists.get(encodedList);
  if (!list) {
    list = Bitstring.decode(encodedList);
    decodedLists.set(encodedList, list);
  }
  return list;
};

const WORDS: Record<StatusPurpose, { set: string; clear: string }> = {
  revocation: { set: 'The issuer has revoked this credential.', clear: 'The credential is not revoked.' },
  suspension: { set: 'The issuer has suspended this credential.', clear: 'The credential is not suspended.' },
};

/**
 * Reads the credential's bit from the issuer's published status list, never from a database:
 * what any verifier sees. Strict: a list that cannot be loaded or whose proof does not verify
 * fails the check rather than passing it.
 */
export const statusCheck = async (
  credential: Credential,
  purpose: StatusPurpose,
  documentLoader: DocumentLoader,
  verifyProof: typeof verifyDataIntegrity = verifyDataIntegrity,
): Promise<CheckResult> => {
  const id = `status.${purpose}`;
  const entry = entryFor(credential, purpose);
  if (!entry) return notApplicable(id, `The credential has no ${purpose} status entry.`);
  const url = String(entry.statusListCredential);
  const index = Number(entry.statusListIndex);
  const evidence: Record<string, unknown> = {
    statusListCredential: url,
    statusListIndex: entry.statusListIndex,
  };
  let list: Credential;
  try {
    list = (await documentLoader(url)).document as Credential;
  } catch (error) {
    return failed(id, `The status list could not be loaded: ${(error as Error).message}`, evidence);
  }
  const proof = await verifyProof(list, documentLoader);
  if (!proof.verified)
    return failed(id, 'The status list’s proof does not verify, so its bits cannot be trusted.', {
      ...evidence,
      errors: proof.errors,
    });
  const subject = list.credentialSubject as
    { type?: unknown; statusPurpose?: unknown; encodedList?: unknown } | undefined;
  if (issuerIdOf(list) !== issuerIdOf(credential))
    return failed(id, 'The status list was issued by someone other than the credential’s issuer.', evidence);
  if (
    subject?.type !== 'BitstringStatusList' ||
    subject.statusPurpose !== purpose ||
    typeof subject.encodedList !== 'string'
  )
    return failed(id, `The status list is not a ${purpose} BitstringStatusList.`, evidence);
  try {
    const set = decodeOnce(subject.encodedList).get(index);
    return set
      ? failed(id, WORDS[purpose].set, { ...evidence, bit: 1 })
      : passed(id, WORDS[purpose].clear, { ...evidence, bit: 0 });
  } catch (error) {
    return failed(id, `The status entry cannot be read: ${(error as Error).message}`, evidence);
  }
};
