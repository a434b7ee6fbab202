import { startLedger, type TestLedger } from '../support/ledger-app';
import { routeTable } from '../support/routes';

type Schema = {
  type?: string;
  enum?: unknown[];
  maxLength?: number;
  pattern?: string;
  maxItems?: number;
  items?: Schema;
  $ref?: string;
  properties?: Record<string, Schema>;
};

/** A pattern bounds the length when it has no open-ended repetition. */
const bounded = (s: Schema) =>
  s.maxLength !== undefined ||
  s.enum !== undefined ||
  (s.pattern !== undefined && !/[+*]|\{\d+,\}/.test(s.pattern));

describe('The OpenAPI document states every cap the API enforces', () => {
  let ledger: TestLedger;
  beforeAll(async () => (ledger = await startLedger()));
  afterAll(() => ledger.close());

  it('gives every string a bounded length and every array maxItems, in every request body', async () => {
    const document = (await ledger.request('GET', '/docs-json')).body;
    const schemas: Record<string, Schema> = document.components.schemas;
    const bodies = new Set(routeTable(ledger.app).flatMap((r) => (r.body ? [r.body.name] : [])));
    // Nested DTOs too: everything a body schema refers to.
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const property of Object.values(schemas[name]?.properties ?? {})) {
        for (const s of [property, property.items ?? {}]) if (s.$ref) visit(s.$ref.split('/').pop()!);
      }
    };
    bodies.forEach(visit);
    expect(seen.size).toBeGreaterThan(10);
    const unbounded: string[] = [];
    for (const name of seen) {
      for (const [property, s] of Object.entries(schemas[name]?.properties ?? {})) {
        if (s.type === 'string' && !bounded(s)) unbounded.push(`${name}.${property}`);
        if (s.type === 'array' && s.maxItems === undefined) unbounded.push(`${name}.${property} (items)`);
        if (s.type === 'array' && s.items?.type === 'string' && !bounded(s.items))
          unbounded.push(`${name}.${property}[]`);
      }
    }
    expect(unbounded).toEqual([]);
    expect(schemas.PublishPathwayDto.properties!.components).toMatchObject({
      maxItems: 50,
      items: { pattern: expect.any(String) },
    });
  });
});
