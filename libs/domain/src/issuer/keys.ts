import { conflict, invalid, notFound, type CommandMetadata } from '../core';
import { instantMs } from '../time';
import type { IssuerKeyActivated, IssuerKeyAlgorithm, IssuerKeyEvent } from './key-events';
import { ISSUER_KEY_ALGORITHMS } from './key-events';

/** One issuer key as the log tells its life. */
export type IssuerKey = Omit<IssuerKeyActivated['data'], 'issuerId'> &
  Readonly<{ retiredAt?: string; compromisedSince?: string }>;

/** The key of this algorithm that signs new credentials: the newest one neither retired nor compromised. */
export const currentKey = (
  keys: readonly IssuerKey[],
  algorithm: IssuerKeyAlgorithm,
): IssuerKey | undefined =>
  keys.findLast(
    (key) => key.algorithm === algorithm && key.retiredAt === undefined && key.compromisedSince === undefined,
  );

export const evolveKeys = (
  keys: readonly IssuerKey[],
  { type, data }: IssuerKeyEvent,
): readonly IssuerKey[] => {
  switch (type) {
    case 'IssuerKeyActivated': {
      const { issuerId: _issuerId, ...key } = data;
      return keys.some((k) => k.keyId === key.keyId) ? keys : [...keys, key];
    }
    case 'IssuerKeyRetired':
      return keys.map((k) => (k.keyId === data.keyId ? { ...k, retiredAt: data.retiredAt } : k));
    case 'IssuerKeyCompromised':
      return keys.map((k) =>
        k.keyId === data.keyId ? { ...k, compromisedSince: data.compromisedSince } : k,
      );
  }
};

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MULTIBASE = /^z[1-9A-HJ-NP-Za-km-z]{20,200}$/;

/**
 * Makes the key the issuer's current key of its algorithm, retiring the one it replaces. A
 * repeat (same id, same material) is a no-op, so concurrent first uses of one key end with one
 * activation; the same id with other material is a conflict.
 */
export const activateKey = (
  keys: readonly IssuerKey[],
  data: Omit<IssuerKeyActivated['data'], 'activatedAt'>,
  metadata: CommandMetadata,
): IssuerKeyEvent[] => {
  const { issuerId, keyId, algorithm, publicKeyMultibase, publicJwk } = data;
  if (!KEY_ID.test(keyId)) throw invalid('issuer.key-id-invalid', 'keyId must be 1-64 of A-Z a-z 0-9 . _ -');
  if (!ISSUER_KEY_ALGORITHMS.includes(algorithm))
    throw invalid(
      'issuer.key-algorithm-invalid',
      `algorithm must be one of ${ISSUER_KEY_ALGORITHMS.join(', ')}`,
    );
  if (!MULTIBASE.test(publicKeyMultibase))
    throw invalid('issuer.key-multibase-invalid', 'publicKeyMultibase must be base58btc multibase (z…)');
  const same = keys.find((k) => k.keyId === keyId || k.publicKeyMultibase === publicKeyMultibase);
  if (same) {
    if (
      same.keyId === keyId &&
      same.publicKeyMultibase === publicKeyMultibase &&
      same.algorithm === algorithm
    )
      return [];
    throw conflict(
      'issuer.key-exists',
      `Issuer ${issuerId} already has key ${same.keyId} with other material`,
    );
  }
  const replaced = currentKey(keys, algorithm);
  return [
    {
      type: 'IssuerKeyActivated',
      data: { issuerId, keyId, algorithm, publicKeyMultibase, publicJwk, activatedAt: metadata.now },
    },
    ...(replaced
      ? [
          {
            type: 'IssuerKeyRetired' as const,
            data: { issuerId, keyId: replaced.keyId, retiredAt: metadata.now },
          },
        ]
      : []),
  ];
};

/**
 * Records a compromise. `compromisedSince` may lie in the past (when the leak began) but not in
 * the future; a later report that moves it earlier is recorded, one that moves it later is a
 * no-op: a key once known compromised from an instant stays so.
 */
export const reportCompromise = (
  keys: readonly IssuerKey[],
  data: { issuerId: string; keyId: string; compromisedSince: string },
  metadata: CommandMetadata,
): IssuerKeyEvent[] => {
  const { issuerId, keyId, compromisedSince } = data;
  const key = keys.find((k) => k.keyId === keyId);
  if (!key) throw notFound('issuer.key-not-found', `Issuer ${issuerId} has no key ${keyId}`);
  const since = instantMs(compromisedSince, 'compromisedSince');
  if (since > instantMs(metadata.now))
    throw invalid('issuer.compromise-in-future', 'compromisedSince must not be after now', {
      compromisedSince,
      now: metadata.now,
    });
  if (key.compromisedSince !== undefined && instantMs(key.compromisedSince) <= since) return [];
  return [{ type: 'IssuerKeyCompromised', data: { issuerId, keyId, compromisedSince } }];
};
