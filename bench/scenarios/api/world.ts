import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  specificationBody,
} from '../../../test/support/fixtures';
import type { TestLedger } from '../../../test/support/ledger-app';

export type Client = Pick<TestLedger, 'request'>;

/** The e2e harness's request helper, against an API running in another process. */
export const clientFor = (baseUrl: string): Client => ({
  request: async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
    return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
  },
});

export type World = Readonly<{
  issuerToken: string;
  specificationId: string;
  assessmentId: string;
  /** What POST /v1/credentials sends: a pass for this learner, valid from last week. */
  issueBody: ReturnType<typeof credentialBody>;
}>;

/** An accredited issuer with a published specification and one passed assessment, set up over HTTP. */
export const setUpWorld = async (client: Client): Promise<World> => {
  // accreditedIssuer only calls `request`, which is all a remote client has.
  const { issuerToken } = await accreditedIssuer(client as TestLedger);
  const asIssuer = { token: issuerToken };
  const specificationId = expectCreated(
    await client.request('POST', '/v1/specifications', { ...asIssuer, body: specificationBody }),
  );
  const assessmentId = expectCreated(
    await client.request('POST', '/v1/assessments', { ...asIssuer, body: assessmentBody(specificationId) }),
  );
  return {
    issuerToken,
    specificationId,
    assessmentId,
    issueBody: credentialBody(specificationId, [assessmentId]),
  };
};

/** Issues `count` credentials one by one and returns their ids (the read scenario's targets). */
export const issueCredentials = async (client: Client, world: World, count: number): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      expectCreated(
        await client.request('POST', '/v1/credentials', { token: world.issuerToken, body: world.issueBody }),
      ),
    );
  }
  return ids;
};
