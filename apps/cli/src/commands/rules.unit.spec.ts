import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerRulesCommands } from './rules';

const SHIPPED_2022 = join(__dirname, '../../../../rules/eu-microcredentials/2022.yaml');

const run = async (...args: string[]) => {
  const lines = { out: [] as string[], err: [] as string[] };
  const program = new Command('credence').exitOverride();
  registerRulesCommands(program, { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) });
  const before = process.exitCode;
  await program.parseAsync(['node', 'credence', ...args]);
  const exitCode = process.exitCode;
  process.exitCode = before;
  return { ...lines, exitCode };
};

describe('credence rules check', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'credence-cli-rules-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints OK with the id, version, rule count and hash of a valid file', async () => {
    const result = await run('rules', 'check', SHIPPED_2022);
    expect(result.out).toEqual([
      expect.stringMatching(/2022.yaml: eu-microcredentials@2022, \d+ rules, sha256 [0-9a-f]{64}$/),
    ]);
    expect(result.out[0].startsWith(`OK ${SHIPPED_2022}`)).toBe(true);
    expect(result.exitCode).toBeFalsy();
  });

  it('prints the file, rule id and reason of an invalid file, and exits 1', async () => {
    const file = join(dir, 'bad.yaml');
    const text = readFileSync(SHIPPED_2022, 'utf8');
    writeFileSync(
      file,
      text.replace('assert: specification.title.trim() != ""', 'assert: specification.title'),
    );
    const result = await run('rules', 'check', file);
    expect(result.err).toEqual([
      expect.stringMatching(
        new RegExp(`^INVALID ${file}:\\d+ rule annex1.title: assert: must be a boolean expression`),
      ),
    ]);
    expect(result.exitCode).toBe(1);
  });
});
