import fc from 'fast-check';
import patchedJsonld from 'jsonld';
import { signDataIntegrity } from '../signing/data-integrity';
import { buildAchievementCredential } from '../ob3/achievement-credential';
import { Bitstring } from '../status/bitstring';
import { buildStatusListCredential } from '../status/status-list-credential';
import { arbitraryCredential, arbitrarySpecification } from '../testing/arbitraries';
import { achievementInput } from '../testing/fixtures';
import { ed25519Signing, testIssuer } from '../testing/issuer-fixture';
import contextApi from 'jsonld/lib/context.js';
import { installSharedTermClone, sharesTerms } from './shared-term-clone';

type Canonize = (document: object, options: Record<string, unknown>) => Promise<string>;

/** A jsonld.js of its own, loaded afresh: its active contexts deep-copy their terms, as shipped. */
const shippedJsonld = (): { canonize: Canonize } => {
  let loaded: { canonize: Canonize } | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual('jsonld');
    const { getInitialContext } = jest.requireActual('jsonld/lib/context.js');
    // The comparison means something only while this one still deep-copies.
    expect(getInitialContext({}).clone.name).toBe('_cloneActiveContext');
  });
  return loaded!;
};

const CREATED = '2026-11-21T09:31:00Z';

/** The RDF dataset a Data Integrity proof signs: RDFC-1.0 N-Quads, as eddsa-rdfc-2022 takes them. */
const canonical = (jsonld: { canonize: Canonize }, document: object, documentLoader: unknown) =>
  jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  });

describe('jsonld.js active contexts that share their term definitions', () => {
  beforeAll(() => installSharedTermClone());

  it('are what every processing mode clones through once installed (data-integrity installs it)', () => {
    expect([sharesTerms(), sharesTerms('json-ld-1.1'), sharesTerms('json-ld-1.0')]).toEqual([
      true,
      true,
      true,
    ]);
  });

  type Context = {
    mappings: Map<string, object>;
    protected: Record<string, boolean>;
    clone(): Context;
  };
  const freshContext = (): Context => {
    const initial = contextApi.getInitialContext({});
    return (initial.clone as () => Context).call(initial);
  };

  it("leave their parent's term definitions and protected terms as they were when a child changes its own", () => {
    const parent = freshContext();
    parent.mappings.set('kept', { '@id': 'https://example.org/kept' });
    parent.protected.kept = true;
    const child = parent.clone();
    child.mappings.set('added', { '@id': 'https://example.org/added' });
    child.mappings.delete('kept');
    child.protected.added = true;
    expect([...parent.mappings.keys()]).toEqual(['kept']);
    expect(parent.protected).toEqual({ kept: true });
    expect(child.clone).toBe(parent.clone);
  });

  it('leave a clone as it was when its parent changes afterwards, sharing the definitions themselves', () => {
    const parent = freshContext();
    parent.mappings.set('first', { '@id': 'https://example.org/first' });
    const child = parent.clone();
    const grandchild = child.clone();
    parent.mappings.set('later', { '@id': 'https://example.org/later' });
    parent.mappings.delete('first');
    expect([...child.mappings.keys()]).toEqual(['first']);
    expect([...grandchild.mappings]).toEqual([['first', { '@id': 'https://example.org/first' }]]);
    expect([child.mappings.size, grandchild.mappings.has('later')]).toEqual([1, false]);
    expect(child.mappings.get('first')).toBe(grandchild.mappings.get('first'));
  });

  it('give the same canonical N-Quads as the shipped deep copy, for every credential, list and proof we sign', async () => {
    const shipped = shippedJsonld();
    const issuer = await testIssuer('url');
    const signing = ed25519Signing(issuer, CREATED);
    const loader = signing.documentLoader;
    const { status } = achievementInput(issuer.profile);
    const list = buildStatusListCredential({
      url: status[0].statusListCredential,
      issuer: issuer.id,
      purpose: status[0].statusPurpose,
      list: Bitstring.empty().with(7, true),
      validFrom: CREATED,
      ttlMs: 300_000,
    });
    const signedList = await signDataIntegrity(list, signing);
    for (const document of [list, signedList])
      expect(await canonical(patchedJsonld as never, document, loader)).toBe(
        await canonical(shipped, document, loader),
      );

    await fc.assert(
      fc.asyncProperty(arbitrarySpecification, arbitraryCredential, async (specification, credential) => {
        const built = buildAchievementCredential({
          credential,
          specification,
          issuer: issuer.profile,
          status,
        });
        const signed = await signDataIntegrity(built.credential, signing);
        for (const document of [built.credential, signed]) {
          const ours = await canonical(patchedJsonld as never, document, loader);
          expect(ours).toBe(await canonical(shipped, document, loader));
          expect(ours.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 25 },
    );
  });
});
