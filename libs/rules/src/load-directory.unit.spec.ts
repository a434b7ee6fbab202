import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRulesetDirectory } from './load';
import { rulesetText, TITLE_RULE } from './testing/ruleset-text';

const SHIPPED = join(__dirname, '../../../rules');

describe('loadRulesetDirectory', () => {
  it('loads every shipped EU ruleset, the first published versions and their revisions, keyed id@version', () => {
    const registry = loadRulesetDirectory(SHIPPED);
    expect([...registry.keys()].sort()).toEqual([
      'eu-microcredentials@2022',
      'eu-microcredentials@2022-r2',
      'eu-microcredentials@2026',
      'eu-microcredentials@2026-r2',
    ]);
    expect(registry.get('eu-microcredentials@2022')?.rules.length).toBeGreaterThan(15);
  });

  describe('in a directory of its own', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'credence-rules-'));
      mkdirSync(join(dir, 'test-rules'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const write = (path: string, text: string) => writeFileSync(join(dir, path), text);

    it('ignores files that are not YAML', () => {
      write('test-rules/1.yaml', rulesetText([TITLE_RULE]));
      write('README.md', '# notes');
      expect([...loadRulesetDirectory(dir).keys()]).toEqual(['test-rules@1']);
    });

    it('fails as a whole when one file is invalid', () => {
      write('test-rules/1.yaml', rulesetText([TITLE_RULE]));
      write(
        'test-rules/2.yaml',
        rulesetText([TITLE_RULE]).replace("version: '1'", "version: '2'").replace('assert:', 'asert:'),
      );
      expect(() => loadRulesetDirectory(dir)).toThrow(
        expect.objectContaining({ file: join(dir, 'test-rules/2.yaml'), ruleId: 'test.title' }),
      );
    });

    it('refuses a file whose id or version disagrees with its path', () => {
      write('test-rules/3.yaml', rulesetText([TITLE_RULE]));
      expect(() => loadRulesetDirectory(dir)).toThrow(/declares test-rules@1 but is stored as test-rules@3/);
    });

    it('refuses a ruleset outside an <id>/ folder', () => {
      write('loose.yaml', rulesetText([TITLE_RULE]));
      expect(() => loadRulesetDirectory(dir)).toThrow(/must be at <id>\/<version>.yaml/);
    });
  });
});
