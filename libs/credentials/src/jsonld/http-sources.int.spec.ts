import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildAchievementCredential } from '../ob3/achievement-credential';
import { buildDidDocument, buildIssuerProfileDocument } from '../ob3/issuer-profile';
import { didWebFor, issuerJwkUrl, issuerProfileUrl, verificationMethodId } from '../ob3/issuer-identity';
import { signDataIntegrity, verifyDataIntegrity } from '../signing/data-integrity';
import { signVcJwt, verifyVcJwt } from '../signing/vc-jwt';
import { achievementInput } from '../testing/fixtures';
import { testKey } from '../testing/issuer-fixture';
import { controllerResolver } from './controller-resolver';
import { createDocumentLoader, UnknownDocumentError } from './document-loader';
import { httpControllerSource, httpJwkResolver, sameOriginResolver } from './http-sources';

/** A stand-in for the running API: a real HTTP server answering the public documents by path. */
const serve = async (documents: (publicUrl: string) => Map<string, object>) => {
  const requested: string[] = [];
  let served = new Map<string, object>();
  const server: Server = createServer((request, response) => {
    requested.push(request.url!);
    const document = served.get(request.url!);
    response
      .writeHead(document ? 200 : 404, { 'content-type': 'application/ld+json' })
      .end(document ? JSON.stringify(document) : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  served = documents(publicUrl);
  return { publicUrl, requested, close: () => new Promise((resolve) => server.close(resolve)) };
};

describe('loading an issuer’s documents from a running deployment', () => {
  it.each(['url', 'did-web'] as const)(
    'a %s-form credential verifies against the profile or did.json the server answers',
    async (form) => {
      const ed = await testKey('iss-1', 'k1', 'Ed25519');
      const p256 = await testKey('iss-1', 'k1-p256', 'P-256');
      let issuerId = '';
      const api = await serve((publicUrl) => {
        issuerId = form === 'url' ? issuerProfileUrl(publicUrl, 'iss-1') : didWebFor(publicUrl, 'iss-1');
        const path = form === 'url' ? '/issuers/iss-1' : '/issuers/iss-1/did.json';
        const controller =
          form === 'url'
            ? buildIssuerProfileDocument({ id: issuerId, name: 'HU' }, [ed, p256])
            : buildDidDocument(issuerId, [ed, p256]);
        return new Map<string, object>([
          [path, controller],
          ['/issuers/iss-1/keys/k1-p256.jwk', p256.publicJwk],
        ]);
      });
      try {
        const loader = createDocumentLoader(
          controllerResolver(httpControllerSource(api.publicUrl)),
          sameOriginResolver(api.publicUrl),
        );
        const { credential } = buildAchievementCredential({
          ...achievementInput({ id: issuerId, name: 'HU' }),
          status: [],
        });
        const signed = await signDataIntegrity(credential, {
          signer: ed.signer,
          verificationMethod: verificationMethodId(issuerId, ed.publicKeyMultibase),
          documentLoader: loader,
          created: '2026-11-21T09:31:00Z',
        });
        const jwt = await signVcJwt(credential, {
          signer: p256.signer,
          kid: issuerJwkUrl(api.publicUrl, 'iss-1', 'k1-p256'),
        });

        expect((await verifyDataIntegrity(signed, loader)).verified).toBe(true);
        expect((await verifyVcJwt(jwt, httpJwkResolver(api.publicUrl))).verified).toBe(true);
        expect(api.requested).toContain(form === 'url' ? '/issuers/iss-1' : '/issuers/iss-1/did.json');
      } finally {
        await api.close();
      }
    },
  );

  it('never fetches from another origin, and a 404 is "not held"', async () => {
    const api = await serve(() => new Map());
    try {
      const loader = createDocumentLoader(sameOriginResolver(api.publicUrl));

      await expect(loader('http://127.0.0.2:1/issuers/iss-1')).rejects.toBeInstanceOf(UnknownDocumentError);
      await expect(loader(`${api.publicUrl}/issuers/nobody`)).rejects.toBeInstanceOf(UnknownDocumentError);
      expect(api.requested).toEqual(['/issuers/nobody']);
    } finally {
      await api.close();
    }
  });
});
