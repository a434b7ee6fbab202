import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '@credence/feed/testing/kafka';
import { type DemoSummary, seedDemo } from '../../apps/cli/src/demo/seed';
import { summaryLines } from '../../apps/cli/src/demo/summary';
import { type ApiProcess, spawnApi, terminate } from '../support/api-process';
import { logHead } from '../support/fixtures';
import { ADMIN_TOKEN, type TestLedger } from '../support/ledger-app';
import { allPages, withQuery } from '../read-models/support/http';

const run = promisify(execFile);
const repo = join(__dirname, '..', '..');
const quiet = { out: () => undefined, progress: process.stderr };

type Counts = Readonly<{ refusedByRule: Record<string, number>; warningsByRule: Record<string, number> }>;
type DirectoryItem = Counts &
  Readonly<{ issuerId: string; issued: number; refused: number; warnings: number }>;

/** The lines a summary prints, without the tokens (they differ from ledger to ledger by design). */
const countLines = (lines: readonly string[]) =>
  lines.slice(
    0,
    lines.findIndex((l) => l.startsWith('tokens')),
  );

const sum = (records: readonly Record<string, number>[]) =>
  records.reduce<Record<string, number>>((total, record) => {
    for (const [key, n] of Object.entries(record)) total[key] = (total[key] ?? 0) + n;
    return total;
  }, {});

describe('credence demo seed against a running API', () => {
  const dirs = [
    mkdtempSync(join(tmpdir(), 'credence-demo-a-')),
    mkdtempSync(join(tmpdir(), 'credence-demo-b-')),
  ];
  let a: ApiProcess;
  let b: ApiProcess;
  let printed: string[];
  let seeded: DemoSummary;
  let head: string;

  beforeAll(async () => {
    [a, b] = await Promise.all(dirs.map((dir) => spawnApi(dir)));
    // Ledger A through the command line as a newcomer runs it, ledger B through the same code in process.
    const cli = await run(
      'npx',
      ['--offline', 'credence', 'demo', 'seed', '--api', a.baseUrl, '--token', ADMIN_TOKEN, '--seed', '7'],
      { cwd: repo },
    );
    printed = cli.stdout.trim().split('\n');
    seeded = await seedDemo({ api: b.baseUrl, token: ADMIN_TOKEN, scale: 'small', seed: 7 }, quiet);
    head = (await logHead(b as unknown as TestLedger))!;
  }, 170_000);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(terminate));
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  const get = async (api: ApiProcess, path: string, token = seeded.tokens.auditor) => {
    const reply = await api.request('GET', withQuery(path, { waitFor: head }), { token });
    if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };

  it('builds the small world: QA bodies, issuers, about 40 specifications, 2,000 learners, stacks and every lifecycle step', () => {
    expect(seeded.counts).toMatchObject({
      'qa bodies': 2,
      issuers: 6,
      accreditations: 6,
      'accreditations: suspension': 1,
      'accreditations: reinstatement': 1,
      'accreditations: withdrawal': 1,
      specifications: 36,
      'specifications with warnings': 3,
      'refused attempts': 5,
      pathways: 2,
      learners: 2_000,
      'stacked credentials': 12,
      suspensions: 6,
      reinstatements: 4,
      revocations: 6,
      'annulled assessments': 1,
      're-issued credentials': 1,
    });
    expect(seeded.counts['failed assessments']).toBeGreaterThanOrEqual(5);
    expect(seeded.counts.credentials).toBeGreaterThan(2_000);
    expect(seeded.counts.batches).toBeGreaterThanOrEqual(36 * 2);
    expect(Object.keys(seeded.revokedByReason).sort()).toEqual([
      'accreditation-withdrawn',
      'assessment-annulled',
      'fraud',
      'issued-in-error',
      'issuer-request',
      'superseded',
    ]);
    expect(printed.some((line) => line.startsWith('tokens'))).toBe(true);
  });

  it('gives the same counts and specification titles for the same seed, read back from both ledgers', async () => {
    expect(countLines(printed)).toEqual(countLines(summaryLines(seeded)));
    // Ledger A's auditor token is the one the command printed.
    const printedAuditor = /^\s+auditor\s+(\S+)$/.exec(
      printed.find((l) => /^\s+auditor\s/.test(l)) ?? '',
    )?.[1];
    const titles = async (api: ApiProcess, token: string) => {
      const pages = await allPages(
        { request: api.request } as TestLedger,
        withQuery('/v1/register/specifications', { limit: 100, sort: 'title' }),
        token,
      );
      return pages.flatMap((page) => page.body.items.map((item: { title: string }) => item.title));
    };
    const [titlesA, titlesB] = await Promise.all([
      titles(a, printedAuditor!),
      titles(b, seeded.tokens.auditor),
    ]);
    expect(titlesB).toHaveLength(36);
    expect(titlesA).toEqual(titlesB);
    expect([...titlesB].sort()).toEqual([...seeded.specificationTitles].sort());
  });

  it('shows refusals and warnings by rule in the compliance read model, and the issued credentials', async () => {
    const { items }: { items: DirectoryItem[] } = await get(b, '/v1/issuers');
    expect(items).toHaveLength(6);
    expect(items.reduce((n, item) => n + item.issued, 0)).toBe(
      seeded.counts.credentials + seeded.counts['re-issued credentials'],
    );
    expect(items.reduce((n, item) => n + item.refused, 0)).toBe(5);
    expect(sum(items.map((item) => item.refusedByRule))).toMatchObject({
      'annex1.type-of-assessment': 1,
      'annex1.learning-outcomes': 1,
      'annex2.authentic.awarding-body': 1,
      'annex1.type-of-quality-assurance': 1,
      'annex2.quality.accreditation': 1,
    });
    expect(Object.keys(sum(items.map((item) => item.warningsByRule)))).toEqual(
      expect.arrayContaining(['annex1.workload-in-ects', 'ects.hours-per-credit', 'annex1.vocabularies']),
    );
    const reports = await Promise.all(seeded.issuerIds.map((id) => get(b, `/v1/issuers/${id}/compliance`)));
    const history = reports.flatMap((r) =>
      r.accreditations.flatMap((x: { history: { change: string }[] }) => x.history),
    );
    expect(history.map((h: { change: string }) => h.change)).toEqual(
      expect.arrayContaining(['granted', 'suspended', 'reinstated', 'withdrawn']),
    );
  });

  it('revokes with every reason, the annulled assessment’s credential by the reactor', async () => {
    const revokedByReason = async () => {
      const reports = await Promise.all(seeded.issuerIds.map((id) => get(b, `/v1/issuers/${id}/compliance`)));
      return sum(
        reports.flatMap((r) =>
          r.rulesets.map(
            (x: { credentials: { revokedByReason: Record<string, number> } }) =>
              x.credentials.revokedByReason,
          ),
        ),
      );
    };
    await eventually('the annulment cascade to revoke the credential', async () =>
      Boolean((await revokedByReason())['assessment-annulled']),
    );
    // At least what the seed revoked: a re-issue may also supersede its original.
    const read = await revokedByReason();
    for (const [reason, n] of Object.entries(seeded.revokedByReason))
      expect({ reason, n: read[reason] >= n }).toEqual({ reason, n: true });
  });

  it('compares two specifications in the register and holds the stacks and the re-issued credential', async () => {
    const [first, second] = seeded.specificationIds;
    const comparison = await get(
      b,
      `/v1/register/comparison?ids=${first},${second}`,
      seeded.tokens['qa-body'],
    );
    expect(comparison.items.map((item: { specificationId: string }) => item.specificationId)).toEqual([
      first,
      second,
    ]);
    expect(comparison.differences.length).toBeGreaterThan(0);
    const stack = await b.request('GET', `/v1/stacked-credentials/${seeded.stackIds[0]}`, {
      token: seeded.tokens.issuer,
    });
    expect(stack.status).toBe(200);
    // The correction may belong to any demo issuer: read it as the auditor, who reads every issuer's.
    const reissued = await b.request('GET', `/v1/credentials/${seeded.reissuedId}`, {
      token: seeded.tokens.auditor,
    });
    expect(reissued.status).toBe(200);
    const corrected = await get(b, `/v1/credentials/${reissued.body.supersedes}`);
    expect(corrected).toMatchObject({
      status: 'revoked',
      reason: 'superseded',
      supersededBy: seeded.reissuedId,
    });
  });
});
