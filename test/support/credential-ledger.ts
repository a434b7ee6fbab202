import { freePort } from '@credence/feed/testing/relay-process';
import { assessmentBody, credentialBody, expectCreated, specificationBody, type World } from './fixtures';
import { startLedger, type TestLedger } from './ledger-app';

/**
 * A ledger whose CREDENCE_PUBLIC_URL is its own address: issuer ids and key URLs resolve against it
 * (the port is picked before the app starts, so the URL is the one it answers on).
 */
export const startPublicLedger = async (env: Record<string, string> = {}): Promise<TestLedger> => {
  const port = await freePort();
  return startLedger({ PORT: String(port), CREDENCE_PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
};

/** One issued credential of the world's issuer, for a fresh specification and assessment. */
export const issueOne = async (
  ledger: TestLedger,
  world: World,
  learnerId = 'lrn-7f3a9c',
): Promise<string> => {
  const asIssuer = (path: string, body: unknown) =>
    ledger.request('POST', path, { token: world.issuerToken, body });
  const specificationId = expectCreated(await asIssuer('/v1/specifications', specificationBody));
  const assessmentId = expectCreated(
    await asIssuer('/v1/assessments', assessmentBody(specificationId, learnerId)),
  );
  return expectCreated(
    await asIssuer('/v1/credentials', credentialBody(specificationId, [assessmentId], learnerId)),
  );
};

/** What a verifier dereferences for a `url`-form issuer id: the profile, keyed by its id. */
type WithStatus = { credentialStatus?: { statusListCredential: string }[] };

/** The status lists a credential's entries point at, as the API serves them, by URL. */
export const statusListsOf = (ledger: TestLedger, credential?: object) =>
  Promise.all(
    ((credential as WithStatus | undefined)?.credentialStatus ?? []).map(
      async ({ statusListCredential: url }) => {
        const list = (await ledger.request('GET', url.slice(ledger.baseUrl.length))).body as object;
        return [url, list] as const;
      },
    ),
  );

/** What a verifier fetches from the API: the issuer profile at its id URL, and the credential's status lists. */
export const servedProfile = async (ledger: TestLedger, issuerId: string, credential?: WithStatus) => {
  const profile = (await ledger.request('GET', `/issuers/${issuerId}`)).body;
  return new Map<string, object>([[profile.id, profile], ...(await statusListsOf(ledger, credential))]);
};

/**
 * Two issued component credentials of one learner and a published all-of pathway over their
 * specifications: what a stacked credential is awarded on.
 */
export const pathwayWithComponents = async (
  ledger: TestLedger,
  world: World,
): Promise<{ pathwayId: string; components: string[] }> => {
  const asIssuer = (path: string, body: unknown) =>
    ledger.request('POST', path, { token: world.issuerToken, body });
  const specs: string[] = [];
  const components: string[] = [];
  for (const title of ['Data Visualisation', 'Statistics for Analysts']) {
    const specificationId = expectCreated(
      await asIssuer('/v1/specifications', { ...specificationBody, title }),
    );
    const assessmentId = expectCreated(await asIssuer('/v1/assessments', assessmentBody(specificationId)));
    components.push(
      expectCreated(await asIssuer('/v1/credentials', credentialBody(specificationId, [assessmentId]))),
    );
    specs.push(specificationId);
  }
  const pathwayId = expectCreated(
    await asIssuer('/v1/pathways', {
      title: 'Data Analytics Professional',
      components: specs,
      completion: { kind: 'all-of' },
      minimumEcts: 6,
    }),
  );
  return { pathwayId, components };
};
