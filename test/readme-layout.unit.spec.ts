import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..');
const layout = readFileSync(join(repo, 'README.md'), 'utf8').split('## Layout')[1].split('\n## ')[0];
const dirsOf = (parent: string) =>
  readdirSync(join(repo, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${parent}/${entry.name}`);

describe("README's layout table", () => {
  it.each([...dirsOf('apps'), ...dirsOf('libs')])('lists %s', (dir) => {
    expect(layout).toContain(`\`${dir}\``);
  });
});
