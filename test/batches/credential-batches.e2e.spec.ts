import { ADMIN_TOKEN, type Reply, startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  daysAgo,
  identityHash,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';

const HEADER =
  'rowKey,specificationId,learnerId,identityType,identityHash,salt,outcome,grade,assessor,method,assessedAt,evidence,validFrom,validUntil';

type Row = Record<string, string>;
const goodRow = (specificationId: string, n: number): Row => ({
  rowKey: `enr-${n}`,
  specificationId,
  learnerId: `lrn-${n}`,
  identityType: 'emailAddress',
  identityHash: identityHash(`lrn-${n}@example.org`, 'x1y2'),
  salt: 'x1y2',
  outcome: 'pass',
  grade: '8',
  assessor: 'J. de Vries',
  method: 'exam',
  assessedAt: daysAgo(8),
  evidence: `https://lms.example.org/s/${n} https://lms.example.org/t/${n}`,
  validFrom: daysAgo(7),
  validUntil: daysAgo(-5 * 365),
});
const csvOf = (rows: Row[], delimiter = ',', eol = '\n') =>
  [
    HEADER.split(',').join(delimiter),
    ...rows.map((r) =>
      HEADER.split(',')
        .map((c) => r[c] ?? '')
        .join(delimiter),
    ),
  ].join(eol) + eol;
const ndjsonOf = (rows: Row[]) =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(r)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, k === 'evidence' ? v.split(' ') : v]),
        ),
      ),
    )
    .join('\n') + '\n';

/** 200 rows; 4 bad of different kinds: a bad learner id, a missing outcome, an unknown specification, validity inverted. */
const cohort = (specificationId: string): Row[] => {
  const rows = Array.from({ length: 200 }, (_, i) => goodRow(specificationId, i + 1));
  rows[9] = { ...rows[9], learnerId: 'ann@example.org' };
  rows[49] = { ...rows[49], outcome: '' };
  rows[99] = { ...rows[99], specificationId: 'spec-unknown' };
  rows[149] = { ...rows[149], validUntil: daysAgo(30) };
  return rows;
};

describe('POST /v1/credential-batches', () => {
  let ledger: TestLedger;
  let world: World;
  let specificationId: string;
  const upload = async (
    body: string,
    key: string | undefined,
    options: { type?: string; query?: string; token?: string } = {},
  ) => {
    const response = await fetch(`${ledger.baseUrl}/v1/credential-batches${options.query ?? ''}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token ?? world.issuerToken}`,
        'content-type': options.type ?? 'text/csv',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : text,
    } as Reply;
  };
  const done = async (id: string, token = world.issuerToken) => {
    for (;;) {
      const reply = await ledger.request('GET', `/v1/credential-batches/${id}`, { token });
      if (reply.status !== 200 || reply.body.status === 'done') return reply;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    ledger = await startLedger();
    world = await accreditedIssuer(ledger);
    specificationId = expectCreated(
      await ledger.request('POST', '/v1/specifications', {
        token: world.issuerToken,
        body: specificationBody,
      }),
    );
  }, 60_000);
  afterAll(() => ledger.close());

  it('applies each row on its own: the bad rows fail with their row, column and code, the rest are issued', async () => {
    // Given a cohort of 200 rows with 4 bad rows
    const csv = csvOf(cohort(specificationId));
    // When it is uploaded
    const accepted = await upload(csv, 'cohort-1');
    expect(accepted.status).toBe(202);
    expect(accepted.body.rows).toBe(200);
    expect(accepted.headers.get('location')).toBe(`/v1/credential-batches/${accepted.body.id}`);
    // Then 196 credentials and 4 failed rows, each naming its column and code
    const result = await done(accepted.body.id);
    expect(result.body).toMatchObject({
      status: 'done',
      rows: 200,
      issued: 196,
      failed: 4,
      'skipped-as-duplicate': 0,
    });
    const failed = result.body.results.filter((r: { status: string }) => r.status === 'failed');
    expect(
      failed.map((r: { row: number; problem: { code: string; column?: string } }) => [
        r.row,
        r.problem.code,
        r.problem.column,
      ]),
    ).toEqual([
      [10, 'request.invalid', 'learnerId'],
      [50, 'request.invalid', 'outcome'],
      [100, expect.any(String), undefined],
      [150, expect.any(String), undefined],
    ]);
    expect(failed[3].assessmentId).toEqual(expect.any(String));
    const credentialId = result.body.results[0].credentialId;
    expect(
      (await ledger.request('GET', `/v1/credentials/${credentialId}`, { token: world.issuerToken })).status,
    ).toBe(200);
    // And as CSV, one line per row next to the upload
    const csvResults = await fetch(`${ledger.baseUrl}/v1/credential-batches/${accepted.body.id}`, {
      headers: { authorization: `Bearer ${world.issuerToken}`, accept: 'text/csv' },
    });
    expect(csvResults.headers.get('content-type')).toContain('text/csv');
    expect((await csvResults.text()).trim().split('\n')).toHaveLength(201);
  }, 60_000);

  it('appends nothing when the same file is resent with the same key', async () => {
    const csv = csvOf(cohort(specificationId).slice(0, 20));
    const first = await upload(csv, 'resend-1');
    const answered = await done(first.body.id);
    const head = await logHead(ledger);
    const again = await upload(csv, 'resend-1');
    expect(again.body).toEqual(first.body);
    expect((await done(again.body.id)).body).toEqual(answered.body);
    expect(await logHead(ledger)).toBe(head);
  }, 60_000);

  it('gives the same result for NDJSON as for CSV', async () => {
    const rows = cohort(specificationId)
      .slice(0, 12)
      .map((r) => ({ ...r, rowKey: `nd-${r.rowKey}`, learnerId: r.learnerId.replace('lrn-', 'lrn-nd') }));
    const fromCsv = await done(
      (await upload(csvOf(rows.map((r) => ({ ...r, rowKey: `c-${r.rowKey}` }))), 'nd-csv')).body.id,
    );
    const fromNdjson = await done(
      (
        await upload(ndjsonOf(rows.map((r) => ({ ...r, rowKey: `n-${r.rowKey}` }))), 'nd-json', {
          type: 'application/x-ndjson',
        })
      ).body.id,
    );
    const shape = (reply: Reply) =>
      reply.body.results.map((r: { row: number; status: string; problem?: { code: string } }) => [
        r.row,
        r.status,
        r.problem?.code,
      ]);
    expect(fromNdjson.body.issued).toBe(fromCsv.body.issued);
    expect(shape(fromNdjson)).toEqual(shape(fromCsv));
  }, 60_000);

  it('parses a BOM, CRLF, a ; delimiter and a quoted newline', async () => {
    const rows = [goodRow(specificationId, 9001), goodRow(specificationId, 9002)];
    rows[1].assessor = 'de Vries; J.\nexternal';
    const body =
      '\uFEFF' + csvOf(rows, ';', '\r\n').replace('de Vries; J.\nexternal', '"de Vries; J.\nexternal"');
    const reply = await done((await upload(body, 'dialect-1', { query: '?delimiter=%3B' })).body.id);
    expect(reply.body).toMatchObject({ rows: 2, issued: 2, failed: 0 });
  }, 60_000);

  it('refuses 10,001 rows with 413, and a batch without an Idempotency-Key with 400', async () => {
    const big = csvOf(Array.from({ length: 10_001 }, (_, i) => goodRow(specificationId, 20_000 + i)));
    const tooLarge = await upload(big, 'big-1');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toEqual(expect.any(String));
    expect((await upload(csvOf([goodRow(specificationId, 1)]), undefined)).status).toBe(400);
  }, 60_000);

  it('appends nothing for an atomic batch with one bad row, and reports it', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => goodRow(specificationId, 30_000 + i));
    rows[4] = { ...rows[4], specificationId: 'spec-unknown' };
    const head = await logHead(ledger);
    const reply = await done((await upload(csvOf(rows), 'atomic-1', { query: '?atomic=true' })).body.id);
    expect(reply.body).toMatchObject({ issued: 0, failed: 10 });
    expect(reply.body.results[4].problem.code).not.toBe('batch.atomic-aborted');
    expect(await logHead(ledger)).toBe(head);
  }, 60_000);

  it('shows a batch only to the issuer that uploaded it', async () => {
    const id = (await upload(csvOf([goodRow(specificationId, 40_000)]), 'mine-1')).body.id;
    await done(id);
    const other = await accreditedIssuer(ledger, undefined, {
      legalName: 'Fontys',
      country: 'NL',
      registrationId: 'KVK-41098765',
    });
    expect(
      (await ledger.request('GET', `/v1/credential-batches/${id}`, { token: other.issuerToken })).status,
    ).toBe(404);
    expect((await ledger.request('GET', `/v1/credential-batches/${id}`, { token: ADMIN_TOKEN })).status).toBe(
      403,
    );
  }, 60_000);

  it('documents both request media types and the CSV answer in OpenAPI', async () => {
    const document = (await ledger.request('GET', '/docs-json')).body;
    expect(Object.keys(document.paths['/v1/credential-batches'].post.requestBody.content).sort()).toEqual([
      'application/x-ndjson',
      'text/csv',
    ]);
    expect(
      Object.keys(document.paths['/v1/credential-batches/{id}'].get.responses['200'].content).sort(),
    ).toEqual(['application/json', 'text/csv']);
  });

  it('keeps CSV bodies to the batch route: elsewhere they are 415 problem+json', async () => {
    const response = await fetch(`${ledger.baseUrl}/v1/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.issuerToken}`, 'content-type': 'text/csv' },
      body: csvOf([goodRow(specificationId, 50_000)]),
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
