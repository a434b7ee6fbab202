import { commandsFor, DeciderSpecification } from '@credence/testing';
import { fold } from '../core';
import { actingAs, issuerRegistered, OTHER_ISSUER } from '../test-fixtures';
import type { IssuerCommand } from './commands';
import { issuerDecider } from './decider';
import type { IssuerKeyActivated } from './key-events';
import { currentKey } from './keys';

const given = DeciderSpecification.for(issuerDecider);
const NOW = '2026-06-01T00:00:00Z';
const command = commandsFor<IssuerCommand>({ ...actingAs(), now: NOW });
const registered = issuerRegistered();

const key = (keyId: string, publicKeyMultibase: string, algorithm: 'Ed25519' | 'P-256' = 'Ed25519') => ({
  issuerId: 'uni-1',
  keyId,
  algorithm,
  publicKeyMultibase,
  publicJwk: { kty: 'OKP', crv: 'Ed25519', x: keyId },
});
const ed1 = key('ed25519-1', 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
const ed2 = key('ed25519-2', 'z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG');
const p1 = key('p256-1', 'zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv', 'P-256');
const activated = (k: typeof ed1, activatedAt = NOW): IssuerKeyActivated => ({
  type: 'IssuerKeyActivated',
  data: { ...k, activatedAt },
});
const activate = (k: typeof ed1, metadata = {}) => command('ActivateIssuerKey', k, metadata);
const compromise = (keyId: string, compromisedSince: string) =>
  command('ReportIssuerKeyCompromise', { issuerId: 'uni-1', keyId, compromisedSince });

describe('Issuer keys', () => {
  describe('ActivateIssuerKey', () => {
    it('activates the first key of an algorithm at the command instant', () =>
      given([registered])
        .when(activate(ed1))
        .then([activated(ed1)]));
    it('is a no-op for the same key again: concurrent first uses end with one activation', () =>
      given([registered, activated(ed1)])
        .when(activate(ed1))
        .thenNothing());
    it('retires the current key of the same algorithm, and only that one (rotation)', () =>
      given([registered, activated(ed1, '2026-01-01T00:00:00Z'), activated(p1, '2026-01-01T00:00:00Z')])
        .when(activate(ed2))
        .then([
          activated(ed2),
          { type: 'IssuerKeyRetired', data: { issuerId: 'uni-1', keyId: 'ed25519-1', retiredAt: NOW } },
        ]));
    it('refuses a known key id with other material, and known material under another id', () => {
      given([registered, activated(ed1)])
        .when(activate({ ...ed2, keyId: 'ed25519-1' }))
        .thenThrows('issuer.key-exists', 'conflict');
      given([registered, activated(ed1)])
        .when(activate({ ...ed1, keyId: 'ed25519-9' }))
        .thenThrows('issuer.key-exists', 'conflict');
    });
    it.each([
      ['key id', { keyId: 'a/b' }, 'issuer.key-id-invalid'],
      ['multibase', { publicKeyMultibase: 'u-not-base58' }, 'issuer.key-multibase-invalid'],
      ['algorithm', { algorithm: 'RSA' }, 'issuer.key-algorithm-invalid'],
    ])('refuses a malformed %s', (_, change, code) =>
      given([registered])
        .when(activate({ ...ed1, ...(change as object) }))
        .thenThrows(code, 'invalid'),
    );
    it('refuses an unregistered issuer, and an issuer principal of another issuer', () => {
      given([]).when(activate(ed1)).thenThrows('issuer.not-found', 'not-found');
      given([registered])
        .when(activate(ed1, actingAs(OTHER_ISSUER)))
        .thenThrows('issuer.not-owner', 'forbidden');
    });
  });

  describe('ReportIssuerKeyCompromise', () => {
    const since = '2026-05-01T00:00:00Z';
    const compromised = (compromisedSince: string) => ({
      type: 'IssuerKeyCompromised' as const,
      data: { issuerId: 'uni-1', keyId: 'ed25519-1', compromisedSince },
    });
    it('records the compromise of a known key', () =>
      given([registered, activated(ed1)])
        .when(compromise('ed25519-1', since))
        .then([compromised(since)]));
    it('is a no-op when repeated, or moved later; moving it earlier is recorded', () => {
      given([registered, activated(ed1), compromised(since)])
        .when(compromise('ed25519-1', since))
        .thenNothing();
      given([registered, activated(ed1), compromised(since)])
        .when(compromise('ed25519-1', '2026-05-15T00:00:00Z'))
        .thenNothing();
      given([registered, activated(ed1), compromised(since)])
        .when(compromise('ed25519-1', '2026-04-01T00:00:00Z'))
        .then([compromised('2026-04-01T00:00:00Z')]);
    });
    it('refuses an unknown key, a future instant and a malformed one', () => {
      given([registered])
        .when(compromise('ed25519-1', since))
        .thenThrows('issuer.key-not-found', 'not-found');
      given([registered, activated(ed1)])
        .when(compromise('ed25519-1', '2026-07-01T00:00:00Z'))
        .thenThrows('issuer.compromise-in-future', 'invalid');
      given([registered, activated(ed1)])
        .when(compromise('ed25519-1', 'last week'))
        .thenThrows('time.invalid-instant', 'invalid');
    });
  });

  describe('currentKey', () => {
    it('is the newest key of the algorithm that is neither retired nor compromised', () => {
      const state = fold(issuerDecider, [
        registered,
        activated(ed1),
        activated(p1),
        {
          type: 'IssuerKeyCompromised',
          data: { issuerId: 'uni-1', keyId: 'ed25519-1', compromisedSince: NOW },
        },
      ]);
      const keys = state.status === 'registered' ? state.keys : [];
      expect(currentKey(keys, 'Ed25519')).toBeUndefined();
      expect(currentKey(keys, 'P-256')?.keyId).toBe('p256-1');
    });
  });
});
