import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { JS_BUDGET_GZIP_BYTES } from '../../apps/console/budget';
import { buildConsole } from './support/browser';

describe('The console build', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'credence-console-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('prints its JavaScript size and stays within 300 KB gzipped, charts included', () => {
    const output = buildConsole(outDir);
    const printed = /console JavaScript: ([\d.]+) KB gzipped/.exec(output);
    expect(printed).not.toBeNull();

    const assets = join(outDir, 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
    // Chart.js is in there: its code, not just a stub.
    expect(scripts.some((name) => readFileSync(join(assets, name), 'utf8').includes('barPercentage'))).toBe(
      true,
    );
    expect(bytes).toBeLessThanOrEqual(JS_BUDGET_GZIP_BYTES);
    expect(Math.abs(Number(printed![1]) * 1024 - bytes)).toBeLessThan(2048);
  }, 120_000);
});
