import { failed, notApplicable, passed, type CheckResult } from './check';

/** One issuer key as the log tells its life: IssuerKeyActivated, IssuerKeyRetired, IssuerKeyCompromised. */
export type KeyHistoryEntry = Readonly<{
  keyId: string;
  publicKeyMultibase: string;
  activatedAt: string;
  retiredAt?: string;
  compromisedSince?: string;
}>;

/**
 * Which key signed: a Data Integrity verification method, or the key a vc+jwt `kid` names, with
 * the issuer (OB 3.0 id) whose key URL it is: key ids are only unique per issuer.
 */
export type SigningKeyRef = Readonly<
  { verificationMethod: string } | { kid: string; keyId: string; controller: string }
>;

export type IssuerKeyCheckInput = Readonly<{
  issuerId: string;
  signingKey: SigningKeyRef;
  /** Undefined when the issuer is not on this ledger. */
  history: readonly KeyHistoryEntry[] | undefined;
  /**
   * The instant the key is judged at, and where it comes from: this deployment's record of
   * signing exactly this presentation, the log's issuance, or only the credential's own claim.
   */
  issuedAt: string;
  issuedAtSource: 'signed-export' | 'log' | 'proof.created' | 'validFrom';
}>;

const findKey = (input: IssuerKeyCheckInput): KeyHistoryEntry | undefined => {
  const { signingKey, history = [] } = input;
  if ('keyId' in signingKey) return history.find((key) => key.keyId === signingKey.keyId);
  const multibase = signingKey.verificationMethod.slice(signingKey.verificationMethod.indexOf('#') + 1);
  return history.find((key) => key.publicKeyMultibase === multibase);
};

const before = (a: string, b: string) => Date.parse(a) < Date.parse(b);
/**
 * Proof instants are whole seconds (the Data Integrity library drops the fraction), so a key
 * counts as active, and as compromised, from the start of the second the event names: a
 * credential signed right after a key's activation is not judged signed before it, and one signed
 * in the second of a compromise is judged compromised (the boundary belongs to the attacker).
 */
const wholeSecond = (instant: string) =>
  new Date(Math.floor(Date.parse(instant) / 1000) * 1000).toISOString();

/**
 * The signing key belonged to the issuer and was good at issuance: activated before, not retired
 * before, not compromised since before. A compromise reported today thus fails every credential
 * issued since `compromisedSince`, and leaves older ones standing.
 */
export const issuerKeyCheck = (input: IssuerKeyCheckInput): CheckResult => {
  const { issuerId, signingKey, history, issuedAt, issuedAtSource } = input;
  const signedOrIssued = issuedAtSource === 'signed-export' ? 'signed' : 'issued';
  const evidence: Record<string, unknown> = { issuerId, ...signingKey, issuedAt, issuedAtSource };
  if (history === undefined)
    return notApplicable(
      'issuer-key',
      'The issuer is not on this ledger, so its key history is unknown; the proof check covers that the issuer lists the key.',
      evidence,
    );
  const controller =
    'verificationMethod' in signingKey ? signingKey.verificationMethod.split('#')[0] : signingKey.controller;
  if (controller !== issuerId)
    return failed(
      'issuer-key',
      'The signing key is not one of the issuer’s: its controller is not the issuer.',
      evidence,
    );
  const key = findKey(input);
  if (!key) return failed('issuer-key', 'The signing key is not in the issuer’s key history.', evidence);
  Object.assign(evidence, {
    keyId: key.keyId,
    activatedAt: key.activatedAt,
    retiredAt: key.retiredAt,
    compromisedSince: key.compromisedSince,
  });
  if (before(issuedAt, wholeSecond(key.activatedAt)))
    return failed(
      'issuer-key',
      `The key was activated at ${key.activatedAt}, after the credential was ${signedOrIssued}.`,
      evidence,
    );
  if (key.compromisedSince !== undefined && !before(issuedAt, wholeSecond(key.compromisedSince)))
    return failed(
      'issuer-key',
      `The key is reported compromised since ${key.compromisedSince}, and the credential was ${signedOrIssued} at ${issuedAt}.`,
      evidence,
    );
  if (key.retiredAt !== undefined && !before(issuedAt, key.retiredAt))
    return failed(
      'issuer-key',
      `The key was retired at ${key.retiredAt}, before the credential was ${signedOrIssued}.`,
      evidence,
    );
  return passed(
    'issuer-key',
    `Signed with the issuer’s key ${key.keyId}, valid and not compromised when the credential was ${signedOrIssued} (${issuedAt}).`,
    evidence,
  );
};
