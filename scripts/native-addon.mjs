// Makes sure better-sqlite3's native addon loads in the Node.js that runs Credence (`postinstall`).
//
// Why: npm compiles the addon at install time against the headers its `nodedir` setting names. A
// machine whose npm config points `nodedir` at another Node's headers (a distro's /usr for its own
// Node 20, say) while Node 24 runs npm gets an addon this Node cannot load, and `npm start` dies
// with "Module did not self-register" long after the install said nothing was wrong. Official Node
// builds ship their own headers beside the binary (include/node), so the addon is rebuilt against
// those; when they are missing, the install fails here with a message that says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PROBE = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";

/** The stderr of a failed load that a rebuild for this Node fixes (wrong ABI, or wrong headers). */
export const isBuiltForAnotherNode = (stderr) =>
  /did not self-register|NODE_MODULE_VERSION|ERR_DLOPEN_FAILED/.test(stderr);

/** The root of the running Node's own headers (include/node/node.h under it), or undefined. */
export const ownHeadersRoot = (execPath = process.execPath) => {
  const root = dirname(dirname(execPath));
  return existsSync(join(root, 'include', 'node', 'node.h')) ? root : undefined;
};

/** Loads the addon in a fresh process: a failed dlopen is cached for the life of a process. */
const probe = (cwd) => spawnSync(process.execPath, ['-e', PROBE], { cwd, encoding: 'utf8' });

const main = () => {
  const cwd = process.cwd();
  const first = probe(cwd);
  if (first.status === 0) return 0;
  const root = ownHeadersRoot();
  if (!isBuiltForAnotherNode(first.stderr) || !root || !process.env.npm_execpath) {
    console.error(`better-sqlite3 does not load in Node ${process.version}:\n${first.stderr}`);
    console.error(
      'Rebuild it against this Node: npm_config_nodedir=<Node install root> npm rebuild better-sqlite3',
    );
    return 1;
  }
  console.warn(
    `better-sqlite3 was built for another Node; rebuilding it against ${root} (Node ${process.version})`,
  );
  const rebuild = spawnSync(process.execPath, [process.env.npm_execpath, 'rebuild', 'better-sqlite3'], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: root },
  });
  const second = rebuild.status === 0 ? probe(cwd) : rebuild;
  if (second.status === 0) return 0;
  console.error(
    `better-sqlite3 still does not load after a rebuild against ${root}:\n${second.stderr ?? ''}`,
  );
  return 1;
};

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
