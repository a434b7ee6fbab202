// The repo's TypeScript transpiled to CommonJS, one file at a time, through a cache on disk
// (node_modules/.cache/register-ts). register-ts.mjs transpiles each file as it is loaded; the bench
// fills the cache before it starts ledger-api (fillTranspileCache), so that the process it measures
// never transpiles.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolvePath(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const tsconfigPath = join(root, 'tsconfig.json');
const tsconfigText = readFileSync(tsconfigPath, 'utf8');
const cacheDir = join(root, 'node_modules', '.cache', 'register-ts');

// TypeScript takes ~200 ms to load; it is only needed when a file is not in the transpile cache.
let ts;
const typescript = () => (ts ??= require('typescript'));

const readTsconfig = () => {
  try {
    return JSON.parse(tsconfigText);
  } catch {
    const { config, error } = typescript().readConfigFile(tsconfigPath, (p) => readFileSync(p, 'utf8'));
    if (error) throw new Error(`register-ts: cannot read ${tsconfigPath}`);
    return config;
  }
};

/** tsconfig.json's compilerOptions as written (register-ts resolves its `paths`). */
export const rawOptions = readTsconfig().compilerOptions ?? {};

let transpileOptions;
const compilerOptions = () => {
  if (transpileOptions) return transpileOptions;
  const { options } = typescript().convertCompilerOptionsFromJson(rawOptions, root);
  const { ModuleKind } = typescript();
  transpileOptions = { ...options, module: ModuleKind.CommonJS, inlineSourceMap: true, inlineSources: true };
  for (const key of [
    'moduleResolution',
    'sourceMap',
    'declaration',
    'declarationMap',
    'composite',
    'incremental',
    'outDir',
    'rootDir',
  ]) {
    delete transpileOptions[key];
  }
  return transpileOptions;
};

const typescriptVersion = JSON.parse(
  readFileSync(require.resolve('typescript/package.json'), 'utf8'),
).version;

/** The cache entry of one version of a file: any change to it, tsconfig.json or TypeScript is a miss. */
const cacheEntry = (path, source) =>
  join(
    cacheDir,
    `${createHash('sha256').update(`${typescriptVersion}\0${tsconfigText}\0${path}\0${source}`).digest('hex')}.js`,
  );

const transpileInto = (cached, path, source) => {
  const { outputText } = typescript().transpileModule(source, {
    fileName: path,
    compilerOptions: compilerOptions(),
  });
  try {
    // Write-then-rename: parallel workers may fill the same entry; a reader never sees half a file.
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, outputText);
    renameSync(temp, cached);
  } catch {
    // The cache only saves time; a read-only checkout still runs.
  }
  return outputText;
};

/** The CommonJS of the .ts file at `path` (absolute), from the cache when it is there. */
export const transpile = (path) => {
  const source = readFileSync(path, 'utf8');
  const cached = cacheEntry(path, source);
  return existsSync(cached) ? readFileSync(cached, 'utf8') : transpileInto(cached, path, source);
};

/**
 * Transpiles whichever of `paths` (absolute .ts files) the cache lacks, without running them, and
 * returns how many that was. A process that transpiles even one file loads TypeScript, and so does
 * each of its worker threads that does: tens of MB of heap and about a second of start-up that a
 * process started from a warm cache, or from the built JavaScript, never pays.
 */
export const fillTranspileCache = (paths) => {
  let filled = 0;
  for (const path of paths) {
    const source = readFileSync(path, 'utf8');
    const cached = cacheEntry(path, source);
    if (existsSync(cached)) continue;
    transpileInto(cached, path, source);
    filled += 1;
  }
  return filled;
};
