import { issuerKeyCheck, type IssuerKeyCheckInput } from './issuer-key-check';
import { validityCheck } from './validity-check';

const ISSUER = 'http://127.0.0.1:3000/issuers/iss-1';
const jwtKey = (controller: string, keyId: string) => ({
  kid: `${controller}/keys/${keyId}.jwk`,
  keyId,
  controller,
});
const base: IssuerKeyCheckInput = {
  issuerId: ISSUER,
  signingKey: { verificationMethod: `${ISSUER}#z6MkOld` },
  history: [
    {
      keyId: 'k1',
      publicKeyMultibase: 'z6MkOld',
      activatedAt: '2026-01-01T00:00:00Z',
      retiredAt: '2026-06-01T00:00:00Z',
    },
    { keyId: 'k2', publicKeyMultibase: 'z6MkNew', activatedAt: '2026-06-01T00:00:00Z' },
    { keyId: 'k2-p256', publicKeyMultibase: 'zDnNew', activatedAt: '2026-06-01T00:00:00Z' },
  ],
  issuedAt: '2026-03-01T00:00:00Z',
  issuedAtSource: 'log',
};

describe('issuerKeyCheck', () => {
  it('passes for a key of the issuer, active at issuance; by verification method or by key id', () => {
    expect(issuerKeyCheck(base).passed).toBe(true);
    expect(
      issuerKeyCheck({ ...base, signingKey: jwtKey(ISSUER, 'k2-p256'), issuedAt: '2026-07-01T00:00:00Z' })
        .passed,
    ).toBe(true);
  });

  it.each<[string, Partial<IssuerKeyCheckInput>, RegExp]>([
    [
      'a JWT key of another issuer whose key id collides with one of this issuer’s',
      {
        signingKey: jwtKey('http://127.0.0.1:3000/issuers/iss-2', 'k2-p256'),
        issuedAt: '2026-07-01T00:00:00Z',
      },
      /controller is not the issuer/,
    ],
    [
      'a method controlled by someone else',
      { signingKey: { verificationMethod: 'http://127.0.0.1:3000/issuers/iss-2#z6MkOld' } },
      /controller is not the issuer/,
    ],
    [
      'a key not in the history',
      { signingKey: { verificationMethod: `${ISSUER}#z6MkUnknown` } },
      /not in the issuer’s key history/,
    ],
    [
      'issuance before activation',
      { signingKey: { verificationMethod: `${ISSUER}#z6MkNew` } },
      /activated at 2026-06-01T00:00:00Z, after/,
    ],
    ['issuance at retirement', { issuedAt: '2026-06-01T00:00:00Z' }, /retired at 2026-06-01T00:00:00Z/],
  ])('fails for %s', (_name, change, message) => {
    const result = issuerKeyCheck({ ...base, ...change });

    expect(result.passed).toBe(false);
    expect(result.message).toMatch(message);
  });

  it('counts a key as active from the whole second it was activated in: proof instants have no fraction', () => {
    const history = [{ keyId: 'k3', publicKeyMultibase: 'z6MkK3', activatedAt: '2026-06-01T00:00:00.400Z' }];
    const check = (issuedAt: string) =>
      issuerKeyCheck({
        ...base,
        signingKey: { verificationMethod: `${ISSUER}#z6MkK3` },
        history,
        issuedAt,
        issuedAtSource: 'signed-export',
      });

    expect(check('2026-06-01T00:00:00Z').passed).toBe(true);
    expect(check('2026-05-31T23:59:59Z').message).toMatch(/after the credential was signed/);
  });

  it('a compromise at the very instant of issuance fails it (the boundary belongs to the attacker)', () => {
    const history = [
      {
        keyId: 'k1',
        publicKeyMultibase: 'z6MkOld',
        activatedAt: '2026-01-01T00:00:00Z',
        compromisedSince: base.issuedAt,
      },
    ];

    expect(issuerKeyCheck({ ...base, history }).passed).toBe(false);
  });
});

describe('validityCheck', () => {
  it('a credential without validUntil is valid from validFrom on, forever', () => {
    expect(validityCheck({ validFrom: '2026-01-01T00:00:00Z' }, '2099-01-01T00:00:00Z')).toMatchObject({
      passed: true,
      message: 'Valid from 2026-01-01T00:00:00Z, with no end date.',
    });
  });

  it('a credential without a date fails', () => {
    expect(validityCheck({}, '2026-01-01T00:00:00Z').passed).toBe(false);
    expect(
      validityCheck({ validFrom: '2026-01-01T00:00:00Z', validUntil: 'soon' }, '2026-01-02T00:00:00Z').passed,
    ).toBe(false);
  });
});
