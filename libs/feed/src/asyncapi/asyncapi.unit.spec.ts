import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import { EVENT_TYPES } from '@credence/domain';
import { parse } from 'yaml';
import { chained, credentialIssued } from '../testing/events';
import { asyncApiFile, renderAsyncApi } from './render';

const root = resolve(__dirname, '../../../..');
const committed = readFileSync(asyncApiFile(root), 'utf8');

describe('docs/asyncapi.yaml', () => {
  it('is what the generator makes of the current TypeScript types', () => {
    // On failure: node --import ./scripts/register-ts.mjs libs/feed/src/asyncapi/write-asyncapi.ts
    expect(committed).toBe(renderAsyncApi(root));
  });

  it('validates with the AsyncAPI parser', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics
      .filter((d) => d.severity === 0)
      .map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('lists every event type on the ledger channel, with its payload pinned to that type', async () => {
    const { document } = await new Parser().parse(committed);
    const ledger = document!.channels().get('ledger')!;
    const listed = ledger
      .messages()
      .all()
      .map((m) => m.id());
    expect([...listed].sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const payload = ledger.messages().get(type)!.payload()!.json() as {
        properties: { type: { const: string } };
      };
      expect(payload.properties.type.const).toBe(type);
    }
  });

  it('describes a real envelope: a CredentialIssued event validates against its payload schema', () => {
    const doc = parse(committed) as {
      components: { schemas: Record<string, unknown>; messages: Record<string, { payload: object }> };
    };
    const ajv = new Ajv({ strict: false });
    for (const [name, schema] of Object.entries(doc.components.schemas))
      ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    const validate = ajv.compile(doc.components.messages.CredentialIssued.payload);
    const [event] = chained('credential-c1', [credentialIssued('c1', '2030-01-01T00:00:00.000Z')]);
    expect(validate(JSON.parse(JSON.stringify(event)))).toBe(true);
    expect(validate({ ...event, type: 'CredentialRevoked' })).toBe(false);
    expect(validate({ ...event, data: { ...(event.data as object), credentialId: 7 } })).toBe(false);
  });
});
