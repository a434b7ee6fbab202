import fc from 'fast-check';
import { getMetadataStorage } from 'class-validator';
import type { Route } from '../../support/routes';
import {
  hostileHeaders,
  hostileQueryValue,
  hostileSegment,
  hostileValue,
  MARKERS,
  RESERVED_KEYS,
  toJsonText,
} from './hostile';

export type FuzzCase = Readonly<{
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What kind of input this is, for the report's histogram. */
  kind: string;
}>;

export type Seeds = Readonly<{
  /** A valid body per DTO class name, to mutate one field at a time. */
  bodies: Record<string, unknown>;
  /** Real ids per path parameter name, so mutations reach past the 404. */
  ids: Record<string, string[]>;
}>;

type Json = Record<string, unknown>;

/** One edit of a valid body: a field set to something hostile, removed, or an extra one added. */
const mutation = (keys: string[]) =>
  fc.oneof(
    fc.record({
      op: fc.constant('set' as const),
      key: fc.constantFrom(...keys, 'extra', ...RESERVED_KEYS),
      value: hostileValue,
    }),
    fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...keys) }),
    fc.record({
      op: fc.constant('nest' as const),
      key: fc.constantFrom(...keys),
      inner: fc.constantFrom('id', 'kind', 'ects', '__proto__', 'extra'),
      value: hostileValue,
    }),
  );

const applyMutations = (
  base: Json,
  edits: { op: string; key: string; value?: unknown; inner?: string }[],
): Json => {
  // JSON.parse makes `__proto__` an own key, as a hostile client's JSON would.
  const body = JSON.parse(JSON.stringify(base)) as Json;
  for (const edit of edits) {
    if (edit.op === 'delete') delete body[edit.key];
    else if (edit.op === 'set')
      Object.defineProperty(body, edit.key, {
        value: edit.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else {
      const inner =
        typeof body[edit.key] === 'object' && body[edit.key] !== null ? (body[edit.key] as Json) : {};
      Object.defineProperty(inner, edit.inner!, {
        value: edit.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      body[edit.key] = inner;
    }
  }
  return body;
};

const json = (text: string, kind: string) => ({ body: text, contentType: 'application/json', kind });

const bodyArbitrary = (base: Json | undefined) => {
  const keys = Object.keys(base ?? {});
  const mutated =
    keys.length > 0
      ? fc
          .array(mutation(keys), { minLength: 1, maxLength: 3 })
          .map((edits) => json(toJsonText(applyMutations(base!, edits)), 'mutated field'))
      : fc
          .dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 4 })
          .map((o) => json(toJsonText(o), 'mutated field'));
  return fc.oneof(
    { weight: 8, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constant(json(toJsonText(base ?? {}), 'valid body')) },
    { weight: 2, arbitrary: hostileValue.map((v) => json(toJsonText(v), 'hostile body')) },
    {
      weight: 1,
      arbitrary: fc.constant(json(`{"x":${toJsonText(MARKERS.deepNesting)}}`, '10,000-deep body')),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{',
          '{"a":1,}',
          "{'a':1}",
          '[1,2',
          '{"a":"\\ud800"}',
          'nul',
          '{"a":1}{"b":2}',
          '\u0000',
        )
        .map((t) => json(t, 'broken JSON')),
    },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n').map((t) => json(t, 'empty body')) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json-patch+json',
        )
        .map((contentType) => ({ body: 'a=1&b=2', contentType, kind: 'wrong content type' })),
    },
    { weight: 1, arbitrary: fc.constant({ body: undefined, contentType: undefined, kind: 'no body' }) },
  );
};

/** The property names a query DTO declares, so generated queries hit real parameters too. */
const queryKeys = (dto: (new () => object) | undefined): string[] =>
  dto
    ? [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(dto, '', true, false)
            .map((m) => m.propertyName),
        ),
      ]
    : [];

export const caseArbitrary = (route: Route, token: string, seeds: Seeds): fc.Arbitrary<FuzzCase> => {
  const params = fc.tuple(
    ...route.params.map((name) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(seeds.ids[name] ?? ['x'])) },
        { weight: 1, arbitrary: hostileSegment },
      ),
    ),
  );
  const keys = queryKeys(route.query);
  const query = fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...keys, 'extra', '__proto__', 'constructor'),
        fc.string({ maxLength: 8 }).map(encodeURIComponent),
      ),
      hostileQueryValue,
    ),
    { maxLength: 4 },
  );
  const body =
    route.method === 'GET'
      ? fc.constant({ body: undefined, contentType: undefined, kind: 'query' })
      : bodyArbitrary(route.body ? (seeds.bodies[route.body.name] as Json) : undefined);
  return fc
    .record({
      params: route.params.length > 0 ? params : fc.constant([] as string[]),
      query,
      body,
      headers: hostileHeaders,
      badAuth: fc.nat(9).map((n) => n === 0),
    })
    .map(({ params: values, query: pairs, body: b, headers, badAuth }) => {
      let i = 0;
      const path = route.url.replace(/:\w+/g, () => values[i++]);
      const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
      // An authorised token nine times in ten, so the input reaches validation.
      const { authorization, ...rest } = headers;
      const all: Record<string, string> = {
        ...rest,
        authorization: badAuth && authorization !== undefined ? authorization : `Bearer ${token}`,
      };
      if (b.contentType) all['content-type'] = b.contentType;
      const hostilePath = values.some(
        (value, index) => !(seeds.ids[route.params[index]] ?? []).includes(value),
      );
      const kind =
        badAuth && authorization !== undefined
          ? 'bad authorization'
          : hostilePath
            ? 'path'
            : pairs.length > 0 && route.method === 'GET'
              ? 'query'
              : b.kind;
      return {
        method: route.method,
        path: search ? `${path}?${search}` : path,
        headers: all,
        body: b.body,
        kind,
      };
    });
};
