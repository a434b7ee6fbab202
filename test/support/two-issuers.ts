import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  specificationBody,
  type World,
} from './fixtures';
import type { TestLedger } from './ledger-app';

/** What an answer tells its reader, minus the id it echoes: equal shapes cannot tell the ids apart. */
export const answerShape = (
  reply: { status: number; body: { code?: string; title?: string; detail?: string } },
  id: string,
) => ({
  status: reply.status,
  code: reply.body.code,
  title: reply.body.title?.replaceAll(id, '<id>'),
  detail: reply.body.detail?.replaceAll(id, '<id>'),
});

export type TwoIssuers = Readonly<{
  a: World;
  b: World;
  /** Issuer A's objects, which issuer B must not be able to tell from unknown ids. */
  theirs: { specificationId: string; assessmentId: string; credentialId: string };
}>;

/** Two accredited issuers; A has a specification, an assessment and a credential. */
export const twoIssuers = async (ledger: TestLedger): Promise<TwoIssuers> => {
  const a = await accreditedIssuer(ledger);
  const b = await accreditedIssuer(ledger);
  const asA = (path: string, body: object) => ledger.request('POST', path, { token: a.issuerToken, body });
  const specificationId = expectCreated(await asA('/v1/specifications', specificationBody));
  const assessmentId = expectCreated(await asA('/v1/assessments', assessmentBody(specificationId)));
  const credentialId = expectCreated(
    await asA('/v1/credentials', credentialBody(specificationId, [assessmentId])),
  );
  return { a, b, theirs: { specificationId, assessmentId, credentialId } };
};
