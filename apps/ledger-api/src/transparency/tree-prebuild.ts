import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { sqliteEventsPath } from '@credence/event-store';
import { embeddedTreeIsBehind } from '@credence/transparency';
import type { LedgerConfig } from '../config';
import { WORKER_BOOTSTRAP, workerEntry } from '../infrastructure/worker-entry';

/** A read-only look (a few ms): a restart, whose tree is complete, starts no thread. */
const treeIsBehind = (path: string): boolean => {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return embeddedTreeIsBehind(db);
    } finally {
      db.close();
    }
  } catch {
    // Not a log this version can read: LogRuntime's own build says why.
    return false;
  }
};

/**
 * Builds the embedded log's Merkle tree in a worker thread, for a first start on a log without one
 * (a restored backup, a ledger from before the tree): 1.1-1.7 s of hashing and writing for 200,000
 * events that LogRuntime otherwise does on the main thread before the API listens. Started before
 * the main thread loads the app's modules (~2 s), it runs on the other core meanwhile
 * (issue 20, bench/README.md "wip/mem"). LogRuntime still builds whatever is missing when it
 * opens the tree, so readiness promises what it did; this only gets there first. Resolves the
 * tree's size, or null when there was nothing to build here or the thread failed: LogRuntime's own
 * build then meets (and reports) the same failure.
 */
export const prebuildEmbeddedTree = (
  config: Pick<LedgerConfig, 'eventStore' | 'dataDir'>,
): Promise<number | null> => {
  const path = sqliteEventsPath(config.dataDir);
  // A fresh data dir has no log to build from, and the store creates its own file and schema.
  if (config.eventStore !== 'sqlite' || !existsSync(path) || !treeIsBehind(path))
    return Promise.resolve(null);
  const { entry, loader } = workerEntry(__dirname, 'tree-build.worker');
  const worker = new Worker(WORKER_BOOTSTRAP, {
    eval: true,
    workerData: { entry, loader, path },
    execArgv: [],
  });
  return new Promise((resolve) => {
    worker.once('message', (size: number) => resolve(size));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
};
