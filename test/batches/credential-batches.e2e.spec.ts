import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_TOKEN, type Reply, startLedger, type TestLedger } from '../support/ledger-app';
import { csvOf, goodRow, ndjsonOf, type Row, uploadBatch } from '../support/cohort';
import {
  accreditedIssuer,
  daysAgo,
  expectCreated,
  logHead,
  specificationBody,
  type World,
} from '../support/fixtures';

/** Ten bad rows of different kinds, by 1-based row number, with the code and column each must report. */
const BAD_ROWS: readonly (readonly [number, (r: Row) => Row, string, string | undefined])[] = [
  [10, (r) => ({ ...r, learnerId: 'ann@example.org' }), 'request.invalid', 'learnerId'],
  [50, (r) => ({ ...r, outcome: '' }), 'request.invalid', 'outcome'],
  [100, (r) => ({ ...r, specificationId: 'spec-unknown' }), 'specification.not-found', undefined],
  [150, (r) => ({ ...r, validUntil: daysAgo(30) }), 'rules.violated', undefined],
  [250, (r) => ({ ...r, assessedAt: 'last tuesday' }), 'request.invalid', 'assessedAt'],
  [400, (r) => ({ ...r, outcome: 'maybe' }), 'request.invalid', 'outcome'],
  [555, (r) => ({ ...r, assessor: '' }), 'request.invalid', 'assessor'],
  [700, (r) => ({ ...r, rowKey: 'enr-1' }), 'batch.row-duplicate', 'rowKey'],
  [850, (r) => ({ ...r, validFrom: 'soon' }), 'request.invalid', 'validFrom'],
  [999, (r) => ({ ...r, identityHash: 'md5$0123' }), 'request.invalid', 'identityHash'],
];

/** A cohort of `size` rows with the BAD_ROWS among them. */
const cohort = (specificationId: string, size = 1000): Row[] => {
  const rows = Array.from({ length: size }, (_, i) => goodRow(specificationId, i + 1));
  for (const [row, spoil] of BAD_ROWS) if (row <= size) rows[row - 1] = spoil(rows[row - 1]);
  return rows;
};

describe('POST /v1/credential-batches', () => {
  let ledger: TestLedger;
  let world: World;
  let specificationId: string;
  const upload = (
    body: string,
    key: string | undefined,
    options: { type?: string; query?: string; token?: string } = {},
  ) => uploadBatch(ledger.baseUrl, options.token ?? world.issuerToken, body, key, options);
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
  /** Counts the log itself, not what the API reports about it. */
  const countEvents = async (type?: string): Promise<number> => {
    const db = new Database(join(ledger.dataDir, 'events.sqlite'), { readonly: true });
    try {
      const { n } = (
        type
          ? db.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type)
          : db.prepare('SELECT count(*) AS n FROM events').get()
      ) as { n: number };
      return n;
    } finally {
      db.close();
    }
  };

  describe('a cohort of 1,000 rows with 10 bad rows of different kinds', () => {
    let csv: string;
    let first: Reply;
    let answered: Reply;
    beforeAll(() => {
      csv = csvOf(cohort(specificationId));
    });

    it('issues 990 credentials, and each bad row fails with its row number, code and column', async () => {
      // When the cohort is uploaded
      first = await upload(csv, 'cohort-1');
      expect(first.status).toBe(202);
      expect(first.body.rows).toBe(1000);
      expect(first.headers.get('location')).toBe(`/v1/credential-batches/${first.body.id}`);
      // Then 990 credentials and 10 failed rows, each naming its column and code
      answered = await done(first.body.id);
      expect(answered.body).toMatchObject({
        status: 'done',
        rows: 1000,
        issued: 990,
        failed: 10,
        'skipped-as-duplicate': 0,
      });
      expect(answered.body.results.map((r: { row: number }) => r.row)).toEqual(
        Array.from({ length: 1000 }, (_, i) => i + 1),
      );
      const failed = answered.body.results.filter((r: { status: string }) => r.status === 'failed');
      expect(
        failed.map((r: { row: number; problem: { code: string; column?: string } }) => [
          r.row,
          r.problem.code,
          r.problem.column,
        ]),
      ).toEqual(BAD_ROWS.map(([row, , code, column]) => [row, code, column]));
      // The credential was refused, the assessment it stands on stays recorded: the result says so.
      expect(failed[3].assessmentId).toEqual(expect.any(String));
      expect(await countEvents('CredentialIssued')).toBe(990);
      const credentialId = answered.body.results[0].credentialId;
      expect(
        (await ledger.request('GET', `/v1/credentials/${credentialId}`, { token: world.issuerToken })).status,
      ).toBe(200);
      // And as CSV, one line per row next to the upload
      const csvResults = await fetch(`${ledger.baseUrl}/v1/credential-batches/${first.body.id}`, {
        headers: { authorization: `Bearer ${world.issuerToken}`, accept: 'text/csv' },
      });
      expect(csvResults.headers.get('content-type')).toContain('text/csv');
      expect((await csvResults.text()).trim().split('\n')).toHaveLength(1001);
    });

    it('appends nothing when the same file is resent with the same key, and answers the same', async () => {
      const events = await countEvents();
      const again = await upload(csv, 'cohort-1');
      expect(again.body).toEqual(first.body);
      expect((await done(again.body.id)).body).toEqual(answered.body);
      expect(await countEvents()).toBe(events);
    });

    it('skips the 990 issued rows as duplicates under a new key, and issues no new credential', async () => {
      const issued = await countEvents('CredentialIssued');
      const resent = await done((await upload(csv, 'cohort-1-again')).body.id);
      expect(resent.body).toMatchObject({
        status: 'done',
        rows: 1000,
        issued: 0,
        failed: 10,
        'skipped-as-duplicate': 990,
      });
      const skipped = resent.body.results.filter(
        (r: { status: string }) => r.status === 'skipped-as-duplicate',
      );
      expect(new Set(skipped.map((r: { problem: { code: string } }) => r.problem.code))).toEqual(
        new Set(['assessment.already-credentialed']),
      );
      // Each skipped row names the assessment, and the credential, the first upload made.
      const firstResults = new Map(
        answered.body.results.map((r: { row: number }) => [r.row, r] as const),
      ) as Map<number, { assessmentId?: string; credentialId?: string }>;
      const elsewhere = skipped.filter(
        (r: { row: number; assessmentId: string; problem: { details: { credentialId: string } } }) =>
          r.assessmentId !== firstResults.get(r.row)?.assessmentId ||
          r.problem.details.credentialId !== firstResults.get(r.row)?.credentialId,
      );
      expect(elsewhere).toEqual([]);
      expect(
        resent.body.results
          .filter((r: { status: string }) => r.status === 'failed')
          .map((r: { row: number; problem: { code: string } }) => [r.row, r.problem.code]),
      ).toEqual(BAD_ROWS.map(([row, , code]) => [row, code]));
      expect(await countEvents('CredentialIssued')).toBe(issued);
    });
  });

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

  it('answers a progress poll (?results=false) with the status and counts alone, and refuses another value with 400', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => goodRow(specificationId, 35_000 + i));
    rows[1] = { ...rows[1], outcome: 'maybe' };
    const id = (await upload(csvOf(rows), 'progress-1')).body.id;
    const full = await done(id);
    const poll = await ledger.request('GET', `/v1/credential-batches/${id}?results=false`, {
      token: world.issuerToken,
    });
    expect(poll.status).toBe(200);
    const { results, ...summary } = full.body;
    expect(results).toHaveLength(3);
    expect(poll.body).toEqual(summary);
    expect(summary).toMatchObject({ status: 'done', rows: 3, issued: 2, failed: 1 });
    const withResults = await ledger.request('GET', `/v1/credential-batches/${id}?results=true`, {
      token: world.issuerToken,
    });
    expect(withResults.body).toEqual(full.body);
    const bad = await ledger.request('GET', `/v1/credential-batches/${id}?results=some`, {
      token: world.issuerToken,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('request.invalid');
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
