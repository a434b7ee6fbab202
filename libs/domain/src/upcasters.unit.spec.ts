import { EVENT_SCHEMA_VERSIONS } from './events';
import { issuerAccredited } from './test-fixtures';
import { EVENT_UPCASTERS } from './upcasters';

describe('EVENT_UPCASTERS', () => {
  const v1ToV2 = EVENT_UPCASTERS.IssuerAccredited[1];

  it('given a v1 IssuerAccredited from before QA bodies were principals, when upcast, then qaBodyId says null', () => {
    const { qaBodyId: _absent, ...v1 } = issuerAccredited().data;
    expect(v1ToV2(v1)).toEqual({ ...v1, qaBodyId: null });
  });

  it('given a v1 IssuerAccredited that named its QA body, when upcast, then the id is kept', () => {
    const v1 = { ...issuerAccredited().data, qaBodyId: 'nvao' };
    expect(v1ToV2(v1)).toEqual(v1);
  });

  it('given the table, then each upcast type has one step for every version below its current one', () => {
    for (const [type, steps] of Object.entries(EVENT_UPCASTERS)) {
      const current = EVENT_SCHEMA_VERSIONS[type as keyof typeof EVENT_UPCASTERS];
      expect(Object.keys(steps).map(Number)).toEqual(Array.from({ length: current - 1 }, (_, i) => i + 1));
    }
  });
});
