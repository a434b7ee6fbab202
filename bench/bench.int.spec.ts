import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Figure } from './harness/figure';
import type { RunResult } from './harness/report';

const ROOT = join(__dirname, '..');
const STATUSES = ['measured', 'skipped', 'not-landed', 'unavailable', 'failed'];

/**
 * `npm run bench` at a tiny size, so the harness cannot rot. No timing is asserted: only that every
 * scenario of the issue produced figures of the right shape, and the run its table and JSON.
 */
describe('npm run bench, tiny', () => {
  let resultsDir: string;
  let stdout: string;
  let result: RunResult;

  beforeAll(async () => {
    resultsDir = mkdtempSync(join(tmpdir(), 'credence-bench-smoke-'));
    const run = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        './scripts/register-ts.mjs',
        'bench/run.ts',
        '--size',
        'tiny',
        '--results-dir',
        resultsDir,
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    stdout = run.stdout;
    const [file] = readdirSync(resultsDir).filter((name) => name.endsWith('.json'));
    result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as RunResult;
  }, 300_000);

  afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

  it('writes one JSON result with the machine it ran on', () => {
    expect(readdirSync(resultsDir)).toHaveLength(1);
    expect(result.size).toBe('tiny');
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
  });

  it('has figures for every scenario of the issue, none of them failed', () => {
    for (const id of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']) {
      expect(result.figures.some((f) => f.scenario.startsWith(`${id}. `))).toBe(true);
    }
    expect(result.figures.filter((f) => f.status === 'failed')).toEqual([]);
  });

  it.each([['measured'], ['missing']])('gives every %s figure its parts', (kind) => {
    const figures = result.figures.filter((f) => (f.status === 'measured') === (kind === 'measured'));
    const malformed = figures.filter((f: Figure) => {
      const named =
        f.scenario.length > 0 && f.figure.length > 0 && f.unit.length > 0 && STATUSES.includes(f.status);
      const conditions = typeof f.conditions === 'object' && f.conditions !== null;
      if (kind === 'missing') return !(named && conditions && f.value === null && (f.note ?? '').length > 0);
      const value = typeof f.value === 'number' && Number.isFinite(f.value) && f.value >= 0;
      const ratio = f.ratio === null || Number.isFinite(f.ratio);
      const baseline =
        f.baseline === undefined || (f.baseline.name.length > 0 && f.baseline.value !== undefined);
      const target = f.target === undefined || typeof f.target.met === 'boolean';
      return !(named && conditions && value && ratio && baseline && target);
    });
    expect(malformed).toEqual([]);
  });

  it('measures every scenario beside a baseline or peer', () => {
    const measured = result.figures.filter((f) => f.status === 'measured');
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.filter((f) => f.baseline?.value === undefined || f.baseline.value === null)).toEqual([]);
  });

  it('gives each load’s own peak beside the API’s resident set under load', () => {
    // The peak under load is the largest of six loads; which one it was steers any memory work.
    const underLoad = result.figures.find((f) => f.figure === 'API resident set under load');
    for (const load of ['issue', 'issueWithoutKey', 'read', 'status', 'verifyById', 'verifyJson'])
      expect(underLoad?.note).toMatch(new RegExp(`\\b${load} \\d+`));
  });

  it('prints the markdown table, one row per figure', () => {
    expect(stdout).toContain('| Figure | Value | Baseline / peer | Ratio | Target | Met |');
    for (const f of result.figures) expect(stdout).toContain(`| ${f.scenario} · ${f.figure}`);
  });
});
