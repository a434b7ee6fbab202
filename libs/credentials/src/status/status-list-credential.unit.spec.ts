import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { controllerResolver, inMemoryControllers } from '../jsonld/controller-resolver';
import { createDocumentLoader } from '../jsonld/document-loader';
import { signDataIntegrity } from '../signing/data-integrity';
import { verifyIndependently } from '../testing/independent-verifier';
import { PUBLIC_URL, testIssuer } from '../testing/issuer-fixture';
import { bitstringOf } from './bitstring';
import { buildStatusListCredential, statusListEntry, statusListUrl } from './status-list-credential';

describe('BitstringStatusListCredential', () => {
  it('is signed with the issuer’s Ed25519 key, carries ttl, and Digital Bazaar verifies it and reads its bits', async () => {
    const issuer = await testIssuer('url');
    const url = statusListUrl(PUBLIC_URL, issuer.issuerId, 'suspension', 3);
    const unsigned = buildStatusListCredential({
      url,
      issuer: issuer.id,
      purpose: 'suspension',
      list: bitstringOf([5, 131_071]),
      validFrom: '2026-11-21T09:31:00Z',
      ttlMs: 300_000,
    });
    const documentLoader = createDocumentLoader(controllerResolver(inMemoryControllers([issuer.controller])));

    const signed = await signDataIntegrity(unsigned, {
      signer: issuer.ed25519.signer,
      verificationMethod: issuer.verificationMethod,
      documentLoader,
      created: '2026-11-21T09:31:00Z',
    });
    const result = await verifyIndependently(
      signed,
      new Map([[issuer.id, issuer.controller]]),
      '2026-12-01T00:00:00Z',
    );
    const list = await decodeList({
      encodedList: (signed.credentialSubject as { encodedList: string }).encodedList,
    });

    expect(url).toBe('http://127.0.0.1:3000/status-lists/iss-hu/suspension/3');
    expect(result.verified).toBe(true);
    expect(signed).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: issuer.id,
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
        ttl: 300_000,
      },
    });
    expect([list.getStatus(5), list.getStatus(6), list.getStatus(131_071)]).toEqual([true, false, true]);
  });

  it('an entry points at its list and index', () => {
    expect(statusListEntry('http://x/status-lists/i/revocation/0', 'revocation', 42)).toEqual({
      id: 'http://x/status-lists/i/revocation/0#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: 'http://x/status-lists/i/revocation/0',
    });
  });
});
