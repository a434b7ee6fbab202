import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

type TranspileCache = Readonly<{ fillTranspileCache: (paths: readonly string[]) => number }>;

/** Every .ts source under `dir` (relative to the repo), specs and declarations aside, as absolute paths. */
export const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !/\.(spec|d)\.ts$/.test(f.name))
    .map((f) => join(f.parentPath, f.name));

const warmed = new Set<string>();

/**
 * Transpiles the app of `entry` (e.g. apps/ledger-api) and libs/ into register-ts's cache before the
 * app is started, and returns how many files were missing. After a merge (or any change to
 * tsconfig.json, which is part of every entry's key) the bench process has transpiled only what it
 * imports itself; ledger-api's first start then met main.ts and its worker threads' entries
 * uncached, and loaded TypeScript on its main thread and in the projector's thread, which keeps
 * it: scenario 7's "after a first start" held ~70 MB more (378 against 310 MB; issue 20,
 * bench/README.md "wip/mem3"), which neither `npm start` nor the image (built JavaScript) pays.
 * Once per directory per bench run.
 */
export const warmTranspileCache = (entry: string): number => {
  const dirs = [entry.split('/').slice(0, 2).join('/'), 'libs'].filter((dir) => !warmed.has(dir));
  if (dirs.length === 0) return 0;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cache = require(join(ROOT, 'scripts', 'transpile-cache.mjs')) as TranspileCache;
  const filled = cache.fillTranspileCache(dirs.flatMap(sourcesUnder));
  for (const dir of dirs) warmed.add(dir);
  return filled;
};
