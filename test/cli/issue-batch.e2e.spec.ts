import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLedger, type TestLedger } from '../support/ledger-app';
import {
  accreditedIssuer,
  daysAgo,
  expectCreated,
  identityHash,
  specificationBody,
} from '../support/fixtures';

const run = promisify(execFile);
const repo = join(__dirname, '..', '..');

describe('credence issue --batch against a running API', () => {
  let ledger: TestLedger;
  const dir = mkdtempSync(join(tmpdir(), 'credence-issue-'));
  beforeAll(async () => (ledger = await startLedger()), 60_000);
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads the cohort, prints the summary, writes the results CSV next to it and exits 2 when a row failed', async () => {
    // Given a cohort of three rows, the second with a learner id that is an e-mail address
    const world = await accreditedIssuer(ledger);
    const spec = expectCreated(
      await ledger.request('POST', '/v1/specifications', {
        token: world.issuerToken,
        body: specificationBody,
      }),
    );
    const row = (n: number, learnerId = `lrn-${n}`) =>
      [
        `enr-${n}`,
        spec,
        learnerId,
        'emailAddress',
        identityHash(`lrn-${n}@example.org`, 's'),
        's',
        'pass',
        'J. de Vries',
        'exam',
        daysAgo(8),
        daysAgo(7),
      ].join(',');
    const input = join(dir, 'cohort.csv');
    writeFileSync(
      input,
      [
        'rowKey,specificationId,learnerId,identityType,identityHash,salt,outcome,assessor,method,assessedAt,validFrom',
        row(1),
        row(2, 'ann@example.org'),
        row(3),
      ].join('\n') + '\n',
    );
    // When the CLI uploads it
    const failed = await run(
      'npx',
      [
        '--offline',
        'credence',
        'issue',
        '--batch',
        input,
        '--api',
        ledger.baseUrl,
        '--token',
        world.issuerToken,
      ],
      { cwd: repo },
    ).catch((error: unknown) => error as { code: number; stdout: string });
    // Then it exits 2, and the results CSV has one line per row with the failing row's code
    expect(failed).toMatchObject({ code: 2 });
    const results = readFileSync(join(dir, 'cohort.results.csv'), 'utf8').trim().split(/\r?\n/);
    expect(results).toHaveLength(4);
    expect(results[2]).toContain('request.invalid');
    expect(results[1]).toContain('issued');
    expect((failed as { stdout: string }).stdout).toContain('cohort.results.csv');
  }, 120_000);
});
