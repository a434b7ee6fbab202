import {
  didKeyFor,
  didWebDocumentUrl,
  didWebFor,
  issuerIdFor,
  issuerJwkUrl,
  issuerProfileUrl,
} from './issuer-identity';
import { buildDidDocument, buildIssuerProfileDocument } from './issuer-profile';

const ED = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const P256 = 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';

describe('issuer id forms', () => {
  it('url: the profile URL under the public base URL, trailing slashes ignored', () => {
    expect(
      issuerIdFor('url', {
        publicUrl: 'http://127.0.0.1:3000/',
        issuerId: 'iss 1',
        ed25519PublicKeyMultibase: ED,
      }),
    ).toBe('http://127.0.0.1:3000/issuers/iss%201');
    expect(issuerJwkUrl('https://ledger.example.org', 'iss-1', 'k2')).toBe(
      'https://ledger.example.org/issuers/iss-1/keys/k2.jwk',
    );
  });

  it('did-web: host with the port %3A-encoded, base path and /issuers/{id} as colon segments; did.json at that path', () => {
    const did = didWebFor('https://ledger.example.org:8443/credence/', 'iss-1');

    expect(did).toBe('did:web:ledger.example.org%3A8443:credence:issuers:iss-1');
    expect(didWebDocumentUrl(did)).toBe('https://ledger.example.org:8443/credence/issuers/iss-1/did.json');
    expect(didWebDocumentUrl('did:web:example.com')).toBe('https://example.com/.well-known/did.json');
    expect(issuerProfileUrl('https://ledger.example.org:8443/credence', 'iss-1')).toBe(
      'https://ledger.example.org:8443/credence/issuers/iss-1',
    );
  });

  it('did-key: the current Ed25519 key, so rotation changes the id', () => {
    expect(
      issuerIdFor('did-key', { publicUrl: 'http://x', issuerId: 'iss-1', ed25519PublicKeyMultibase: ED }),
    ).toBe(didKeyFor(ED));
    expect(didKeyFor(ED)).toBe(`did:key:${ED}`);
  });
});

describe('controller documents', () => {
  const keys = [
    { publicKeyMultibase: ED },
    { publicKeyMultibase: P256 },
    { publicKeyMultibase: 'z6MkCompromised', compromised: true },
  ];

  it('the issuer Profile is an OB 3.0 Profile and lists every key not compromised as a Multikey assertion method', () => {
    const id = 'http://127.0.0.1:3000/issuers/iss-1';
    const profile = buildIssuerProfileDocument(
      {
        id,
        name: 'HU',
        url: 'https://www.hu.nl',
        email: 'registrar@hu.nl',
        image: 'https://www.hu.nl/logo.png',
      },
      keys,
    );

    expect(profile).toMatchObject({
      id,
      type: ['Profile'],
      name: 'HU',
      url: 'https://www.hu.nl',
      email: 'registrar@hu.nl',
      image: { id: 'https://www.hu.nl/logo.png', type: 'Image' },
      verificationMethod: [
        { id: `${id}#${ED}`, type: 'Multikey', controller: id, publicKeyMultibase: ED },
        { id: `${id}#${P256}`, type: 'Multikey', controller: id, publicKeyMultibase: P256 },
      ],
      assertionMethod: [`${id}#${ED}`, `${id}#${P256}`],
    });
    expect(JSON.stringify(profile)).not.toContain('Compromised');
  });

  it('a DID document has the DID context first (verifiers then skip framing) and the same methods', () => {
    const did = 'did:web:ledger.example.org:issuers:iss-1';

    expect(buildDidDocument(did, keys)).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#${ED}`, type: 'Multikey', controller: did, publicKeyMultibase: ED },
        { id: `${did}#${P256}`, type: 'Multikey', controller: did, publicKeyMultibase: P256 },
      ],
      assertionMethod: [`${did}#${ED}`, `${did}#${P256}`],
    });
  });
});
