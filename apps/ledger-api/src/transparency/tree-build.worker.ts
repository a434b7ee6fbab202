import { parentPort, workerData } from 'node:worker_threads';
import { openDurableDatabase } from '@credence/sqlite';
// The module, not the barrel: a thread that lives a second loads only what it runs.
import { buildEmbeddedTree } from '@credence/transparency/sqlite/embedded-log';

/** The thread of tree-prebuild.ts: builds the embedded log's tree on its own connection, posts its size. */
const db = openDurableDatabase({ path: (workerData as { path: string }).path });
try {
  parentPort!.postMessage(buildEmbeddedTree(db));
} finally {
  db.close();
}
