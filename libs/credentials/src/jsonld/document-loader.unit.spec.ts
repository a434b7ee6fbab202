import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import jsonld from 'jsonld';
import { buildAchievementCredential } from '../ob3/achievement-credential';
import { buildDidDocument } from '../ob3/issuer-profile';
import { signDataIntegrity, verifyDataIntegrity } from '../signing/data-integrity';
import { Bitstring } from '../status/bitstring';
import { buildStatusListCredential } from '../status/status-list-credential';
import { blockNetwork } from '../testing/block-network';
import { achievementInput } from '../testing/fixtures';
import { testIssuer } from '../testing/issuer-fixture';
import { BUNDLED_CONTEXTS } from './contexts';
import { controllerResolver, inMemoryControllers } from './controller-resolver';
import { createDocumentLoader, staticDocuments, UnknownDocumentError } from './document-loader';

const REQUIRED_CONTEXTS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/multikey/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://www.w3.org/ns/did/v1',
];

describe('the offline document loader', () => {
  let unblock: () => void;
  beforeEach(() => (unblock = blockNetwork()));
  afterEach(() => unblock());

  it.each(REQUIRED_CONTEXTS)('serves %s from an npm package', async (url) => {
    const { document, documentUrl } = await createDocumentLoader()(url);

    expect(documentUrl).toBe(url);
    expect(document).toHaveProperty('@context');
  });

  it.each([
    'https://schema.org/',
    'https://www.w3.org/2018/credentials/examples/v1',
    'http://127.0.0.1:3000/issuers/unknown',
    'did:web:example.com',
  ])('refuses %s, which it does not hold, instead of fetching it', async (url) => {
    await expect(createDocumentLoader(controllerResolver(inMemoryControllers([])))(url)).rejects.toEqual(
      new UnknownDocumentError(url),
    );
  });

  it('the network block is real: a fetch fails at connect, by the block', async () => {
    const failure = await fetch('https://www.w3.org/ns/credentials/v2').catch((error: Error) => error);

    expect(String((failure as Error).cause)).toMatch(/network blocked in this test/);
  });

  it('hands out copies: a caller mutating a context cannot poison the next load', async () => {
    const loader = createDocumentLoader();
    const first = (await loader(REQUIRED_CONTEXTS[0]!)).document as Record<string, unknown>;
    first['@context'] = 'poisoned';

    expect((await loader(REQUIRED_CONTEXTS[0]!)).document).not.toHaveProperty('@context', 'poisoned');
  });

  it('tags bundled contexts static and nothing a resolver serves, which can change', async () => {
    const issuer = await testIssuer('url');
    const loader = createDocumentLoader(controllerResolver(inMemoryControllers([issuer.controller])));

    expect(await loader(REQUIRED_CONTEXTS[0]!)).toHaveProperty('tag', 'static');
    expect(await loader(issuer.id)).not.toHaveProperty('tag');
  });

  it('jsonld keeps what it resolved from a bundled context: a second signing asks the loader for no context', async () => {
    const issuer = await testIssuer('url');
    const loader = createDocumentLoader(controllerResolver(inMemoryControllers([issuer.controller])));
    const asked: string[] = [];
    const signing = {
      signer: issuer.ed25519.signer,
      verificationMethod: issuer.verificationMethod,
      documentLoader: async (url: string) => (asked.push(url), loader(url)),
      created: '2026-11-21T09:31:00Z',
    };
    const credential = () => buildAchievementCredential(achievementInput(issuer.profile)).credential;
    await signDataIntegrity(credential(), signing);

    asked.length = 0;
    const signed = await signDataIntegrity(credential(), signing);

    expect(asked.filter((url) => BUNDLED_CONTEXTS.has(url))).toEqual([]);
    expect((await verifyDataIntegrity(signed, loader)).verified).toBe(true);
  });

  it('answers a verification method only when its controller lists it', async () => {
    const issuer = await testIssuer('url');
    const loader = createDocumentLoader(controllerResolver(inMemoryControllers([issuer.controller])));

    expect((await loader(issuer.verificationMethod)).document).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: issuer.verificationMethod,
      type: 'Multikey',
      controller: issuer.id,
      publicKeyMultibase: issuer.ed25519.publicKeyMultibase,
    });
    expect((await loader(issuer.id)).document).toBe(issuer.controller);
    await expect(
      loader(`${issuer.id}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`),
    ).rejects.toBeInstanceOf(UnknownDocumentError);
  });

  it('a source answering a document with another id is not trusted for the asked id', async () => {
    const issuer = await testIssuer('url');
    const lying = controllerResolver(async () => issuer.controller);

    expect(await lying('http://127.0.0.1:3000/issuers/someone-else')).toBeUndefined();
  });

  it('a DID document expands, in JSON-LD safe mode, with this loader alone', async () => {
    const issuer = await testIssuer('did-web');

    const [expanded] = await jsonld.expand(structuredClone(issuer.controller), {
      documentLoader: createDocumentLoader(),
      safe: true,
    });

    expect(expanded['https://w3id.org/security#assertionMethod']).toEqual([
      { '@id': issuer.verificationMethod },
      expect.anything(),
    ]);
  });

  it('derives did:key documents from the DID, with no source', async () => {
    const issuer = await testIssuer('did-key');
    const loader = createDocumentLoader(controllerResolver(inMemoryControllers([])));

    expect((await loader(issuer.id)).document).toEqual(
      buildDidDocument(issuer.id, [{ publicKeyMultibase: issuer.ed25519.publicKeyMultibase }]),
    );
  });

  it('the whole path, sign, verify and status check, runs with the network blocked and this loader alone', async () => {
    const issuer = await testIssuer('url');
    const input = achievementInput(issuer.profile);
    const controllers = controllerResolver(inMemoryControllers([issuer.controller]));
    const signing = {
      signer: issuer.ed25519.signer,
      verificationMethod: issuer.verificationMethod,
      documentLoader: createDocumentLoader(controllers),
      created: '2026-11-21T09:31:00Z',
    };
    const lists = new Map<string, object>();
    for (const entry of input.status) {
      const unsigned = buildStatusListCredential({
        url: entry.statusListCredential,
        issuer: issuer.id,
        purpose: entry.statusPurpose,
        list: Bitstring.empty(),
        validFrom: '2026-11-21T09:31:00Z',
        ttlMs: 300_000,
      });
      lists.set(entry.statusListCredential, await signDataIntegrity(unsigned, signing));
    }
    const documentLoader = createDocumentLoader(controllers, staticDocuments(lists));
    const signed = await signDataIntegrity(buildAchievementCredential(input).credential, signing);
    const suite = new DataIntegrityProof({ cryptosuite });

    const digitalBazaar = await vc.verifyCredential({
      credential: signed,
      suite,
      documentLoader,
      now: '2027-01-15T12:00:00Z',
      checkStatus: (options) => checkStatus({ ...options, suite, documentLoader }),
    });

    expect(digitalBazaar.error).toBeUndefined();
    expect(digitalBazaar.verified).toBe(true);
    expect((await verifyDataIntegrity(signed, documentLoader)).verified).toBe(true);
  });
});
