import {
  accreditedIssuer,
  assessmentBody,
  type Client,
  credentialBody,
  expectCreated,
  specificationBody,
} from '../../../test/support/fixtures';
import { requester } from '../../../test/support/ledger-app';

export type { Client };

/** The e2e harness's request helper, against an API running in another process. */
export const clientFor = (baseUrl: string): Client => ({ request: requester(baseUrl) });

export type World = Readonly<{
  issuerToken: string;
  specificationId: string;
  assessmentId: string;
  /** What POST /v1/credentials sends: a pass for this learner, valid from last week. */
  issueBody: ReturnType<typeof credentialBody>;
}>;

/** An accredited issuer with a published specification and one passed assessment, set up over HTTP. */
export const setUpWorld = async (client: Client): Promise<World> => {
  const { issuerToken } = await accreditedIssuer(client);
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

/**
 * Records `count` passed assessments for the world's specification, `concurrency` at a time, and
 * returns their ids: one assessment backs one credential, so a load of issuances needs one each.
 */
export const recordAssessments = async (
  client: Client,
  world: World,
  count: number,
  concurrency = 64,
): Promise<string[]> => {
  const ids: string[] = [];
  let inFlight = 0;
  const record = async (): Promise<void> => {
    while (ids.length + inFlight < count) {
      inFlight++;
      const response = await client.request('POST', '/v1/assessments', {
        token: world.issuerToken,
        body: assessmentBody(world.specificationId),
      });
      inFlight--;
      ids.push(expectCreated(response));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, record));
  return ids;
};

/** Issues `count` credentials one by one and returns their ids (the read scenario's targets). */
export const issueCredentials = async (client: Client, world: World, count: number): Promise<string[]> => {
  const ids: string[] = [];
  const asIssuer = { token: world.issuerToken };
  for (let i = 0; i < count; i++) {
    // One assessment backs one credential: each credential gets its own passed assessment.
    const assessmentId = expectCreated(
      await client.request('POST', '/v1/assessments', {
        ...asIssuer,
        body: assessmentBody(world.specificationId),
      }),
    );
    const body = { ...world.issueBody, assessmentIds: [assessmentId] };
    ids.push(expectCreated(await client.request('POST', '/v1/credentials', { ...asIssuer, body })));
  }
  return ids;
};
