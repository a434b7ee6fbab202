// Runs the repo's TypeScript directly: `node --import ./scripts/register-ts.mjs some/file.ts`.
//
// Synchronous module hooks (module.registerHooks, Node >= 22.15) so they cover require() as well as
// import. Resolution follows tsconfig.json `paths` (@credence/<lib>[/<sub>]) and the extensionless
// relative imports the sources use; loading transpiles with typescript.transpileModule to CommonJS,
// cached on disk (transpile-cache.mjs).
// Node 24 can strip types itself, but stripping cannot emit parameter properties, decorators or
// their metadata, which Nest needs, so this hook answers for every .ts file before Node's default.
import { existsSync, statSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rawOptions, root, transpile } from './transpile-cache.mjs';

const pathsBase = resolvePath(root, rawOptions.baseUrl ?? '.');
const pathPatterns = Object.entries(rawOptions.paths ?? {}).map(([pattern, targets]) => {
  const star = pattern.indexOf('*');
  return star < 0
    ? { prefix: pattern, suffix: null, targets }
    : { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), targets };
});

const isFile = (path) => existsSync(path) && statSync(path).isFile();

/** The .ts file an import means: as written, with .ts added, .js swapped for .ts, or its index.ts. */
const tsCandidate = (base) =>
  [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), join(base, 'index.ts')].find(
    (path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && isFile(path),
  );

const fromPaths = (specifier) => {
  for (const { prefix, suffix, targets } of pathPatterns) {
    let captured;
    if (suffix === null) {
      if (specifier !== prefix) continue;
    } else if (
      specifier.startsWith(prefix) &&
      specifier.endsWith(suffix) &&
      specifier.length >= prefix.length + suffix.length
    ) {
      captured = specifier.slice(prefix.length, specifier.length - suffix.length);
    } else continue;
    for (const target of targets) {
      const file = tsCandidate(
        resolvePath(pathsBase, captured === undefined ? target : target.replace('*', captured)),
      );
      if (file) return file;
    }
  }
  return undefined;
};

const isTsUrl = (url) => url?.startsWith('file:') && url.endsWith('.ts') && !url.endsWith('.d.ts');

/**
 * The entry point (`node --import … some/file.ts`: no parent). Left to Node, a .ts entry makes Node
 * load its own type stripper (amaro, swc built to WebAssembly), although the load hook below then
 * transpiles the file itself. That instance cost every process started this way: a trivial script
 * held 120 MB resident instead of 52, the bench's ledger-api about 6 MB more external memory and
 * 10-20 MB more resident set (issue 20, bench/README.md).
 */
const entryPoint = (specifier) => {
  const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : resolvePath(specifier);
  return path.endsWith('.ts') && !path.endsWith('.d.ts') && isFile(path) ? path : undefined;
};

const resolveTs = (specifier, parentURL) => {
  if (specifier.startsWith('@')) return fromPaths(specifier);
  if (parentURL === undefined) return entryPoint(specifier);
  if (!isTsUrl(parentURL)) return undefined;
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    return tsCandidate(resolvePath(dirname(fileURLToPath(parentURL)), specifier));
  }
  return undefined;
};

registerHooks({
  resolve(specifier, context, nextResolve) {
    const file = resolveTs(specifier, context.parentURL);
    if (file) return { url: pathToFileURL(file).href, format: 'commonjs', shortCircuit: true };
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (!isTsUrl(url) || url.includes('/node_modules/')) return nextLoad(url, context);
    return { format: 'commonjs', source: transpile(fileURLToPath(url)), shortCircuit: true };
  },
});

process.setSourceMapsEnabled(true);
