import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { controllerResolver, inMemoryControllers } from './jsonld/controller-resolver';
import { createDocumentLoader } from './jsonld/document-loader';
import type { ControllerDocument } from './ob3/issuer-profile';
import { verifyDataIntegrity } from './signing/data-integrity';
import { Bitstring } from './status/bitstring';
import { schemaCheck } from './verification/schema-check';

/** The JSON examples of docs/verifiable-credentials.md, in order: profile, DID document, credential, JWT header and claims, status list. */
const examples = () => {
  const doc = readFileSync(resolve(__dirname, '../../../docs/verifiable-credentials.md'), 'utf8');
  return [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map(
    (match) => JSON.parse(match[1]!) as Record<string, unknown>,
  );
};

describe('docs/verifiable-credentials.md stays true', () => {
  it('its exported credential and status list verify against its profile, and the credential is OB 3.0 complete', async () => {
    const [profile, , credential, , , statusList] = examples();
    const documentLoader = createDocumentLoader(
      controllerResolver(inMemoryControllers([profile as ControllerDocument])),
    );

    expect((await verifyDataIntegrity(credential!, documentLoader)).verified).toBe(true);
    expect((await verifyDataIntegrity(statusList!, documentLoader)).verified).toBe(true);
    expect(schemaCheck(credential!).passed).toBe(true);
    const entry = (
      credential!.credentialStatus as Array<{ statusListCredential: string; statusListIndex: string }>
    )[0]!;
    const subject = statusList!.credentialSubject as { encodedList: string };
    expect(statusList!.id).toBe(entry.statusListCredential);
    expect(Bitstring.decode(subject.encodedList).get(Number(entry.statusListIndex))).toBe(true); // the example list revokes it
  });
});
