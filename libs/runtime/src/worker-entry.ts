import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * How a worker thread's entry file beside `dir` is loaded. From source (jest, `node --import
 * scripts/register-ts.mjs`) this file is .ts: the thread loads the same TypeScript hook first (a
 * worker does not inherit the main thread's module hooks, nor jest's transform). Built by `nest
 * build`, the entry is the .js beside the caller, aliases already rewritten to relative paths.
 */
export const workerEntry = (dir: string, name: string): Readonly<{ entry: string; loader?: string }> =>
  __filename.endsWith('.ts')
    ? {
        entry: join(dir, `${name}.ts`),
        loader: pathToFileURL(resolve(__dirname, '../../../scripts/register-ts.mjs')).href,
      }
    : { entry: join(dir, `${name}.js`) };

/**
 * The `eval` source of such a thread, given `workerData.entry` (and `loader`) from workerEntry.
 * Plain CommonJS, so it runs without the parent's loaders (start it with `execArgv: []`).
 */
export const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.loader) await import(workerData.loader);
  require(workerData.entry);
})().catch((error) => process.nextTick(() => { throw error; }));
`;
